from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MonitoringConfig(AppConfig):
    name = "monitoring"
    verbose_name = _("Civic monitoring")

    def ready(self):
        # == frameworks ==
        # == observations ==
        # == rounds ==
        # == requests ==
        # == public and reports ==
        # == demo and indicators ==
        pass
