from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path
from django.views.i18n import set_language

from clinic import views

urlpatterns = [
    path("", views.home, name="home"),
    path("accounts/login/", auth_views.LoginView.as_view(), name="login"),
    path("accounts/logout/", views.logout_view, name="logout"),
    path("i18n/setlang/", set_language, name="set_language"),
    path("intake/", include("intake.urls")),
    path("counseling/", include("counseling.urls")),
    path("admin/", admin.site.urls),
]
