from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SurveysConfig(AppConfig):
    name = "surveys"
    verbose_name = _("Surveys and analyses")

    def ready(self):
        from ivanovo_portal.documents.registry import register

        # Imported for what they register: the surveys' figures, the open questionnaires for
        # the home page.
        from . import indicators, take_part  # noqa: F401
        from .invitations import INVITATION_SLIPS_KIND, render_invitation_slips_pdf
        from .paper import PAPER_FORM_KIND, paper_form_is_public, render_paper_form_pdf

        register(
            PAPER_FORM_KIND,
            label=_("Paper questionnaire"),
            renderer=render_paper_form_pdf,
            is_public=paper_form_is_public,
        )
        register(
            INVITATION_SLIPS_KIND,
            label=_("Invitation slips"),
            renderer=render_invitation_slips_pdf,
            is_public=False,
        )

        from ivanovo_portal import demo

        from . import demo as surveys_demo
        from .reports import (
            REPORT_KIND,
            is_public,
            recommendation_change_refusal,
            render_report_pdf,
        )

        register(
            REPORT_KIND, label=_("Analysis report"), renderer=render_report_pdf, is_public=is_public
        )
        demo.register(surveys_demo.seed)

        from ivanovo_portal.recommendations import sources

        from . import awaiting  # noqa: F401  (registers what awaits staff: quotas behind)
        from .models import AnalysisReport

        sources.register(
            AnalysisReport, is_public=is_public, refuse_change=recommendation_change_refusal
        )
