"""What monitors find: one observation per criterion and settlement of a round, scored twice.

The monitor who records an observation proposes a score; a second monitor or the coordinator
scores the same criterion without seeing it (``SecondScore``). Where both agree, that is the final
score; where they differ, the coordinator reconciles with a reason. Evidence is kept as it was
added: a file or a captured page never changes, and its checksum shows it has not.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from ivanovo_portal.fields import done_at, done_by
from ivanovo_portal.places.models import Settlement

from .frameworks import Criterion
from .rounds import Round


class Channel(models.TextChoices):
    ONLINE = "online", _("in the portal")
    PAPER = "paper", _("from a paper sheet")


class ObservationQuerySet(models.QuerySet):
    def submitted(self):
        return self.exclude(status=Observation.Status.DRAFT)

    def verified(self):
        return self.filter(status=Observation.Status.VERIFIED)


class Observation(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SUBMITTED = "submitted", _("Awaiting the second score")
        DISPUTED = "disputed", _("Scores differ")
        VERIFIED = "verified", _("Verified")

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="observations")
    criterion = models.ForeignKey(Criterion, on_delete=models.PROTECT, related_name="+")
    settlement = models.ForeignKey(Settlement, on_delete=models.PROTECT, related_name="+")
    monitor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="monitoring_observations",
        verbose_name=_("monitor"),
    )
    channel = models.CharField(
        _("recorded"), max_length=8, choices=Channel.choices, default=Channel.ONLINE
    )
    entered_by = done_by(_("typed in by"))
    observed_on = models.DateField(_("date of the observation"), null=True, blank=True)
    finding = models.TextField(_("finding"), blank=True)
    score = models.PositiveSmallIntegerField(_("proposed score"), null=True, blank=True)
    not_applicable = models.BooleanField(_("not applicable"), default=False)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    submitted_at = done_at(_("submitted at"))
    final_score = models.PositiveSmallIntegerField(_("final score"), null=True, blank=True)
    final_not_applicable = models.BooleanField(_("finally not applicable"), default=False)
    reconciled_by = done_by(_("reconciled by"))
    reconciliation = models.TextField(_("reason for the final score"), blank=True)
    verified_at = done_at(_("verified at"))
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ObservationQuerySet.as_manager()

    class Meta:
        ordering = ["criterion__area__position", "criterion__position", "settlement__position"]
        verbose_name = _("observation")
        verbose_name_plural = _("observations")
        constraints = [
            models.UniqueConstraint(
                fields=["round", "criterion", "settlement"], name="observation_once_per_cell"
            ),
            models.CheckConstraint(
                condition=Q(not_applicable=False) | Q(score__isnull=True),
                name="not_applicable_has_no_score",
            ),
            models.CheckConstraint(
                condition=Q(final_not_applicable=False) | Q(final_score__isnull=True),
                name="finally_not_applicable_has_no_score",
            ),
        ]
        indexes = [models.Index(fields=["round", "status"], name="observation_round_status")]

    def __str__(self):
        return f"{self.criterion.code} · {self.settlement}"


class SecondScore(models.Model):
    """The blind second score of an observation."""

    observation = models.OneToOneField(
        Observation, on_delete=models.CASCADE, related_name="second_score"
    )
    scorer = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    score = models.PositiveSmallIntegerField(_("score"), null=True, blank=True)
    not_applicable = models.BooleanField(_("not applicable"), default=False)
    note = models.TextField(_("note"), blank=True)
    scored_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("second score")
        verbose_name_plural = _("second scores")
        constraints = [
            models.CheckConstraint(
                condition=Q(not_applicable=False) | Q(score__isnull=True),
                name="second_not_applicable_has_no_score",
            )
        ]

    def __str__(self):
        return f"{self.observation}: {self.score}"


class Evidence(models.Model):
    """A file, or a web page captured by a worker when its link was added."""

    class Kind(models.TextChoices):
        FILE = "file", _("file")
        LINK = "link", _("link")

    class Capture(models.TextChoices):
        NOT_NEEDED = "", _("not a link")
        PENDING = "pending", _("being captured")
        CAPTURED = "captured", _("captured")
        FAILED = "failed", _("could not be captured")

    observation = models.ForeignKey(Observation, on_delete=models.CASCADE, related_name="evidence")
    kind = models.CharField(_("kind"), max_length=4, choices=Kind.choices)
    description = models.CharField(
        _("description"),
        max_length=250,
        blank=True,
        help_text=_("What it shows; for a photo, what is in it."),
    )
    url = models.URLField(_("address"), max_length=500, blank=True)
    file = models.FileField(_("file"), upload_to="monitoring/evidence/", blank=True)
    name = models.CharField(_("file name"), max_length=200, blank=True)
    content_type = models.CharField(_("media type"), max_length=100, blank=True)
    size = models.PositiveIntegerField(_("size"), null=True, blank=True)
    sha256 = models.CharField(_("SHA-256"), max_length=64, blank=True)
    capture = models.CharField(
        _("capture"), max_length=8, choices=Capture.choices, default=Capture.NOT_NEEDED, blank=True
    )
    captured_at = done_at(_("captured at"))
    capture_error = models.CharField(_("why it was not captured"), max_length=250, blank=True)
    is_public = models.BooleanField(_("public"), default=False)
    added_by = done_by(_("added by"))
    added_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["added_at", "pk"]
        verbose_name = _("evidence")
        verbose_name_plural = _("evidence")

    def __str__(self):
        return self.description or self.name or self.url


class Sheet(models.Model):
    """The paper fieldwork sheet of a round for one settlement: printed from the documents
    pipeline, filled in by hand and typed in by a coordinator."""

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="sheets")
    settlement = models.ForeignKey(Settlement, on_delete=models.PROTECT, related_name="+")
    typed_in_by = done_by(_("typed in by"))
    typed_in_at = done_at(_("typed in at"))

    class Meta:
        ordering = ["settlement__position"]
        verbose_name = _("fieldwork sheet")
        verbose_name_plural = _("fieldwork sheets")
        constraints = [
            models.UniqueConstraint(
                fields=["round", "settlement"], name="sheet_once_per_settlement"
            )
        ]

    def __str__(self):
        return f"{self.round}: {self.settlement}"


class Reply(models.Model):
    """The municipality's answer to a finding, during the round's right of reply."""

    observation = models.OneToOneField(Observation, on_delete=models.CASCADE, related_name="reply")
    text = models.TextField(_("reply"))
    official = done_by(_("answered by"))
    answered_at = models.DateTimeField(_("answered at"), auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("reply of the municipality")
        verbose_name_plural = _("replies of the municipality")
        permissions = [("reply_finding", "Can answer monitoring findings for the municipality")]

    def __str__(self):
        return str(self.observation)
