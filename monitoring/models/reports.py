"""The monitoring report of a round: composed by staff, its figures computed from the round."""

from django.contrib.contenttypes.fields import GenericRelation
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from ivanovo_portal.fields import done_at, done_by

from .rounds import Round


class MonitoringReport(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        PUBLISHED = "published", _("Published")

    round = models.OneToOneField(Round, on_delete=models.PROTECT, related_name="report")
    title = models.CharField(_("title"), max_length=250)
    slug = models.SlugField(_("address"), max_length=80, unique=True)
    summary = models.TextField(_("summary"), blank=True)
    methodology_note = models.TextField(
        _("notes on the method"),
        blank=True,
        help_text=_("Added below the method computed from the round."),
    )
    findings = models.TextField(
        _("commentary on the findings"),
        blank=True,
        help_text=_("Shown before the findings by area."),
    )
    conclusions = models.TextField(_("conclusions"), blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    published_at = done_at(_("published at"))
    created_by = done_by()
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    recommendations = GenericRelation(
        "recommendations.Recommendation",
        content_type_field="source_type",
        object_id_field="source_id",
    )

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("monitoring report")
        verbose_name_plural = _("monitoring reports")

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("monitoring:report", args=[self.slug])

    def is_public(self):
        return self.status == self.Status.PUBLISHED
