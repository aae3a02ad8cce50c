from django.contrib import admin

from ivanovo_portal.admin_base import ReadOnlyAdmin

from .models import Entry


@admin.register(Entry)
class EntryAdmin(ReadOnlyAdmin):
    list_display = ["at", "action", "actor_name", "content_type", "object_id"]
    list_filter = ["action", "content_type"]
    search_fields = ["action", "actor_name", "reason"]
    date_hierarchy = "at"
    list_select_related = ["content_type"]
    fields = [
        "at",
        "action",
        ("content_type", "object_id"),
        "actor",
        "actor_name",
        "changes",
        "reason",
    ]
    readonly_fields = [
        "at",
        "action",
        "content_type",
        "object_id",
        "actor",
        "actor_name",
        "changes",
        "reason",
    ]
