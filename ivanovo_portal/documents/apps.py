from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DocumentsConfig(AppConfig):
    name = "ivanovo_portal.documents"
    label = "documents"
    verbose_name = _("Generated documents")

    def ready(self):
        from ivanovo_portal.accounts.awaiting import sections
        from ivanovo_portal.accounts.personal_data import declarations, staff_declaration
        from ivanovo_portal.audit.registry import actions

        from . import awaiting
        from .models import GeneratedDocument

        sections.register("documents_failed", awaiting.FAILED_DOCUMENTS)
        declarations.register(
            "documents_staff", staff_declaration(GeneratedDocument, "requested_by")
        )
        for code, label in (
            ("document.requested", _("Document requested")),
            ("document.retried", _("Rendering retried")),
            ("document.ready", _("Document ready")),
            ("document.failed", _("Rendering failed")),
            ("document.requeued", _("Queued again: its worker stopped")),
        ):
            actions.register(code, label)
