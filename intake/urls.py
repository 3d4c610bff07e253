from django.urls import path

from intake import views

app_name = "intake"

urlpatterns = [
    path("", views.household_list, name="household-list"),
    path("find/", views.household_find, name="household-find"),
    path("screening/", views.screening, name="screening"),
    path("screening/results/", views.screening_results, name="screening-results"),
    path("screening/summary/", views.screening_summary, name="screening-summary"),
    path("households/new/", views.household_consent, name="household-consent"),
    path("households/new/details/", views.household_create, name="household-create"),
    path("households/<str:code>/", views.household_detail, name="household-detail"),
    path("households/<str:code>/edit/", views.household_edit, name="household-edit"),
    path("households/<str:code>/close/", views.household_close_view, name="household-close"),
    path("households/<str:code>/withdraw-consent/", views.consent_withdraw_view, name="consent-withdraw"),
    path("sites/<slug:slug>/purge/", views.purge_expired_view, name="purge-expired"),
]
