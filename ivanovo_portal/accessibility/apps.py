from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccessibilityConfig(AppConfig):
    name = "ivanovo_portal.accessibility"
    label = "accessibility"
    verbose_name = _("Accessibility")

    def ready(self):
        from ivanovo_portal.accounts.awaiting import sections

        from .awaiting import FEEDBACK_TO_ANSWER

        sections.register("accessibility_feedback", FEEDBACK_TO_ANSWER)
