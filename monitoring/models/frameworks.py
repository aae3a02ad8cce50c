"""Frameworks of criteria: what monitors score, grouped in areas, each criterion with its scale.

A framework is kept in versions. A version is a draft until a round uses it; from then on it is
frozen, so that every round scored against it stays comparable, and editing the framework makes a
new draft version copied from the latest one (``services.frameworks.new_version``).
"""

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from ivanovo_portal.fields import done_at, done_by


class Framework(models.Model):
    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("address"), max_length=80, unique=True)
    description = models.TextField(_("description"), blank=True)
    created_by = done_by()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("framework of criteria")
        verbose_name_plural = _("frameworks of criteria")

    def __str__(self):
        return self.name


class FrameworkVersionQuerySet(models.QuerySet):
    def frozen(self):
        return self.filter(frozen_at__isnull=False)


class FrameworkVersion(models.Model):
    framework = models.ForeignKey(Framework, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveSmallIntegerField(_("version"))
    changes = models.TextField(
        _("what changed"), blank=True, help_text=_("Shown beside the version for comparison.")
    )
    frozen_at = done_at(
        _("frozen at"), help_text=_("A version is frozen when the first round uses it.")
    )
    created_by = done_by()
    created_at = models.DateTimeField(auto_now_add=True)

    objects = FrameworkVersionQuerySet.as_manager()

    class Meta:
        ordering = ["framework", "-number"]
        verbose_name = _("framework version")
        verbose_name_plural = _("framework versions")
        constraints = [
            models.UniqueConstraint(fields=["framework", "number"], name="framework_version_once")
        ]

    def __str__(self):
        return _("%(framework)s, version %(number)s") % {
            "framework": self.framework,
            "number": self.number,
        }

    def get_absolute_url(self):
        return reverse("monitoring:framework", args=[self.framework.slug, self.number])

    @property
    def is_frozen(self):
        return self.frozen_at is not None


class Area(models.Model):
    version = models.ForeignKey(FrameworkVersion, on_delete=models.CASCADE, related_name="areas")
    code = models.CharField(_("code"), max_length=10)
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = _("area")
        verbose_name_plural = _("areas")
        constraints = [
            models.UniqueConstraint(fields=["version", "code"], name="area_code_once_per_version")
        ]

    def __str__(self):
        return f"{self.code}. {self.name}"


class EvidenceKind(models.TextChoices):
    WEBSITE = "website", _("website check")
    REQUEST = "request", _("access-to-information request")
    DOCUMENTS = "documents", _("document review")
    VISIT = "visit", _("field visit")
    INTERVIEW = "interview", _("interview")


class Scope(models.TextChoices):
    """What a criterion is scored for: the municipal administration (the administrative centre's
    row), each of the other settlements' mayoralties, or both."""

    MUNICIPALITY = "municipality", _("the municipal administration")
    MAYORALTIES = "mayoralties", _("each mayoralty")
    ALL = "all", _("the administration and each mayoralty")


class Criterion(models.Model):
    area = models.ForeignKey(Area, on_delete=models.CASCADE, related_name="criteria")
    code = models.CharField(_("code"), max_length=12)
    question = models.TextField(_("question"))
    legal_basis = models.CharField(_("legal basis"), max_length=250, blank=True)
    evidence_kind = models.CharField(
        _("evidence expected"), max_length=12, choices=EvidenceKind.choices
    )
    scope = models.CharField(_("scored for"), max_length=12, choices=Scope.choices)
    weight = models.PositiveSmallIntegerField(_("weight"), default=1)
    allows_not_applicable = models.BooleanField(_("may be not applicable"), default=False)
    guidance = models.TextField(_("guidance for monitors"), blank=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["area__position", "position", "pk"]
        verbose_name = _("criterion")
        verbose_name_plural = _("criteria")

    def __str__(self):
        return f"{self.code} {self.question}"

    def applies_to(self, settlement):
        if self.scope == Scope.ALL:
            return True
        return settlement.is_admin_centre == (self.scope == Scope.MUNICIPALITY)

    @property
    def maximum(self):
        """The highest point of the scale (points are prefetched as ``scale``)."""
        return max(point.value for point in self.scale.all())


class ScalePoint(models.Model):
    criterion = models.ForeignKey(Criterion, on_delete=models.CASCADE, related_name="scale")
    value = models.PositiveSmallIntegerField(_("score"))
    label = models.CharField(_("label"), max_length=60)
    descriptor = models.TextField(_("descriptor"))

    class Meta:
        ordering = ["value"]
        verbose_name = _("point of the scale")
        verbose_name_plural = _("points of the scale")
        constraints = [
            models.UniqueConstraint(fields=["criterion", "value"], name="scale_point_once")
        ]

    def __str__(self):
        return f"{self.value} – {self.label}"
