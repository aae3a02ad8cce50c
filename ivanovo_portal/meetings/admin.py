"""The admin for meetings is for looking things up. A meeting's time, place and status are changed
on the staff screens under ``/events/manage/``, which tell the registrants; registrations, the
attendance and the signed sheets are people's records, read-only here. The one step taken here,
publishing a draft, goes through the same service as the screens."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from ivanovo_portal.admin_base import ReadOnly, ReadOnlyAdmin, take_step

from .models import Attendance, Material, Meeting, ProgrammeItem, Registration, SignedSheet, Speaker
from .services import meetings


class ProgrammeInline(ReadOnly, admin.TabularInline):
    model = ProgrammeItem
    fields = ["starts_at", "title", "position"]


class SpeakerInline(ReadOnly, admin.TabularInline):
    model = Speaker
    fields = ["name", "position", "organisation", "photo_alt"]


class MaterialInline(ReadOnly, admin.TabularInline):
    model = Material
    fields = ["title", "name", "content_type", "size", "sha256", "is_public", "added_by"]


@admin.register(Meeting)
class MeetingAdmin(ReadOnlyAdmin):
    list_display = ["title", "kind", "starts_at", "settlement", "status", "capacity"]
    list_filter = ["status", "kind", "settlement"]
    search_fields = ["title", "slug", "venue"]
    date_hierarchy = "starts_at"
    list_select_related = ["settlement"]
    inlines = [ProgrammeInline, SpeakerInline, MaterialInline]
    actions = ["schedule"]

    @admin.action(description=_("Schedule and publish the selected meetings"))
    def schedule(self, request, queryset):
        take_step(self, request, queryset, meetings.schedule, user=request.user)


@admin.register(Registration)
class RegistrationAdmin(ReadOnlyAdmin):
    list_display = ["code", "name", "meeting", "status", "channel", "created_at"]
    list_filter = ["status", "channel", "meeting"]
    search_fields = ["code", "name", "email", "phone"]
    list_select_related = ["meeting"]


@admin.register(Attendance)
class AttendanceAdmin(ReadOnlyAdmin):
    list_display = ["meeting", "name", "settlement", "group", "way", "recorded_at"]
    list_filter = ["way", "group", "meeting"]
    list_select_related = ["meeting", "settlement", "group"]


@admin.register(SignedSheet)
class SignedSheetAdmin(ReadOnlyAdmin):
    list_display = ["meeting", "uploaded_by", "uploaded_at"]
    # The scan is private: it is downloaded through the meeting's screens, which check rights.
    exclude = ["file"]
    list_select_related = ["meeting", "uploaded_by"]
