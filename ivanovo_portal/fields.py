"""Model fields that every app declares alike: who did something, and when, if it happened."""

from django.conf import settings
from django.db import models


def done_by(verbose_name=None, *, blank=True, help_text=""):
    """The user who did something; the row outlives the account (``SET_NULL``), and the user
    gets no reverse accessor."""
    return models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=verbose_name,
        on_delete=models.SET_NULL,
        null=True,
        blank=blank,
        related_name="+",
        help_text=help_text,
    )


def done_at(verbose_name=None, **options):
    """When something happened, empty until it has."""
    return models.DateTimeField(verbose_name, null=True, blank=True, **options)
