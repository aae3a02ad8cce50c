from django.contrib import admin
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from ivanovo_portal.admin_base import take_step

from . import services
from .models import GeneratedDocument


@admin.register(GeneratedDocument)
class GeneratedDocumentAdmin(admin.ModelAdmin):
    list_display = ["title", "kind", "state", "pages", "attempts", "created_at", "finished_at"]
    list_filter = ["status", "kind"]
    search_fields = ["title", "kind", "task_id"]
    date_hierarchy = "created_at"
    list_select_related = ["content_type"]
    fields = [
        "title",
        "kind",
        ("content_type", "object_id"),
        "status",
        ("stored_file", "media_type"),
        ("pages", "size"),
        "sha256",
        "error",
        ("attempts", "worker", "worker_instance", "task_id"),
        "requested_by",
        ("created_at", "started_at", "finished_at", "updated_at"),
    ]
    readonly_fields = [
        "kind",
        "content_type",
        "object_id",
        "status",
        "stored_file",
        "media_type",
        "pages",
        "size",
        "sha256",
        "error",
        "attempts",
        "worker",
        "worker_instance",
        "task_id",
        "requested_by",
        "created_at",
        "started_at",
        "finished_at",
        "updated_at",
    ]
    actions = ["render_again"]

    @admin.display(description=_("status"), ordering="status")
    def state(self, document):
        return document.status_label

    @admin.display(description=_("file"))
    def stored_file(self, document):
        # Through the download view, which checks permission: media files are not served.
        if not document.is_available:
            return "—"
        return format_html('<a href="{}">{}</a>', document.download_url, document.file.name)

    def has_add_permission(self, request):
        return False

    @admin.action(
        description=_("Render the selected failed or stalled documents again"),
        permissions=["change"],
    )
    def render_again(self, request, queryset):
        take_step(self, request, queryset.retryable(), services.retry_document, user=request.user)
