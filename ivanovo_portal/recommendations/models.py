"""The recommendations register: what the project recommends to the municipality, the letters
that carry them to the municipal registry, and the public timeline of what became of them."""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.core.validators import MaxValueValidator
from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from ivanovo_portal.places.models import Settlement
from ivanovo_portal.project import PROJECT, Activity


class RecommendationQuerySet(models.QuerySet):
    def public(self):
        """Everything but drafts: once approved, a recommendation is the project's public word."""
        return self.exclude(status=Recommendation.Status.DRAFT)

    def filed(self):
        """Recommendations in a letter that the municipal registry has entered under a number."""
        return self.filter(
            Exists(RegistrySubmission.objects.filed().filter(recommendations=OuterRef("pk")))
        )

    def submitted_or_later(self):
        return self.filter(status__in=Recommendation.Status.sent())

    def for_activity(self, activity):
        return self.filter(activity=activity)

    def for_settlement(self, settlement):
        """Those naming the settlement, and those for the whole municipality (naming none)."""
        named = Recommendation.settlements.through.objects.filter(recommendation=OuterRef("pk"))
        return self.filter(Q(Exists(named.filter(settlement=settlement))) | ~Q(Exists(named)))

    def approved(self):
        return self.filter(status=Recommendation.Status.APPROVED)


