from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path, reverse_lazy

from clinic import reauth, twofactor, views

# A database outage answers 503 with a calm page, not a generic 500 (clinic/errors.py).
handler500 = "clinic.errors.server_error"

urlpatterns = [
    path("", views.home, name="home"),
    # Browsers ask for /favicon.ico whatever the page says; send them to the vendored icon.
    path("favicon.ico", views.favicon, name="favicon"),
    path("accounts/login/", auth_views.LoginView.as_view(), name="login"),
    path("accounts/logout/", views.logout_view, name="logout"),
    path("accounts/confirm-password/", reauth.confirm_password, name="confirm-password"),
    path("accounts/two-factor/setup/", twofactor.setup, name="two-factor-setup"),
    path("accounts/two-factor/verify/", twofactor.verify, name="two-factor-verify"),
    path(
        "accounts/set-password/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(
            template_name="registration/password_set_form.html",
            success_url=reverse_lazy("set-password-done"),
        ),
        name="set-password",
    ),
    path(
        "accounts/set-password/done/",
        auth_views.PasswordResetCompleteView.as_view(template_name="registration/password_set_done.html"),
        name="set-password-done",
    ),
    path("sites/", include("clinic.site_urls")),
    path("keys/rotate/", views.key_rotation, name="key-rotation"),
    path("i18n/setlang/", views.set_language, name="set_language"),
    path("intake/", include("intake.urls")),
    path("counseling/", include("counseling.urls")),
    path("admin/", admin.site.urls),
]
