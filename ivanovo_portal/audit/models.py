"""The audit history: one row per change to what the public or the municipality relies on, written
by the service that makes the change and never changed afterwards."""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _

from .registry import actions


class HistoryIsPermanent(Exception):
    """An attempt to change or delete a history entry."""


class EntryQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise HistoryIsPermanent("History entries cannot be changed.")

    def delete(self):
        raise HistoryIsPermanent("History entries cannot be deleted.")


class Entry(models.Model):
    """Who did what to which object, when, what changed (field → [old, new], as text) and why."""

    content_type = models.ForeignKey(
        ContentType, on_delete=models.PROTECT, verbose_name=_("kind of object")
    )
    object_id = models.PositiveBigIntegerField(_("object id"))
    target = GenericForeignKey("content_type", "object_id")
    action = models.CharField(_("action"), max_length=64)
    # The name stays when the account goes: the record must still say who it was.
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("by"),
    )
    actor_name = models.CharField(_("by"), max_length=300, blank=True)
    at = models.DateTimeField(_("when"))
    changes = models.JSONField(_("changes"), default=dict, blank=True)
    reason = models.TextField(_("reason"), blank=True)

    objects = EntryQuerySet.as_manager()

    class Meta:
        verbose_name = _("history entry")
        verbose_name_plural = _("history")
        ordering = ["-at", "-pk"]
        indexes = [models.Index(fields=["content_type", "object_id", "at"])]

    def __str__(self):
        return f"{self.at:%Y-%m-%d %H:%M} {self.action}"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise HistoryIsPermanent("History entries cannot be changed.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise HistoryIsPermanent("History entries cannot be deleted.")

    @property
    def label(self):
        return actions.get(self.action)

    @property
    def rows(self):
        """``(field's name, old, new)`` for each change, the field named as its model names it."""
        model = ContentType.objects.get_for_id(self.content_type_id).model_class()
        fields = {field.name: field for field in model._meta.get_fields()} if model else {}
        return [
            (_field_name(fields[name]) if name in fields else name, old, new)
            for name, (old, new) in self.changes.items()
        ]


def _field_name(field):
    # A reverse relation (a recommendation's timeline) is named by the rows it leads to.
    if field.auto_created and not field.concrete:
        return field.related_model._meta.verbose_name_plural
    return field.verbose_name
