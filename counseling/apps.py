from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CounselingConfig(AppConfig):
    name = "counseling"
    verbose_name = _("Counseling")

    def ready(self):
        from counseling import doctor  # noqa: F401 - registers the content check of manage.py doctor
