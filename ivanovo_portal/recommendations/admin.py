"""The register in the admin, for looking things up: every step goes through the back office's
services, which keep the timeline in order and say why they refuse, so nothing is written here."""

from django.contrib import admin
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from ivanovo_portal.admin_base import ReadOnly, ReadOnlyAdmin, take_step

from . import services
from .models import Attachment, Recommendation, RegistrySubmission, TimelineEntry


class TimelineEntryInline(ReadOnly, admin.TabularInline):
    model = TimelineEntry
    fk_name = "recommendation"
    extra = 0
    fields = ["date", "kind", "reference", "text", "progress", "submission", "created_by"]
    readonly_fields = fields


@admin.register(Recommendation)
class RecommendationAdmin(ReadOnlyAdmin):
    list_display = ["number", "title", "activity", "status", "progress", "approved_at"]
    list_filter = ["status", "activity", "settlements"]
    search_fields = ["number", "title", "text", "source_label"]
    inlines = [TimelineEntryInline]
    actions = ["approve_drafts"]

    @admin.action(description=_("Approve the selected drafts"), permissions=["approve"])
    def approve_drafts(self, request, queryset):
        take_step(self, request, queryset, services.approve, user=request.user)

    def has_approve_permission(self, request):
        return request.user.has_perm("recommendations.approve_recommendation")


class AttachmentInline(ReadOnly, admin.TabularInline):
    model = Attachment
    extra = 0
    fields = ["kind", "download", "size", "is_public", "uploaded_by", "uploaded_at"]
    readonly_fields = fields

    @admin.display(description=_("file"))
    def download(self, attachment):
        # Through the view that checks permission: media files are not served.
        return format_html(
            '<a href="{}">{}</a>', attachment.get_absolute_url(), attachment.original_name
        )


@admin.register(RegistrySubmission)
class RegistrySubmissionAdmin(ReadOnlyAdmin):
    list_display = [
        "outgoing_number",
        "outgoing_date",
        "status",
        "filed_on",
        "registry_number",
        "registry_date",
        "answer_due",
    ]
    list_filter = ["status"]
    search_fields = ["outgoing_number", "registry_number"]
    inlines = [AttachmentInline]
