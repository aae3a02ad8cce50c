from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from ivanovo_portal.admin_base import ReadOnlyAdmin, take_step

from . import services
from .models import Feedback


@admin.register(Feedback)
class FeedbackAdmin(ReadOnlyAdmin):
    list_display = ["__str__", "page", "received_at", "reply_due", "answered_at"]
    list_filter = [("answered_at", admin.EmptyFieldListFilter)]
    search_fields = ["page", "problem", "contact", "name"]
    date_hierarchy = "received_at"
    actions = ["mark_answered"]

    @admin.action(description=_("Mark as answered"), permissions=["answer"])
    def mark_answered(self, request, queryset):
        take_step(self, request, queryset, services.mark_answered, user=request.user)

    def has_answer_permission(self, request):
        return request.user.has_perm("accessibility.change_feedback")
