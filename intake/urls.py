from django.urls import path

from intake import views

app_name = "intake"

urlpatterns = [
    path("", views.household_list, name="household-list"),
    path("households/<str:code>/", views.household_detail, name="household-detail"),
]
