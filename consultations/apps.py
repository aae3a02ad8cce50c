from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

# The audit history's words for the справка, the minutes and the reports (the document's and the
# comments' are beside their services).
ACTIONS = (
    ("consultations.decision_recorded", _("Decision on the proposal recorded")),
    ("consultations.statement_published", _("Справка published")),
    ("consultations.minutes_changed", _("Minutes changed")),
    ("consultations.minutes_photo_added", _("Photo added to the minutes")),
    ("consultations.minutes_photo_removed", _("Photo removed from the minutes")),
    ("consultations.minutes_published", _("Minutes published")),
    ("consultations.minutes_unpublished", _("Minutes taken back from the public")),
    ("consultations.report_created", _("Consultation report started")),
    ("consultations.report_changed", _("Consultation report changed")),
    ("consultations.report_published", _("Consultation report published")),
    ("consultations.report_unpublished", _("Consultation report taken back to a draft")),
)


class ConsultationsConfig(AppConfig):
    name = "consultations"
    verbose_name = _("Public consultations")

    def ready(self):
        from ivanovo_portal.accounts.awaiting import sections
        from ivanovo_portal.audit.registry import actions
        from ivanovo_portal.demo import seeders
        from ivanovo_portal.documents.registry import DocumentKind, as_pdf, kinds
        from ivanovo_portal.indicators.registry import figures
        from ivanovo_portal.places.bulletin import results
        from ivanovo_portal.project import Activity
        from ivanovo_portal.recommendations import sources

        from . import (
            bulletin,
            cases,
            indicators,
            kit,
            privacy,
            reports_pdf,
            statement,
            statement_pdf,
        )
        from . import comments as comment_reads
        from .demo import seed
        from .models import Consultation, ConsultationReport
        from .services import comments, documents

        kinds.register(
            statement_pdf.STATEMENT_KIND,
            DocumentKind(
                label=_("Справка on the proposals"),
                renderer=as_pdf(statement_pdf.render_statement_pdf),
                is_public=lambda consultation: consultation.statement_published_at is not None,
                published_on=lambda consultation: consultation.statement_published_at,
                publication=True,
                activity=Activity.CONSULTATIONS,
            ),
        )
        kinds.register(
            reports_pdf.REPORT_KIND,
            DocumentKind(
                label=_("Consultation report"),
                renderer=as_pdf(reports_pdf.render_report_pdf),
                is_public=ConsultationReport.is_public,
                published_on=lambda report: report.published_at,
                publication=True,
                activity=Activity.CONSULTATIONS,
            ),
        )
        kinds.register(
            reports_pdf.MINUTES_KIND,
            DocumentKind(
                label=_("Minutes of a consultation meeting"),
                renderer=as_pdf(reports_pdf.render_minutes_pdf),
                is_public=reports_pdf.minutes_are_public,
                published_on=reports_pdf.minutes_published_on,
                publication=True,
                activity=Activity.CONSULTATIONS,
            ),
        )
        # The village meeting kit: printed by staff for the mayoralty's board and the meeting.
        for key, label, renderer, is_public in (
            (
                kit.NOTICE_KIND,
                _("Notice of a consultation meeting for the board"),
                kit.render_notice_pdf,
                lambda consultation_meeting: consultation_meeting.consultation.is_public(),
            ),
            (
                kit.SUMMARY_KIND,
                _("Summary of a consultation in large print"),
                kit.render_summary_pdf,
                Consultation.is_public,
            ),
            (
                kit.FORM_KIND,
                _("Comment form of a consultation"),
                kit.render_form_pdf,
                Consultation.is_public,
            ),
        ):
            kinds.register(
                key, DocumentKind(label=label, renderer=as_pdf(renderer), is_public=is_public)
            )
        sources.register(
            ConsultationReport,
            is_public=ConsultationReport.is_public,
            refuse_change=sources.while_published,
            activity=Activity.CONSULTATIONS,
        )
        for key in ("consultations_held", "consultations_settlements", "consultation_participants"):
            figures.register(key, getattr(indicators, key))
        results.register("consultations", bulletin.settlement_results)
        cases.register()
        sections.register("consultation_comments_to_moderate", comment_reads.COMMENTS_TO_MODERATE)
        sections.register("consultations_statements_to_publish", statement.STATEMENTS_TO_PUBLISH)
        # After the meetings' seeder (the kernel's apps come first in INSTALLED_APPS): this one
        # links the meetings that one made.
        seeders.register(self.label, seed.seed)
        privacy.declare()
        for code, label in (*documents.ACTIONS, *comments.ACTIONS, *ACTIONS):
            actions.register(code, label)
