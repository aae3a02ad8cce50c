"""Questionnaires and their structure: sections, questions, options, matrix rows and quotas."""

import datetime

from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from ivanovo_portal.fields import done_by
from ivanovo_portal.places.models import Settlement


class TargetGroup(models.TextChoices):
    CITIZENS_NGOS = "citizens_ngos", _("Citizens and NGOs")
    BUSINESSES = "businesses", _("Businesses")
    MUNICIPAL = "municipal", _("Municipal staff and mayors")


class Channel(models.TextChoices):
    ONLINE = "online", _("Online")
    PAPER = "paper", _("Paper form")
    INTERVIEW = "interview", _("Interview")


class QuestionnaireQuerySet(models.QuerySet):
    def open(self):
        """Questionnaires that take answers now."""
        now = timezone.now()
        return self.filter(status=Questionnaire.Status.OPEN).filter(
            Q(opens_at__isnull=True) | Q(opens_at__lte=now),
            Q(closes_at__isnull=True) | Q(closes_at__gt=now),
        )

    def upcoming(self):
        """Questionnaires opened by staff that take answers from a later date."""
        return self.filter(status=Questionnaire.Status.OPEN, opens_at__gt=timezone.now())

    def public(self):
        """Questionnaires the public sees: open, or closed with or without published results."""
        return self.exclude(status=Questionnaire.Status.DRAFT)


