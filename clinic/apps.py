from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ClinicConfig(AppConfig):
    name = "clinic"
    verbose_name = _("Clinic")

    def ready(self):
        from django.contrib.auth.signals import user_logged_in

        from clinic.context_processors import remember_navigation
        from clinic.middleware import start_session_clock

        # Session bookkeeping, not business logic: the limits count from the moment of sign-in.
        user_logged_in.connect(start_session_clock, dispatch_uid="clinic.start_session_clock")
        user_logged_in.connect(remember_navigation, dispatch_uid="clinic.remember_navigation")
