"""The admin for the toolkit: for looking things up only. A method is changed on the toolkit's
own screens (``/toolkit/manage/``), where each save is a version; versions and editions are what
was saved and published, and stay as they are."""

from django.contrib import admin

from ivanovo_portal.admin_base import ReadOnly, ReadOnlyAdmin

from .models import Edition, Method, MethodStep, MethodTemplate, MethodVersion, Placement


class PlacementInline(ReadOnly, admin.TabularInline):
    model = Placement
    extra = 0
    fields = ["level", "step"]
    readonly_fields = fields


class StepInline(ReadOnly, admin.TabularInline):
    model = MethodStep
    extra = 0
    fields = ["position", "day", "title", "who"]
    readonly_fields = fields


class TemplateInline(ReadOnly, admin.TabularInline):
    model = MethodTemplate
    extra = 0
    fields = ["position", "title"]
    readonly_fields = fields


@admin.register(Method)
class MethodAdmin(ReadOnlyAdmin):
    list_display = ["name", "slug", "weeks", "cost", "facilitation", "offline", "updated_at"]
    list_filter = ["cost", "facilitation", "offline", "paper", "online", "elderly", "literacy"]
    search_fields = ["name", "slug", "summary"]
    inlines = [PlacementInline, StepInline, TemplateInline]


@admin.register(MethodVersion)
class MethodVersionAdmin(ReadOnlyAdmin):
    list_display = ["method", "number", "saved_at", "saved_by", "note"]
    list_filter = ["method"]
    search_fields = ["method__name", "note"]
    list_select_related = ["method", "saved_by"]


@admin.register(Edition)
class EditionAdmin(ReadOnlyAdmin):
    list_display = ["number", "published_at", "published_by", "presented_at", "note"]
    list_select_related = ["published_by", "presented_at"]
