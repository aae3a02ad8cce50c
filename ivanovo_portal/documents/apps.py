from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DocumentsConfig(AppConfig):
    name = "ivanovo_portal.documents"
    label = "documents"
    verbose_name = _("Generated documents")

    def ready(self):
        from ivanovo_portal.accounts.awaiting import sections

        from . import awaiting

        sections.register("documents_failed", awaiting.FAILED_DOCUMENTS)