class Questionnaire(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        OPEN = "open", _("Open")
        CLOSED = "closed", _("Closed")

    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(_("address"), max_length=80, unique=True)
    description = models.TextField(_("description"), blank=True)
    target_group = models.CharField(_("target group"), max_length=20, choices=TargetGroup.choices)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    opens_at = models.DateTimeField(_("opens at"), null=True, blank=True)
    closes_at = models.DateTimeField(_("closes at"), null=True, blank=True)
    consent_text = models.TextField(
        _("consent text"),
        blank=True,
        help_text=_("Shown before the first question; the respondent must agree to go on."),
    )
    invitation_only = models.BooleanField(_("answers only with an invitation code"), default=False)
    results_published = models.BooleanField(_("results published"), default=False)
    public_figures = models.JSONField(
        _("figures as the public sees them"),
        null=True,
        blank=True,
        editable=False,
        help_text=_(
            "The counts taken when the results or a report were first published: every public "
            "page, open data file and report of the questionnaire shows these, so that no two "
            "of them can be set against each other."
        ),
    )
    quota_total = models.PositiveIntegerField(_("target number of responses"), default=0)
    copied_from = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="copies"
    )
    created_by = done_by()
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = QuestionnaireQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("questionnaire")
        verbose_name_plural = _("questionnaires")
        permissions = [
            ("enter_paper_response", _("Can enter paper and interview responses")),
            ("view_results", _("Can see results before they are published")),
            ("export_responses", _("Can export responses")),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("surveys:detail", args=[self.slug])

    @property
    def public_figures_taken_at(self):
        """When the figures the public sees were taken, or None."""
        if self.public_figures is None:
            return None
        return datetime.datetime.fromisoformat(self.public_figures["taken_at"])

    @property
    def is_open(self):
        now = timezone.now()
        return (
            self.status == self.Status.OPEN
            and (self.opens_at is None or self.opens_at <= now)
            and (self.closes_at is None or self.closes_at > now)
        )


class Quota(models.Model):
    """How many responses the project aims for in one settlement."""

    questionnaire = models.ForeignKey(
        Questionnaire, on_delete=models.CASCADE, related_name="quotas"
    )
    settlement = models.ForeignKey(Settlement, on_delete=models.PROTECT, related_name="+")
    target = models.PositiveIntegerField(_("target"))
    cap = models.BooleanField(
        _("stop at the target"),
        default=False,
        help_text=_(
            "Once the target is reached, answers from this settlement are no longer taken; "
            "respondents are told so before they begin."
        ),
    )

    class Meta:
        ordering = ["settlement__position"]
        verbose_name = _("quota")
        verbose_name_plural = _("quotas")
        constraints = [
            models.UniqueConstraint(
                fields=["questionnaire", "settlement"], name="one_quota_per_settlement"
            )
        ]

    def __str__(self):
        return f"{self.settlement}: {self.target}"


class Section(models.Model):
    """A page of the questionnaire."""

    questionnaire = models.ForeignKey(
        Questionnaire, on_delete=models.CASCADE, related_name="sections"
    )
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = _("section")
        verbose_name_plural = _("sections")

    def __str__(self):
        return self.title


class Question(models.Model):
    class Kind(models.TextChoices):
        SINGLE = "single", _("Single choice")
        MULTIPLE = "multiple", _("Multiple choice")
        SCALE = "scale", _("Rating scale")
        MATRIX = "matrix", _("Matrix")
        SHORT_TEXT = "short_text", _("Short text")
        LONG_TEXT = "long_text", _("Long text")
        # "Number" elsewhere is a register number (Номер); an answer that is a number is Число.
        NUMBER = "number", pgettext_lazy("question type", "Number")
        YES_NO = "yes_no", _("Yes or no")
        SETTLEMENT = "settlement", _("Settlement")
        DATE = "date", _("Date")

    class Widget(models.TextChoices):
        RADIO = "radio", _("Radio buttons")
        SELECT = "select", _("Drop-down list")

    # What each kind is built from, answered with, counted and exported as: ``surveys.kinds``.

    section = models.ForeignKey(Section, on_delete=models.CASCADE, related_name="questions")
    code = models.CharField(
        _("code"), max_length=20, help_text=_("Short name in exports, e.g. Q5.")
    )
    text = models.TextField(_("question"))
    help_text = models.TextField(_("help text"), blank=True)
    kind = models.CharField(_("type"), max_length=12, choices=Kind.choices)
    widget = models.CharField(
        _("shown as"), max_length=6, choices=Widget.choices, default=Widget.RADIO
    )
    required = models.BooleanField(_("required"), default=True)
    allow_other = models.BooleanField(_("offer “other, please specify”"), default=False)
    min_value = models.DecimalField(
        _("smallest number"), max_digits=12, decimal_places=2, null=True, blank=True
    )
    max_value = models.DecimalField(
        _("largest number"), max_digits=12, decimal_places=2, null=True, blank=True
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    condition_question = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="dependent_questions",
        verbose_name=_("show only when the answer to"),
    )
    condition_choices = models.ManyToManyField(
        "Choice",
        blank=True,
        related_name="+",
        verbose_name=_("is one of"),
    )

    class Meta:
        ordering = ["section__position", "position", "pk"]
        verbose_name = _("question")
        verbose_name_plural = _("questions")

    def __str__(self):
        return f"{self.code}. {self.text}"

    @property
    def spec(self):
        """How the app treats a question of its kind (``surveys.kinds``), for templates."""
        from ..kinds import kind_of  # the table of kinds is built on this model's choices

        return kind_of(self)


class Choice(models.Model):
    """An option of a choice question, a labelled point of a scale, or a column of a matrix.

    ``value`` is the number a scale point or matrix column stands for (for mean and median).
    """

    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="choices")
    code = models.CharField(_("code"), max_length=20)
    label = models.CharField(_("label"), max_length=300)
    value = models.DecimalField(_("value"), max_digits=8, decimal_places=2, null=True, blank=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = _("option")
        verbose_name_plural = _("options")
        constraints = [
            models.UniqueConstraint(fields=["question", "code"], name="choice_code_unique")
        ]

    def __str__(self):
        return self.label


class MatrixRow(models.Model):
    """A row of a matrix question: each row is answered on the question's scale."""

    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="rows")
    code = models.CharField(_("code"), max_length=20)
    label = models.CharField(_("label"), max_length=300)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = _("matrix row")
        verbose_name_plural = _("matrix rows")
        constraints = [
            models.UniqueConstraint(fields=["question", "code"], name="matrix_row_code_unique")
        ]

    def __str__(self):
        return self.label
