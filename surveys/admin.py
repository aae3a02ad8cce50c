"""The admin for surveys: questionnaires with their structure inline; responses read-only.

Responses and their answers are the respondents' words: nobody, superusers included, adds,
changes or deletes one here. Staff discard a response (kept, but counted nowhere) with a reason
on the surveys' own screens (``services.responses.discard_responses``).

Once a questionnaire has answers, the admin keeps what the answers are counted by (types, codes,
conditions, option values) read-only and deletes none of its structure: the builder makes the
changes it can check one by one.

The admin is not a second way to change state: a questionnaire's status, dates and published
results, and a report's status and publication date, are read-only; actions open, close and
publish through the same services as the surveys' screens.
"""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from ivanovo_portal.admin_base import ReadOnly, ReadOnlyAdmin, take_step

from .models import (
    AnalysisReport,
    Answer,
    Choice,
    InvitationCode,
    MatrixRow,
    Question,
    Questionnaire,
    Quota,
    ReportItem,
    Response,
    Section,
)
from .selectors import has_responses
from .services import questionnaires, reports


def questionnaire_of(obj):
    """The questionnaire of a questionnaire, a section or a question."""
    if isinstance(obj, Question):
        obj = obj.section
    if isinstance(obj, Section):
        obj = obj.questionnaire
    return obj


class AnsweredLock:
    """Read-only ``locked_fields`` and no deleting once the questionnaire of the page's object
    (the parent's, for an inline) has answers."""

    locked_fields = []

    def is_answered(self, obj):
        return obj is not None and has_responses(questionnaire_of(obj))

    def get_readonly_fields(self, request, obj=None):
        readonly = list(super().get_readonly_fields(request, obj))
        return readonly + self.locked_fields if self.is_answered(obj) else readonly

    def has_delete_permission(self, request, obj=None):
        return not self.is_answered(obj) and super().has_delete_permission(request, obj)


class AnsweredInlineLock(AnsweredLock):
    # A new row could not be given the fields that are read-only.
    def has_add_permission(self, request, obj=None):
        return not self.is_answered(obj) and super().has_add_permission(request, obj)


class SectionInline(admin.TabularInline):
    model = Section
    extra = 0
    fields = ["title", "position"]
    show_change_link = True


class QuotaInline(admin.TabularInline):
    model = Quota
    extra = 0


@admin.register(Questionnaire)
class QuestionnaireAdmin(AnsweredLock, admin.ModelAdmin):
    list_display = ["title", "target_group", "status", "results_published", "quota_total"]
    list_filter = ["status", "target_group", "results_published", "invitation_only"]
    search_fields = ["title", "slug"]
    prepopulated_fields = {"slug": ["title"]}
    # Opening, closing and publishing the results are the actions below, through the services.
    readonly_fields = [
        "status",
        "opens_at",
        "closes_at",
        "results_published",
        "copied_from",
        "created_by",
        "created_at",
        "updated_at",
    ]
    locked_fields = ["target_group", "slug"]
    inlines = [SectionInline, QuotaInline]
    actions = ["open_now", "close", "publish_results", "hide_results"]

    def get_prepopulated_fields(self, request, obj=None):
        return {} if self.is_answered(obj) else super().get_prepopulated_fields(request, obj)

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        # In the admin's transaction, as the builder does: an edited text is a new version.
        questionnaires.record_consent_version(obj)

    @admin.action(
        description=_("Open the selected questionnaires now, until they are closed"),
        permissions=["change"],
    )
    def open_now(self, request, queryset):
        take_step(self, request, queryset, questionnaires.open_questionnaire)

    @admin.action(description=_("Close the selected questionnaires"), permissions=["change"])
    def close(self, request, queryset):
        take_step(self, request, queryset, questionnaires.close_questionnaire)

    @admin.action(
        description=_("Publish the results of the selected questionnaires"),
        permissions=["change"],
    )
    def publish_results(self, request, queryset):
        take_step(self, request, queryset, questionnaires.publish_results)

    @admin.action(
        description=_("Hide the results of the selected questionnaires"), permissions=["change"]
    )
    def hide_results(self, request, queryset):
        take_step(self, request, queryset, questionnaires.publish_results, published=False)


class QuestionInline(AnsweredInlineLock, admin.StackedInline):
    model = Question
    extra = 0
    fields = ["code", "text", "kind", "required", "position"]
    locked_fields = ["code", "kind"]
    show_change_link = True


@admin.register(Section)
class SectionAdmin(admin.ModelAdmin):
    list_display = ["title", "questionnaire", "position"]
    list_filter = ["questionnaire"]
    search_fields = ["title"]
    inlines = [QuestionInline]


class OptionInline(AnsweredInlineLock, admin.TabularInline):
    extra = 0


