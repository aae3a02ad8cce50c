from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from ivanovo_portal.project import Activity


class SurveysConfig(AppConfig):
    name = "surveys"
    verbose_name = _("Surveys and analyses")

    def ready(self):
        from ivanovo_portal.accounts import personal_data
        from ivanovo_portal.accounts.awaiting import sections
        from ivanovo_portal.audit.registry import actions
        from ivanovo_portal.demo import seeders
        from ivanovo_portal.documents.registry import DocumentKind, as_pdf, kinds
        from ivanovo_portal.indicators.registry import figures
        from ivanovo_portal.recommendations import sources
        from ivanovo_portal.take_part import providers

        from . import awaiting, cases, exports, indicators, pdf, take_part
        from .demo import seed
        from .models import AnalysisReport, Questionnaire, Response

        kinds.register(
            pdf.PAPER_FORM_KIND,
            DocumentKind(
                label=_("Paper questionnaire"),
                renderer=as_pdf(pdf.render_paper_form_pdf),
                is_public=pdf.paper_form_is_public,
                published_on=lambda questionnaire: questionnaire.opens_at,
                publication=True,
                activity=Activity.SURVEYS,
            ),
        )
        kinds.register(
            pdf.INVITATION_SLIPS_KIND,
            DocumentKind(
                label=_("Invitation slips"), renderer=as_pdf(pdf.render_invitation_slips_pdf)
            ),
        )
        kinds.register(
            pdf.REPORT_KIND,
            DocumentKind(
                label=_("Analysis report"),
                renderer=as_pdf(pdf.render_report_pdf),
                is_public=AnalysisReport.is_public,
                published_on=lambda report: report.published_at,
                publication=True,
                activity=Activity.SURVEYS,
            ),
        )
        kinds.register(
            exports.RESPONSES_XLSX_KIND,
            exports.export_kind(
                _("Responses with the codebook (XLSX)"), exports.render_responses_xlsx, "XLSX"
            ),
        )
        kinds.register(
            exports.RESPONSES_CSV_KIND,
            exports.export_kind(_("Responses (CSV)"), exports.render_responses_csv, "CSV"),
        )
        kinds.register(
            exports.CODEBOOK_CSV_KIND,
            exports.export_kind(_("Codebook (CSV)"), exports.render_codebook_csv, "CSV"),
        )

        sources.register(
            AnalysisReport,
            is_public=AnalysisReport.is_public,
            refuse_change=sources.while_published,
            activity=Activity.SURVEYS,
        )

        figures.register("survey_questionnaire_types", indicators.survey_questionnaire_types)
        figures.register("survey_respondents", indicators.survey_respondents)
        figures.register("survey_target_groups", indicators.survey_target_groups)
        figures.register("survey_report_citizens", indicators.survey_report_citizens)
        figures.register("survey_report_business", indicators.survey_report_business)
        providers.register("surveys", take_part.open_questionnaires)
        cases.register()
        sections.register("surveys_quotas_behind", awaiting.QUOTAS_BEHIND)
        seeders.register(self.label, seed.seed)
        personal_data.declarations.register(
            "survey_answers",
            personal_data.Declaration(
                model=Response,
                fields=(),
                data=_(
                    "Answers to questionnaires, without a name, address, account or invitation "
                    "code: nothing in them says who gave them"
                ),
                purpose=_("To learn residents' and businesses' views for the project's analyses"),
                legal_basis=personal_data.LegalBasis.CONSENT,
                retention=_("Kept as anonymous statistics"),
            ),
        )
        for key, model, names in (
            ("questionnaires_staff", Questionnaire, ("created_by",)),
            ("reports_staff", AnalysisReport, ("created_by",)),
            ("responses_staff", Response, ("entered_by", "discarded_by")),
        ):
            personal_data.declarations.register(key, personal_data.staff_declaration(model, *names))
        for code, label in (
            ("questionnaire.opened", _("Questionnaire opened")),
            ("questionnaire.closed", _("Questionnaire closed")),
            ("questionnaire.results_published", _("Results published")),
            ("questionnaire.results_hidden", _("Results hidden")),
            ("questionnaire.figures_refreshed", _("Public figures updated")),
            ("questionnaire.responses_discarded", _("Responses discarded")),
            ("report.published", _("Report published")),
            ("report.unpublished", _("Report taken back to a draft")),
        ):
            actions.register(code, label)
