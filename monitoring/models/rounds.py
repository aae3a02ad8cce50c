"""Monitoring rounds: a period scored against one frozen framework version by named monitors."""

from django.conf import settings
from django.core.exceptions import ObjectDoesNotExist
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from ivanovo_portal.fields import done_at, done_by

from .frameworks import FrameworkVersion


class RoundQuerySet(models.QuerySet):
    def published(self):
        return self.filter(status=Round.Status.PUBLISHED)

    def of_member(self, user):
        return self.filter(memberships__user=user).distinct()


class Round(models.Model):
    class Status(models.TextChoices):
        PLANNED = "planned", _("Planned")
        FIELDWORK = "fieldwork", _("Fieldwork")
        VERIFICATION = "verification", _("Verification")
        REPLY = "reply", _("Right of reply")
        PUBLISHED = "published", _("Published")

    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(_("address"), max_length=80, unique=True)
    version = models.ForeignKey(
        FrameworkVersion,
        on_delete=models.PROTECT,
        related_name="rounds",
        verbose_name=_("framework version"),
    )
    period_start = models.DateField(_("period from"))
    period_end = models.DateField(_("period to"))
    description = models.TextField(_("description"), blank=True)
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.PLANNED
    )
    reply_deadline = models.DateField(_("deadline for the municipality's replies"), null=True)
    published_at = done_at(_("published at"))
    created_by = done_by()
    created_at = models.DateTimeField(auto_now_add=True)

    objects = RoundQuerySet.as_manager()

    class Meta:
        ordering = ["-period_start", "-pk"]
        verbose_name = _("monitoring round")
        verbose_name_plural = _("monitoring rounds")
        permissions = [("coordinate_round", "Can coordinate any monitoring round")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(period_end__gte=models.F("period_start")),
                name="round_period_in_order",
            )
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("monitoring:scorecard", args=[self.slug])

    def is_public(self):
        return self.status == self.Status.PUBLISHED

    def public_report(self):
        """The round's monitoring report if it is public, else None (load ``report`` with
        ``select_related`` for lists)."""
        try:
            report = self.report
        except ObjectDoesNotExist:
            return None
        return report if report.is_public() else None


class Membership(models.Model):
    """A person's part in a round. Names are published only with ``name_public``."""

    class Role(models.TextChoices):
        MONITOR = "monitor", _("monitor")
        COORDINATOR = "coordinator", _("coordinator")

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="memberships")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="monitoring_memberships"
    )
    role = models.CharField(_("role"), max_length=12, choices=Role.choices)
    settlements = models.ManyToManyField(
        "places.Settlement",
        related_name="+",
        blank=True,
        verbose_name=_("settlements"),
        help_text=_("Where a monitor does fieldwork; none means every settlement."),
    )
    name_public = models.BooleanField(
        _("name may be published"),
        default=False,
        help_text=_("Only with the person's consent, given to the coordinator."),
    )

    class Meta:
        ordering = ["role", "pk"]
        verbose_name = _("member of a round")
        verbose_name_plural = _("members of a round")
        constraints = [
            models.UniqueConstraint(fields=["round", "user"], name="member_once_per_round"),
            models.UniqueConstraint(
                fields=["round"], condition=models.Q(role="coordinator"), name="one_coordinator"
            ),
        ]

    def __str__(self):
        return f"{self.user} ({self.get_role_display()})"
