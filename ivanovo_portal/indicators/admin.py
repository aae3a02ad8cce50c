from django.contrib import admin

from .models import Target


@admin.register(Target)
class TargetAdmin(admin.ModelAdmin):
    list_display = ["label", "activity", "value", "position"]
    list_editable = ["value", "position"]
    list_filter = ["activity"]
    list_display_links = ["label"]

    def get_readonly_fields(self, request, obj=None):
        # The key ties the target to the figure an app registers: fixed once the row exists.
        return ["key"] if obj else []
