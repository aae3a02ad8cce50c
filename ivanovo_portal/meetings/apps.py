from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

# The audit history's words for what happens to meetings.
ACTIONS = (
    ("meetings.scheduled", _("Meeting scheduled")),
    ("meetings.postponed", _("Meeting postponed")),
    ("meetings.cancelled", _("Meeting cancelled")),
    ("meetings.updated", _("Meeting changed")),
    ("meetings.registration_entered", _("Registration taken by phone or on paper")),
    ("meetings.registration_cancelled", _("Registration cancelled by staff")),
    ("meetings.attendance_removed", _("Check-in removed as a mistake")),
    ("meetings.sheet_typed_in", _("Signed sign-in sheet typed in")),
    ("meetings.signed_sheet_added", _("Scan of the signed sign-in sheet kept")),
    ("meetings.closed", _("Meeting closed: attendance final")),
)


class MeetingsConfig(AppConfig):
    name = "ivanovo_portal.meetings"
    label = "meetings"
    verbose_name = _("Public meetings")

    def ready(self):
        from ivanovo_portal.audit.registry import actions
        from ivanovo_portal.demo import seeders
        from ivanovo_portal.documents.registry import DocumentKind, as_pdf, kinds

        from . import certificates, demo, pdf, privacy
        from .services import content

        kinds.register(
            pdf.SIGN_IN_SHEET_KIND,
            DocumentKind(label=_("Sign-in sheet"), renderer=as_pdf(pdf.render_sign_in_sheet_pdf)),
        )
        certificates.register()
        seeders.register(self.label, demo.seed)
        privacy.declare()
        for code, label in (*ACTIONS, *content.ACTIONS):
            actions.register(code, label)