class Recommendation(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        APPROVED = "approved", _("Approved")
        SUBMITTED = "submitted", _("Submitted to the municipality")
        ANSWERED = "answered", _("Answered by the municipality")
        ACCEPTED = "accepted", _("Accepted")
        PARTLY_ACCEPTED = "partly_accepted", _("Partly accepted")
        REJECTED = "rejected", _("Rejected")
        IMPLEMENTED = "implemented", _("Implemented")

        @classmethod
        def sent(cls):
            """The statuses of recommendations that have left the project in a letter."""
            return [
                cls.SUBMITTED,
                cls.ANSWERED,
                cls.ACCEPTED,
                cls.PARTLY_ACCEPTED,
                cls.REJECTED,
                cls.IMPLEMENTED,
            ]

    class Decision(models.TextChoices):
        ACCEPTED = "accepted", _("Accepted")
        PARTLY_ACCEPTED = "partly_accepted", _("Partly accepted")
        REJECTED = "rejected", _("Rejected")

    number = models.CharField(_("number"), max_length=20, unique=True, editable=False)
    title = models.CharField(_("title"), max_length=300)
    text = models.TextField(_("recommendation"))
    rationale = models.TextField(_("rationale"))
    addressee = models.CharField(_("addressee"), max_length=200, default=PROJECT.mayor_title)
    activity = models.CharField(
        _("activity"),
        max_length=20,
        choices=Activity.choices,
        blank=True,
        help_text=_("Leave empty for a recommendation that concerns several activities."),
    )
    source_type = models.ForeignKey(
        ContentType,
        verbose_name=_("source type"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
    )
    source_id = models.PositiveBigIntegerField(_("source id"), null=True, blank=True)
    source = GenericForeignKey("source_type", "source_id")
    source_label = models.CharField(
        _("source"),
        max_length=300,
        blank=True,
        help_text=_(
            "Where the recommendation comes from, e.g. “Round table in Ivanovo, 15.05.2023”."
        ),
    )
    settlements = models.ManyToManyField(
        Settlement,
        verbose_name=_("settlements"),
        blank=True,
        related_name="recommendations",
        help_text=_("Leave all unticked for the whole municipality."),
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.DRAFT, db_index=True
    )
    progress = models.PositiveSmallIntegerField(
        _("progress (%)"), default=0, validators=[MaxValueValidator(100)]
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("approved by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    approved_at = models.DateTimeField(_("approved at"), null=True, blank=True)
    response_text = models.TextField(_("municipality's response"), blank=True)
    response_date = models.DateField(_("response date"), null=True, blank=True)
    response_reference = models.CharField(
        _("municipality's reference number"), max_length=50, blank=True
    )
    decision = models.CharField(_("decision"), max_length=20, choices=Decision.choices, blank=True)

    objects = RecommendationQuerySet.as_manager()

    class Meta:
        verbose_name = _("recommendation")
        verbose_name_plural = _("recommendations")
        ordering = ["-created_at", "-pk"]
        permissions = [
            ("approve_recommendation", _("Can approve recommendations")),
            ("submit_recommendation", _("Can submit recommendations to the municipal registry")),
            ("record_registry_entry", _("Can record the municipal registry entry")),
            ("record_response", _("Can record the municipality's response")),
            ("record_implementation", _("Can record implementation progress")),
        ]
        constraints = [
            models.CheckConstraint(condition=Q(progress__lte=100), name="progress_at_most_100")
        ]

    def __str__(self):
        return f"{self.number} {self.title}"

    def get_absolute_url(self):
        return reverse("recommendations:detail", args=[self.pk])

    @property
    def is_public(self):
        return self.status != self.Status.DRAFT

    @property
    def is_editable(self):
        """The text is the project's until it leaves in a letter; after that it is on record."""
        return self.status in (self.Status.DRAFT, self.Status.APPROVED)

    @property
    def origin(self):
        """Where it comes from, in words: the activity, and the named source or label."""
        parts = []
        if self.activity:
            parts.append(self.get_activity_display())
        if self.source_label:
            parts.append(self.source_label)
        elif self.source_id is not None and self.source is not None:
            parts.append(str(self.source))
        return " — ".join(str(part) for part in parts)


class RegistrySubmissionQuerySet(models.QuerySet):
    def filed(self):
        return self.exclude(registry_number="")


class RegistrySubmission(models.Model):
    """The letter that carries approved recommendations to the municipal registry (деловодство)."""

    outgoing_number = models.CharField(_("outgoing number"), max_length=50, unique=True)
    outgoing_date = models.DateField(_("outgoing date"))
    recommendations = models.ManyToManyField(
        Recommendation, verbose_name=_("recommendations"), related_name="submissions"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    registry_number = models.CharField(_("registry entry number"), max_length=50, blank=True)
    registry_date = models.DateField(_("registry entry date"), null=True, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    recorded_at = models.DateTimeField(_("recorded at"), null=True, blank=True)

    objects = RegistrySubmissionQuerySet.as_manager()

    class Meta:
        verbose_name = _("registry submission")
        verbose_name_plural = _("registry submissions")
        ordering = ["-outgoing_date", "-pk"]

    def __str__(self):
        return gettext("Letter No. %(number)s of %(date)s") % {
            "number": self.outgoing_number,
            "date": self.outgoing_date.strftime("%d.%m.%Y"),
        }

    def get_absolute_url(self):
        return reverse("recommendations:submission", args=[self.pk])

    @property
    def is_filed(self):
        return bool(self.registry_number)


class TimelineEntry(models.Model):
    """One dated step in a recommendation's public history."""

    class Kind(models.TextChoices):
        APPROVED = "approved", _("Approved by the project")
        SUBMITTED = "submitted", _("Sent to the municipality")
        FILED = "filed", _("Entered in the municipal registry")
        ANSWERED = "answered", _("The municipality answered")
        ACCEPTED = "accepted", _("Accepted by the municipality")
        PARTLY_ACCEPTED = "partly_accepted", _("Partly accepted by the municipality")
        REJECTED = "rejected", _("Rejected by the municipality")
        PROGRESS = "progress", _("Progress update")
        IMPLEMENTED = "implemented", _("Implemented")

    recommendation = models.ForeignKey(
        Recommendation,
        verbose_name=_("recommendation"),
        on_delete=models.CASCADE,
        related_name="timeline",
    )
    date = models.DateField(_("date"))
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    reference = models.CharField(
        _("reference number"),
        max_length=50,
        blank=True,
        help_text=_("The letter's, the registry's or the municipality's number."),
    )
    text = models.TextField(_("text"), blank=True)
    progress = models.PositiveSmallIntegerField(
        _("progress (%)"), null=True, blank=True, validators=[MaxValueValidator(100)]
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("timeline entry")
        verbose_name_plural = _("timeline entries")
        ordering = ["date", "created_at", "pk"]

    def __str__(self):
        return f"{self.date:%d.%m.%Y} {self.get_kind_display()}"
