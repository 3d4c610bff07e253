from django.urls import include, path

from clinic import referral_views, views

app_name = "sites"

urlpatterns = [
    path("<slug:slug>/people/", views.people_list, name="people-list"),
    path("<slug:slug>/people/invite/", views.people_invite, name="people-invite"),
    path("<slug:slug>/people/deactivate/", views.people_deactivate, name="people-deactivate"),
    path("<slug:slug>/audit/", views.audit_log, name="audit-log"),
    path("<slug:slug>/referrals/", referral_views.referrals_edit, name="referrals-edit"),
    # The season page counts live households too, so intake serves it (same namespace, no import).
    path("<slug:slug>/", include("intake.site_urls")),
]
