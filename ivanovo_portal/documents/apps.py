from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DocumentsConfig(AppConfig):
    name = "ivanovo_portal.documents"
    label = "documents"
    verbose_name = _("Generated documents")

    def ready(self):
        from ivanovo_portal.accounts.awaiting import sections
        from ivanovo_portal.audit.registry import actions

        from . import awaiting

        sections.register("documents_failed", awaiting.FAILED_DOCUMENTS)
        for code, label in (
            ("document.requested", _("Document requested")),
            ("document.retried", _("Rendering retried")),
            ("document.ready", _("Document ready")),
            ("document.failed", _("Rendering failed")),
        ):
            actions.register(code, label)
