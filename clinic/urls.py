from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path
from django.views.i18n import set_language

from clinic import privacy_views, twofactor, views

urlpatterns = [
    path("", views.home, name="home"),
    path("accounts/login/", auth_views.LoginView.as_view(), name="login"),
    path("accounts/logout/", views.logout_view, name="logout"),
    path("accounts/two-factor/setup/", twofactor.setup, name="two-factor-setup"),
    path("accounts/two-factor/verify/", twofactor.verify, name="two-factor-verify"),
    path("sites/<slug:slug>/audit/", privacy_views.audit_log, name="audit-log"),
    path("sites/<slug:slug>/season/", privacy_views.season_report_view, name="season-report"),
    path(
        "intake/households/<str:code>/withdraw-consent/", privacy_views.consent_withdraw_view, name="consent-withdraw"
    ),
    path("i18n/setlang/", set_language, name="set_language"),
    path("intake/", include("intake.urls")),
    path("counseling/", include("counseling.urls")),
    path("admin/", admin.site.urls),
]
