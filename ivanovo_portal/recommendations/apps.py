from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RecommendationsConfig(AppConfig):
    name = "ivanovo_portal.recommendations"
    label = "recommendations"
    verbose_name = _("Recommendations register")

    def ready(self):
        from ivanovo_portal.accounts.awaiting import sections
        from ivanovo_portal.accounts.personal_data import declarations, staff_declaration
        from ivanovo_portal.audit.registry import actions
        from ivanovo_portal.demo import seeders
        from ivanovo_portal.documents.registry import DocumentKind, as_pdf, kinds
        from ivanovo_portal.indicators.registry import figures

        from . import awaiting, demo, indicators
        from .models import Attachment, Recommendation, RegistrySubmission, TimelineEntry
        from .pdf import LETTER_KIND, render_letter_pdf

        # A letter becomes public when it is filed: until then it may still change or be cancelled.
        kinds.register(
            LETTER_KIND,
            DocumentKind(
                label=_("Registry letter"),
                renderer=as_pdf(render_letter_pdf),
                is_public=lambda letter: letter.is_filed,
                published_on=lambda letter: letter.outgoing_date,
                publication=True,
                # The letter's own page is the staff's: the public reads the letter itself.
                source_page=lambda letter: None,
            ),
        )

        figures.register("survey_recommendations_filed", indicators.survey_recommendations_filed)
        figures.register(
            "consultation_recommendations_filed", indicators.consultation_recommendations_filed
        )
        figures.register("recommendations_filed", indicators.recommendations_filed)
        sections.register("recommendations_drafts", awaiting.DRAFTS)
        sections.register("recommendations_without_letter", awaiting.WITHOUT_LETTER)
        sections.register("recommendations_letters_to_file", awaiting.LETTERS_TO_FILE)
        sections.register("recommendations_registry_entries", awaiting.REGISTRY_ENTRIES)
        sections.register("recommendations_awaiting_answer", awaiting.AWAITING_ANSWER)
        sections.register(
            "recommendations_awaiting_implementation", awaiting.AWAITING_IMPLEMENTATION
        )
        seeders.register(self.label, demo.seed)
        for key, model, names in (
            ("recommendations_staff", Recommendation, ("created_by", "approved_by")),
            ("recommendation_events_staff", TimelineEntry, ("created_by",)),
            (
                "letters_staff",
                RegistrySubmission,
                ("created_by", "filed_by", "recorded_by", "cancelled_by"),
            ),
            ("letter_attachments_staff", Attachment, ("uploaded_by",)),
        ):
            declarations.register(key, staff_declaration(model, *names))
        for code, label in (
            ("recommendation.created", _("Recommendation written")),
            ("recommendation.updated", _("Wording changed")),
            ("recommendation.approved", _("Recommendation approved")),
            ("recommendation.response_recorded", _("Municipality's response recorded")),
            ("recommendation.decision_recorded", _("Decision recorded")),
            ("recommendation.progress_recorded", _("Progress recorded")),
            ("recommendation.event_added", _("Event added to the timeline")),
            ("letter.prepared", _("Letter prepared")),
            ("letter.corrected", _("Letter corrected")),
            ("letter.cancelled", _("Letter cancelled")),
            ("letter.filed", _("Letter filed")),
            ("letter.registry_entry_recorded", _("Registry entry recorded")),
            ("letter.filing_corrected", _("Filing corrected")),
            ("attachment.added", _("File attached to the letter")),
            ("attachment.published", _("File made public")),
            ("attachment.withdrawn", _("File made private")),
        ):
            actions.register(code, label)
