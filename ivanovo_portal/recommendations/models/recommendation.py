"""Recommendations and their public timeline."""

from datetime import date

from django.apps import apps
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.core.validators import MaxValueValidator
from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from ivanovo_portal.fields import done_at, done_by
from ivanovo_portal.places.models import Settlement
from ivanovo_portal.project import PROJECT, Activity

from .. import sources


def default_addressee():
    # A function, not the value: the mayor's title comes from the environment, and a migration
    # must not change with a deployment's settings.
    return PROJECT.mayor_title


class RecommendationQuerySet(models.QuerySet):
    def public(self):
        """Everything but drafts: once approved, a recommendation is the project's public word."""
        return self.exclude(status=Recommendation.Status.DRAFT)

    def filed(self):
        """Recommendations in a letter that has been filed with the municipality."""
        return self.filter(status__in=Recommendation.Status.filed_or_later())

    def for_activity(self, activity):
        return self.filter(activity=activity)

    def from_source(self, source):
        """Those written from ``source`` (an analysis report, a monitoring report…)."""
        return self.filter(
            source_type=ContentType.objects.get_for_model(source), source_id=source.pk
        )

    def for_settlement(self, settlement):
        """Those naming the settlement, and those for the whole municipality (naming none)."""
        named = Recommendation.settlements.through.objects.filter(recommendation=OuterRef("pk"))
        return self.filter(Q(Exists(named.filter(settlement=settlement))) | ~Q(Exists(named)))

    def approved(self):
        return self.filter(status=Recommendation.Status.APPROVED)

    def awaiting_answer(self):
        """Filed with the municipality, which has not answered yet."""
        return self.filter(status=Recommendation.Status.FILED)

    def awaiting_implementation(self):
        """Answered, and the municipality's decision or its implementation still to come."""
        Status = Recommendation.Status
        return self.filter(status__in=[Status.ANSWERED, Status.ACCEPTED, Status.PARTLY_ACCEPTED])


class Recommendation(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        APPROVED = "approved", _("Approved")
        IN_LETTER = "in_letter", _("In a letter not filed yet")
        FILED = "filed", _("Filed with the municipality")
        ANSWERED = "answered", _("Answered by the municipality")
        ACCEPTED = "accepted", _("Accepted")
        PARTLY_ACCEPTED = "partly_accepted", _("Partly accepted")
        REJECTED = "rejected", _("Rejected")
        IMPLEMENTED = "implemented", _("Implemented")

        @classmethod
        def filed_or_later(cls):
            """The statuses of recommendations whose letter the municipality has received."""
            return [
                cls.FILED,
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
    addressee = models.CharField(_("addressee"), max_length=200, default=default_addressee)
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
    created_by = done_by(_("created by"), blank=False)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    approved_by = done_by(_("approved by"))
    approved_at = done_at(_("approved at"))
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
            ("submit_recommendation", _("Can prepare, correct and cancel letters")),
            ("record_registry_entry", _("Can record the filing and the municipal registry entry")),
            ("correct_registry_entry", _("Can correct a recorded filing or registry entry")),
            ("record_event", _("Can add events to a recommendation's timeline")),
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
        """The text is the project's until its letter is filed; after that it is on record."""
        return self.status in (self.Status.DRAFT, self.Status.APPROVED, self.Status.IN_LETTER)

    @property
    def source_name(self):
        """The source in words: the label typed, or the name of the source object."""
        if self.source_label:
            return self.source_label
        if self.source_id is not None and self.source is not None:
            return str(self.source)
        return ""

    @property
    def origin(self):
        """Where it comes from, in words: the activity, and the named source or label."""
        parts = [self.get_activity_display() if self.activity else "", self.source_name]
        return " — ".join(str(part) for part in parts if part)

    @property
    def public_source_url(self):
        """The address of the source's public page, or "" while the source is not public."""
        if self.source_id is None:
            return ""
        return sources.public_url(self.source)


class TimelineEntry(models.Model):
    """One dated step in a recommendation's public history. Entries are never changed: a mistake
    in one is put right by a later correction that names it (``corrects``)."""

    class Kind(models.TextChoices):
        APPROVED = "approved", _("Approved by the project")
        LETTER_PREPARED = "letter_prepared", _("Letter to the municipality prepared")
        LETTER_WITHDRAWN = "letter_withdrawn", _("Taken out of the letter before filing")
        FILED = "filed", _("Letter filed with the municipality")
        REGISTERED = "registered", _("Entered in the municipal registry")
        CORRECTED = "corrected", _("Correction")
        ANSWERED = "answered", _("The municipality answered")
        ACCEPTED = "accepted", _("Accepted by the municipality")
        PARTLY_ACCEPTED = "partly_accepted", _("Partly accepted by the municipality")
        REJECTED = "rejected", _("Rejected by the municipality")
        PROGRESS = "progress", _("Progress update")
        IMPLEMENTED = "implemented", _("Implemented")
        REMINDER = "reminder", _("Reminder letter")
        MEETING = "meeting", _("Meeting")
        COUNCIL_DECISION = "council_decision", _("Municipal council decision")
        EVENT = "event", _("Other event")

        @classmethod
        def events(cls):
            """The kinds staff add by hand, beside the register's own steps."""
            return [cls.REMINDER, cls.MEETING, cls.COUNCIL_DECISION, cls.EVENT]

        @classmethod
        def steps(cls):
            """The register's own steps, which follow each other in time."""
            return [kind for kind in cls if kind not in (*cls.events(), cls.CORRECTED)]

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
    submission = models.ForeignKey(
        "recommendations.RegistrySubmission",
        verbose_name=_("letter"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="timeline_entries",
        help_text=_("The letter this step concerns, if it concerns one."),
    )
    corrects = models.ForeignKey(
        "self",
        verbose_name=_("corrects"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="corrections",
    )
    # What a correction changed: [{"field": name on RegistrySubmission, "old": …, "new": …}],
    # dates as ISO strings.
    changes = models.JSONField(_("changes"), default=list, blank=True)
    created_by = done_by(_("created by"), blank=False)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("timeline entry")
        verbose_name_plural = _("timeline entries")
        ordering = ["date", "created_at", "pk"]

    def __str__(self):
        return f"{self.date:%d.%m.%Y} {self.get_kind_display()}"

    @property
    def is_event(self):
        return self.kind in self.Kind.events()

    @property
    def changes_display(self):
        """The correction's changes as (field label, old, new), dates written as people do."""
        letter = apps.get_model("recommendations", "RegistrySubmission")
        return [
            (
                letter._meta.get_field(change["field"]).verbose_name,
                _display(change["old"]),
                _display(change["new"]),
            )
            for change in self.changes
        ]


def _display(value):
    try:
        return date.fromisoformat(value).strftime("%d.%m.%Y")
    except (TypeError, ValueError):
        return value or "—"
