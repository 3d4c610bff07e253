from django.urls import path

from clinic import referral_views, views

app_name = "sites"

urlpatterns = [
    path("<slug:slug>/people/", views.people_list, name="people-list"),
    path("<slug:slug>/people/invite/", views.people_invite, name="people-invite"),
    path("<slug:slug>/people/deactivate/", views.people_deactivate, name="people-deactivate"),
    path("<slug:slug>/audit/", views.audit_log, name="audit-log"),
    path("<slug:slug>/referrals/", referral_views.referrals_edit, name="referrals-edit"),
    path("<slug:slug>/season/", views.season_report_view, name="season-report"),
]
