from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ToolkitConfig(AppConfig):
    name = "toolkit"
    verbose_name = _("Participation toolkit")

    def ready(self):
        from ivanovo_portal.demo import seeders

        from . import book, indicators, privacy, services
        from .demo import seed

        book.register()
        indicators.register()
        privacy.declare()
        services.register()
        seeders.register(self.label, seed.seed)