class ChoiceInline(OptionInline):
    model = Choice
    locked_fields = ["code", "value"]


class MatrixRowInline(OptionInline):
    model = MatrixRow
    locked_fields = ["code"]


@admin.register(Question)
class QuestionAdmin(AnsweredLock, admin.ModelAdmin):
    list_display = ["code", "text", "kind", "required", "section"]
    list_filter = ["kind", "required", "section__questionnaire"]
    search_fields = ["code", "text"]
    raw_id_fields = ["condition_question"]
    filter_horizontal = ["condition_choices"]
    locked_fields = ["kind", "code", "condition_question", "condition_choices"]
    inlines = [ChoiceInline, MatrixRowInline]
    # No "delete selected": it would skip the check of each question's questionnaire.
    actions = None


@admin.register(InvitationCode)
class InvitationCodeAdmin(admin.ModelAdmin):
    list_display = ["code", "questionnaire", "batch", "created_at", "used_on"]
    list_filter = ["questionnaire", "batch"]
    list_select_related = ["questionnaire", "batch__questionnaire"]
    search_fields = ["code"]
    readonly_fields = ["created_at", "used_on"]


class AnswerInline(ReadOnly, admin.TabularInline):
    model = Answer
    extra = 0
    fields = ["question", "choice", "row", "number", "text", "other_text", "date", "settlement"]
    readonly_fields = fields


class DiscardedFilter(admin.SimpleListFilter):
    title = _("discarded")
    parameter_name = "discarded"

    def lookups(self, request, model_admin):
        return [("yes", _("Yes")), ("no", _("No"))]

    def queryset(self, request, queryset):
        if self.value() in ("yes", "no"):
            return queryset.filter(discarded_at__isnull=self.value() == "no")
        return queryset


@admin.register(Response)
class ResponseAdmin(ReadOnlyAdmin):
    list_display = [
        "pk",
        "questionnaire",
        "settlement",
        "channel",
        "form_number",
        "filled_on",
        "submitted_at",
        "suspect",
        "discarded_at",
    ]
    list_filter = [
        "questionnaire",
        "channel",
        "settlement",
        "consented",
        "suspect",
        DiscardedFilter,
    ]
    list_select_related = ["questionnaire", "settlement"]
    search_fields = ["form_number"]
    date_hierarchy = "submitted_at"
    inlines = [AnswerInline]


@admin.register(Answer)
class AnswerAdmin(ReadOnlyAdmin):
    list_display = ["response", "question", "choice", "row", "number", "text", "date"]
    list_filter = ["question__section__questionnaire", "question__kind"]
    search_fields = ["text", "other_text"]
    list_select_related = ["response", "question", "choice", "row"]


class ReportItemInline(ReadOnly, admin.TabularInline):
    # The report's screens add, order and comment its questions, and render its PDF again.
    model = ReportItem
    extra = 0
    fields = ["position", "question", "commentary", "answers_summary"]
    readonly_fields = fields


@admin.register(AnalysisReport)
class AnalysisReportAdmin(admin.ModelAdmin):
    list_display = ["title", "status", "published_at"]
    list_filter = ["status", "questionnaires"]
    search_fields = ["title"]
    prepopulated_fields = {"slug": ["title"]}
    filter_horizontal = ["questionnaires"]
    # Publishing is the actions below, through the service that keeps the figures as they are
    # and renders the PDF.
    readonly_fields = ["status", "published_at", "created_by", "created_at", "updated_at"]
    printed_fields = [
        "title",
        "slug",
        "questionnaires",
        "introduction",
        "methodology_note",
        "conclusions",
    ]
    inlines = [ReportItemInline]
    actions = ["publish", "unpublish"]

    def is_published(self, obj):
        return obj is not None and obj.status == AnalysisReport.Status.PUBLISHED

    def get_readonly_fields(self, request, obj=None):
        # A published report's PDF prints its texts: they change on the report's screens, which
        # render it again.
        if self.is_published(obj):
            return [*self.printed_fields, *self.readonly_fields]
        return super().get_readonly_fields(request, obj)

    def get_prepopulated_fields(self, request, obj=None):
        return {} if self.is_published(obj) else super().get_prepopulated_fields(request, obj)

    @admin.action(description=_("Publish the selected reports"), permissions=["change"])
    def publish(self, request, queryset):
        drafts = queryset.filter(status=AnalysisReport.Status.DRAFT)
        take_step(self, request, drafts, reports.publish, user=request.user)

    @admin.action(description=_("Take the selected reports back to drafts"), permissions=["change"])
    def unpublish(self, request, queryset):
        published = queryset.filter(status=AnalysisReport.Status.PUBLISHED)
        take_step(self, request, published, reports.unpublish, user=request.user)
