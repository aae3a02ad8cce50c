from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SurveysConfig(AppConfig):
    name = "surveys"
    verbose_name = _("Surveys and analyses")

    def ready(self):
        from . import indicators  # noqa: F401  (registers the surveys' figures)
