from django.contrib import admin

from .models import Settlement, StakeholderGroup


@admin.register(Settlement)
class SettlementAdmin(admin.ModelAdmin):
    list_display = ["name", "name_en", "is_admin_centre", "mayor_kind", "population", "position"]
    list_editable = ["position"]
    prepopulated_fields = {"slug": ["name_en"]}
    search_fields = ["name", "name_en"]


@admin.register(StakeholderGroup)
class StakeholderGroupAdmin(admin.ModelAdmin):
    list_display = ["name", "name_en", "position"]
    list_editable = ["position"]
    prepopulated_fields = {"slug": ["name_en"]}
