"""The admin for civic monitoring: for looking things up.

A framework's structure is edited on the frameworks' screens, which check what the admin cannot
(codes unique within a version, scales of at least two described points) and refuse any change
to a frozen version; here areas, criteria and scale points are read-only, and a frozen version is
read-only whole. Rounds, observations, scores, evidence, replies, requests and reports move only
through their services (steps checked, every score change in the audit history): the admin shows
them and changes nothing.
"""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from ivanovo_portal.admin_base import ReadOnly, ReadOnlyAdmin, take_step

from .models import (
    Area,
    Criterion,
    Evidence,
    Framework,
    FrameworkVersion,
    InformationRequest,
    Membership,
    MonitoringReport,
    Observation,
    Reply,
    Round,
    ScalePoint,
    SecondScore,
    Sheet,
)
from .services import frameworks


class VersionInline(ReadOnly, admin.TabularInline):
    model = FrameworkVersion
    extra = 0
    fields = ["number", "frozen_at", "changes"]
    readonly_fields = fields
    show_change_link = True


@admin.register(Framework)
class FrameworkAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "created_at"]
    search_fields = ["name", "slug"]
    # Made on the frameworks' screens, with their first version; the address is in public links.
    readonly_fields = ["slug", "created_by", "created_at"]
    inlines = [VersionInline]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class AreaInline(ReadOnly, admin.TabularInline):
    model = Area
    extra = 0
    fields = ["position", "code", "name"]
    readonly_fields = fields
    show_change_link = True


@admin.register(FrameworkVersion)
class FrameworkVersionAdmin(admin.ModelAdmin):
    list_display = ["framework", "number", "frozen_at", "created_at"]
    list_filter = ["framework"]
    list_select_related = ["framework"]
    readonly_fields = ["framework", "number", "frozen_at", "created_by", "created_at"]
    inlines = [AreaInline]
    actions = ["freeze"]

    def has_add_permission(self, request):
        # A new version is a copy of the latest (``services.frameworks.new_version``).
        return False

    def has_change_permission(self, request, obj=None):
        if obj is not None and obj.is_frozen:
            return False
        return super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.action(description=_("Freeze the selected versions"), permissions=["change"])
    def freeze(self, request, queryset):
        drafts = queryset.filter(frozen_at__isnull=True)
        take_step(self, request, drafts, frameworks.freeze, user=request.user)


class ScalePointInline(ReadOnly, admin.TabularInline):
    model = ScalePoint
    extra = 0
    fields = ["value", "label", "descriptor"]
    readonly_fields = fields


class CriterionInline(ReadOnly, admin.TabularInline):
    model = Criterion
    extra = 0
    fields = ["position", "code", "question", "weight", "scope"]
    readonly_fields = fields
    show_change_link = True


@admin.register(Area)
class AreaAdmin(ReadOnlyAdmin):
    list_display = ["code", "name", "version"]
    list_filter = ["version__framework"]
    list_select_related = ["version__framework"]
    search_fields = ["code", "name"]
    inlines = [CriterionInline]


@admin.register(Criterion)
class CriterionAdmin(ReadOnlyAdmin):
    list_display = ["code", "question", "area", "weight", "scope", "evidence_kind"]
    list_filter = ["area__version__framework", "scope", "evidence_kind"]
    list_select_related = ["area"]
    search_fields = ["code", "question", "legal_basis"]
    inlines = [ScalePointInline]


@admin.register(ScalePoint)
class ScalePointAdmin(ReadOnlyAdmin):
    list_display = ["criterion", "value", "label"]
    list_filter = ["criterion__area__version__framework"]
    list_select_related = ["criterion"]
    search_fields = ["criterion__code", "label", "descriptor"]


class MembershipInline(ReadOnly, admin.TabularInline):
    model = Membership
    extra = 0
    fields = ["user", "role", "name_public"]
    readonly_fields = fields


@admin.register(Round)
class RoundAdmin(ReadOnlyAdmin):
    list_display = ["title", "version", "period_start", "period_end", "status", "published_at"]
    list_filter = ["status", "version__framework"]
    list_select_related = ["version__framework"]
    search_fields = ["title", "slug"]
    date_hierarchy = "period_start"
    inlines = [MembershipInline]


@admin.register(Membership)
class MembershipAdmin(ReadOnlyAdmin):
    list_display = ["user", "round", "role", "name_public"]
    list_filter = ["role", "name_public", "round"]
    list_select_related = ["user", "round"]
    search_fields = ["user__username", "user__first_name", "user__last_name"]


class EvidenceInline(ReadOnly, admin.TabularInline):
    model = Evidence
    extra = 0
    fields = ["kind", "description", "url", "name", "sha256", "capture", "is_public", "added_at"]
    readonly_fields = fields


@admin.register(Observation)
class ObservationAdmin(ReadOnlyAdmin):
    list_display = [
        "criterion",
        "settlement",
        "round",
        "monitor",
        "score",
        "final_score",
        "status",
    ]
    list_filter = ["round", "status", "channel", "settlement"]
    list_select_related = ["criterion", "settlement", "round", "monitor"]
    search_fields = ["criterion__code", "finding"]
    inlines = [EvidenceInline]


@admin.register(SecondScore)
class SecondScoreAdmin(ReadOnlyAdmin):
    list_display = ["observation", "scorer", "score", "not_applicable", "scored_at"]
    list_filter = ["observation__round"]
    list_select_related = ["observation__criterion", "observation__settlement", "scorer"]


@admin.register(Evidence)
class EvidenceAdmin(ReadOnlyAdmin):
    list_display = ["__str__", "kind", "observation", "capture", "is_public", "added_at"]
    list_filter = ["kind", "capture", "is_public", "observation__round"]
    list_select_related = ["observation__criterion", "observation__settlement"]
    search_fields = ["description", "url", "name", "sha256"]


@admin.register(Sheet)
class SheetAdmin(ReadOnlyAdmin):
    list_display = ["round", "settlement", "typed_in_by", "typed_in_at"]
    list_filter = ["round"]
    list_select_related = ["round", "settlement", "typed_in_by"]


@admin.register(Reply)
class ReplyAdmin(ReadOnlyAdmin):
    list_display = ["observation", "official", "answered_at"]
    list_filter = ["observation__round"]
    list_select_related = ["observation__criterion", "observation__settlement", "official"]
    search_fields = ["text"]


@admin.register(InformationRequest)
class InformationRequestAdmin(ReadOnlyAdmin):
    list_display = ["subject", "round", "settlement", "submitted_on", "answer"]
    list_filter = ["round", "channel", "answer", "extension"]
    list_select_related = ["round", "settlement"]
    search_fields = ["subject", "text", "registry_number"]
    date_hierarchy = "submitted_on"


@admin.register(MonitoringReport)
class MonitoringReportAdmin(ReadOnlyAdmin):
    list_display = ["title", "round", "status", "published_at"]
    list_filter = ["status"]
    list_select_related = ["round"]
    search_fields = ["title"]
