from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from ivanovo_portal.project import Activity

from .targets import LABELS


class Target(models.Model):
    """A project target: what the contract promises under one figure key, and in which activity.

    The label is in code (``targets.py``), translated; the row keeps what staff may adjust.
    """

    key = models.SlugField(_("key"), max_length=60, unique=True)
    activity = models.CharField(
        _("activity"),
        max_length=20,
        choices=Activity.choices,
        blank=True,
        help_text=_("Leave empty for figures of the whole recommendations register."),
    )
    value = models.PositiveIntegerField(_("target value"))
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("target")
        verbose_name_plural = _("targets")
        ordering = ["position", "key"]

    def __str__(self):
        return str(self.label)

    @property
    def label(self):
        return LABELS.get(self.key, self.key)

    def clean_fields(self, exclude=None):
        # A check of the key field, not of the whole row (clean()): a form without the key, such
        # as the admin's list, where it is read-only, is never told about it.
        super().clean_fields(exclude=exclude)
        if "key" not in (exclude or ()) and self.key not in LABELS:
            raise ValidationError({"key": _("This key is not one of the project's indicators.")})
