from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RecommendationsConfig(AppConfig):
    name = "ivanovo_portal.recommendations"
    label = "recommendations"
    verbose_name = _("Recommendations register")

    def ready(self):
        from ivanovo_portal.documents.registry import register

        from . import (
            awaiting,  # noqa: F401  (registers what awaits staff and officials)
            indicators,  # noqa: F401  (registers the register's figures)
        )
        from .pdf import LETTER_KIND, render_letter_pdf

        # A letter becomes public when it is filed: until then it may still change or be cancelled.
        register(
            LETTER_KIND,
            label=_("Registry letter"),
            renderer=render_letter_pdf,
            is_public=lambda letter: letter.is_filed,
        )
