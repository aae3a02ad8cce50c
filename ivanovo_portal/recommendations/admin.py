from django.contrib import admin

from .models import Recommendation, RegistrySubmission, TimelineEntry


class TimelineEntryInline(admin.TabularInline):
    model = TimelineEntry
    extra = 0
    fields = ["date", "kind", "reference", "text", "progress", "created_by"]
    raw_id_fields = ["created_by"]


@admin.register(Recommendation)
class RecommendationAdmin(admin.ModelAdmin):
    list_display = ["number", "title", "activity", "status", "progress", "approved_at"]
    list_filter = ["status", "activity", "settlements"]
    search_fields = ["number", "title", "text", "source_label"]
    filter_horizontal = ["settlements"]
    readonly_fields = ["number", "created_at", "updated_at", "approved_at"]
    raw_id_fields = ["created_by", "approved_by"]
    inlines = [TimelineEntryInline]


@admin.register(RegistrySubmission)
class RegistrySubmissionAdmin(admin.ModelAdmin):
    list_display = ["outgoing_number", "outgoing_date", "registry_number", "registry_date"]
    search_fields = ["outgoing_number", "registry_number"]
    filter_horizontal = ["recommendations"]
    readonly_fields = ["created_at", "recorded_at"]
    raw_id_fields = ["created_by", "recorded_by"]
