from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AuditConfig(AppConfig):
    name = "ivanovo_portal.audit"
    label = "audit"
    verbose_name = _("Audit history")

    def ready(self):
        from ivanovo_portal.accounts.personal_data import declarations, staff_declaration

        from .models import Entry

        declarations.register(
            "audit_history",
            staff_declaration(Entry, "actor", "actor_name", context=("at",), links=("actor",)),
        )
