from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CampaignConfig(AppConfig):
    name = "campaign"
    verbose_name = _("Information campaign")

    def ready(self):
        from ivanovo_portal.demo import seeders

        from . import cases, events, news, newsletter, reach
        from .demo import seed

        news.register()
        events.register()
        reach.register()
        newsletter.register()
        cases.register()
        seeders.register(self.label, seed.seed)
