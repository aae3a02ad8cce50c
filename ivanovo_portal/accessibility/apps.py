from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccessibilityConfig(AppConfig):
    name = "ivanovo_portal.accessibility"
    label = "accessibility"
    verbose_name = _("Accessibility")

    def ready(self):
        from ivanovo_portal.accounts import personal_data
        from ivanovo_portal.accounts.awaiting import sections

        from .awaiting import FEEDBACK_TO_ANSWER
        from .models import Feedback

        sections.register("accessibility_feedback", FEEDBACK_TO_ANSWER)
        personal_data.declarations.register(
            "accessibility_feedback",
            personal_data.Declaration(
                model=Feedback,
                fields=("name", "contact"),
                data=_(
                    "Accessibility feedback: the sender's name and e-mail or phone, and the message"
                ),
                purpose=_("To reply to the sender and make the portal accessible to them"),
                legal_basis=personal_data.LegalBasis.CONSENT,
                retention=_("%(days)s days after our reply, then deleted"),
                retention_days=365,
                expired=personal_data.older_than(Feedback, "answered_at"),
                of=lambda person: (
                    Feedback.objects.filter(contact__iexact=person.email)
                    if person.email
                    else Feedback.objects.none()
                ),
                context=("page", "problem", "received_at", "answered_at"),
            ),
        )
        personal_data.declarations.register(
            "accessibility_feedback_answered_by",
            personal_data.staff_declaration(Feedback, "answered_by"),
        )
