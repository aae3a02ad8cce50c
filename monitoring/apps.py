from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from ivanovo_portal.project import Activity

# The audit history's words for what happens in monitoring.
ACTIONS = (
    ("monitoring.version_frozen", _("Version frozen for the rounds that use it")),
    ("monitoring.version_created", _("New version of the framework made")),
    ("monitoring.round_created", _("Round planned")),
    ("monitoring.round_updated", _("Round changed")),
    ("monitoring.round_members_set", _("People of the round changed")),
    ("monitoring.fieldwork_started", _("Fieldwork started")),
    ("monitoring.verification_started", _("Verification started")),
    ("monitoring.reply_opened", _("Right of reply opened")),
    ("monitoring.round_published", _("Round published")),
    ("monitoring.observation_submitted", _("Observation submitted with its score")),
    ("monitoring.evidence_added", _("Evidence added")),
    ("monitoring.evidence_removed", _("Evidence removed from a draft")),
    ("monitoring.evidence_published", _("Evidence made public")),
    ("monitoring.evidence_withdrawn", _("Evidence no longer public")),
    ("monitoring.sheet_typed_in", _("Paper sheet typed in")),
    ("monitoring.second_scored", _("Second score given")),
    ("monitoring.scores_reconciled", _("Scores reconciled")),
    ("monitoring.reply_given", _("Municipality's reply given")),
    ("monitoring.reply_changed", _("Municipality's reply changed")),
    (
        "monitoring.request_answer_recorded",
        _("Answer to an access-to-information request recorded"),
    ),
    ("monitoring.report_published", _("Monitoring report published")),
    ("monitoring.report_unpublished", _("Monitoring report taken back to a draft")),
)


class MonitoringConfig(AppConfig):
    name = "monitoring"
    verbose_name = _("Civic monitoring")

    def ready(self):
        from ivanovo_portal.accounts import personal_data as register
        from ivanovo_portal.accounts.awaiting import sections
        from ivanovo_portal.audit.registry import actions
        from ivanovo_portal.demo import seeders
        from ivanovo_portal.documents.registry import DocumentKind, as_pdf, kinds
        from ivanovo_portal.indicators.registry import figures
        from ivanovo_portal.places.bulletin import results
        from ivanovo_portal.recommendations import sources

        from . import (
            awaiting,
            bulletin,
            cases,
            exports,
            indicators,
            overdue,
            pdf,
            personal_data,
            sheets,
        )
        from .demo import seed
        from .models import MonitoringReport

        kinds.register(
            sheets.SHEET_KIND,
            DocumentKind(label=_("Fieldwork sheet"), renderer=as_pdf(sheets.render_sheet_pdf)),
        )
        kinds.register(
            pdf.REPORT_KIND,
            DocumentKind(
                label=_("Monitoring report"),
                renderer=as_pdf(pdf.render_report_pdf),
                is_public=MonitoringReport.is_public,
                published_on=lambda report: report.published_at,
                publication=True,
                activity=Activity.MONITORING,
            ),
        )
        for key, label, renderer, format_ in (
            (
                exports.OBSERVATIONS_CSV_KIND,
                _("Observations and scores of the round (CSV)"),
                exports.render_observations_csv,
                "CSV",
            ),
            (
                exports.REQUESTS_CSV_KIND,
                _("Access-to-information requests of the round (CSV)"),
                exports.render_requests_csv,
                "CSV",
            ),
            (
                exports.ROUND_XLSX_KIND,
                _("Observations, scores and requests of the round (XLSX)"),
                exports.render_round_xlsx,
                "XLSX",
            ),
        ):
            kinds.register(key, exports.export_kind(label, renderer, format_))

        sources.register(
            MonitoringReport,
            is_public=MonitoringReport.is_public,
            refuse_change=sources.while_published,
            activity=Activity.MONITORING,
        )

        results.register("monitoring", bulletin.settlement_results)
        cases.register()
        figures.register("monitoring_rounds_completed", indicators.monitoring_rounds_completed)
        figures.register("monitoring_reports_published", indicators.monitoring_reports_published)
        figures.register(
            "monitoring_recommendations_disseminated",
            indicators.monitoring_recommendations_disseminated,
        )
        sections.register("monitoring_second_scores", awaiting.SECOND_SCORES)
        sections.register("monitoring_disputes", awaiting.DISPUTES)
        sections.register("monitoring_replies", awaiting.REPLIES)
        sections.register("monitoring_requests_overdue", overdue.OVERDUE_REQUESTS)
        seeders.register(self.label, seed.seed)
        for key, declaration in personal_data.declarations():
            register.declarations.register(key, declaration)
        for code, label in ACTIONS:
            actions.register(code, label)
