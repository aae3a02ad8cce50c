from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IndicatorsConfig(AppConfig):
    name = "ivanovo_portal.indicators"
    label = "indicators"
    verbose_name = _("Project indicators")
