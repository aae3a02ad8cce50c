"""What every app's admin builds on. The admin is for looking things up, not a second way to
change state: rows that carry state are read-only, and its actions take a domain step through the
same services as the portal's screens (see ``recommendations/admin.py``)."""

from django.contrib import admin, messages
from django.utils.translation import ngettext

from .refusals import Refused


class ReadOnly:
    """Listed and shown, never added, changed or deleted (one by one or in bulk)."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class ReadOnlyAdmin(ReadOnly, admin.ModelAdmin):
    pass


def take_step(model_admin, request, objects, service, **kwargs):
    """Call ``service(obj, **kwargs)`` for each of ``objects``; say how many were changed and,
    for each refused, why."""
    done = 0
    for obj in objects:
        try:
            service(obj, **kwargs)
        except Refused as refusal:
            model_admin.message_user(request, f"{obj}: {refusal.message}", messages.WARNING)
        else:
            done += 1
    if done:
        model_admin.message_user(
            request,
            ngettext(
                "%(count)d of the selected has been changed.",
                "%(count)d of the selected have been changed.",
                done,
            )
            % {"count": done},
            messages.SUCCESS,
        )
