"""Questionnaires, their questions, and the responses given online, on paper or in interviews.

A response holds one ``Answer`` row per value: a single choice is one row, a multiple choice one row
per ticked option, a matrix one row per row of the matrix. Counting is then a GROUP BY in the
database, whatever the question type.
"""

import datetime
import uuid

from django.conf import settings
from django.contrib.contenttypes.fields import GenericRelation
from django.db import models
from django.db.models import Q
from django.db.models.functions import Coalesce, TruncDate
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

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
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
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

    # Kinds whose answers are options of the question (counted by option).
    CHOICE_KINDS = {Kind.SINGLE, Kind.MULTIPLE, Kind.SCALE, Kind.MATRIX, Kind.YES_NO}
    TEXT_KINDS = {Kind.SHORT_TEXT, Kind.LONG_TEXT}
    NUMERIC_KINDS = {Kind.SCALE, Kind.NUMBER, Kind.MATRIX}

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


class InvitationBatch(models.Model):
    """Codes made together for one place or occasion; their slips are printed together."""

    questionnaire = models.ForeignKey(
        Questionnaire, on_delete=models.CASCADE, related_name="invitation_batches"
    )
    label = models.CharField(_("batch label"), max_length=100, blank=True)
    created_at = models.DateTimeField(_("made"), auto_now_add=True)
    documents = GenericRelation("documents.GeneratedDocument")  # its slips

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("batch of invitation codes")
        verbose_name_plural = _("batches of invitation codes")

    def __str__(self):
        return f"{self.questionnaire}: {self.label}" if self.label else str(self.questionnaire)


class InvitationCode(models.Model):
    """A single-use code printed on a slip, for questionnaires answered only by invitation."""

    questionnaire = models.ForeignKey(
        Questionnaire, on_delete=models.CASCADE, related_name="invitations"
    )
    batch = models.ForeignKey(
        InvitationBatch, on_delete=models.CASCADE, related_name="codes", verbose_name=_("batch")
    )
    code = models.CharField(_("code"), max_length=12, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    # Only the day: a time would match the code to its response's ``submitted_at``.
    used_on = models.DateField(_("used on"), null=True, blank=True)

    class Meta:
        ordering = ["pk"]
        verbose_name = _("invitation code")
        verbose_name_plural = _("invitation codes")

    def __str__(self):
        return self.code


class ConsentText(models.Model):
    """A version of a questionnaire's consent text: what a respondent agreed to stays on record
    when staff edit the text later (an edited text is a new version)."""

    questionnaire = models.ForeignKey(
        Questionnaire, on_delete=models.CASCADE, related_name="consent_versions"
    )
    version = models.PositiveSmallIntegerField(_("version"))
    text = models.TextField(_("consent text"))
    created_at = models.DateTimeField(_("in use from"), auto_now_add=True)

    class Meta:
        ordering = ["questionnaire", "-version"]
        verbose_name = _("consent text version")
        verbose_name_plural = _("consent text versions")
        constraints = [
            models.UniqueConstraint(
                fields=["questionnaire", "version"], name="consent_version_unique"
            )
        ]

    def __str__(self):
        return f"{self.questionnaire}: v{self.version}"


def given_on():
    """The day a response's answers were given, as a database expression: the date a paper form
    was filled in (or of the interview), else the day it was submitted online."""
    return Coalesce("filled_on", TruncDate("submitted_at"))


class ResponseQuerySet(models.QuerySet):
    def counted(self):
        """Responses that count in results, progress and exports: not discarded by staff."""
        return self.filter(discarded_at__isnull=True)


class Response(models.Model):
    """One respondent's completed questionnaire. Anonymous: no account, no address and no
    invitation code is kept (the code is only marked used).

    ``submission_key`` comes from the form the respondent was given, so submitting it twice, or
    reloading after submitting, finds the response already recorded instead of making a second.
    """

    questionnaire = models.ForeignKey(
        Questionnaire, on_delete=models.PROTECT, related_name="responses"
    )
    settlement = models.ForeignKey(
        Settlement, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    channel = models.CharField(_("channel"), max_length=10, choices=Channel.choices)
    submission_key = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    form_number = models.CharField(
        _("paper form number"), max_length=30, blank=True, help_text=_("Printed on the form.")
    )
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("The staff member who typed in a paper or interview response."),
    )
    consented = models.BooleanField(_("agreed to the consent text"), default=False)
    consent_version = models.ForeignKey(
        ConsentText,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="responses",
        verbose_name=_("consent text agreed to"),
    )
    submitted_at = models.DateTimeField(_("submitted at"), default=timezone.now, db_index=True)
    # A paper form is typed in days after it was filled in: the date written on it (or of the
    # interview) is when the answers were given. Online, ``submitted_at`` is.
    filled_on = models.DateField(_("filled in on"), null=True, blank=True)
    # Answers written on a paper form to questions its other answers rule out: kept as written
    # ([{"code": …, "answer": …}]) for staff to read, never counted (see ``surveys.answering``).
    outside_conditions = models.JSONField(
        _("answers outside their conditions"), default=list, blank=True, editable=False
    )
    # Set when the response was sent while its client was over the rate limit: the address itself
    # is never stored, only that this response came in a burst for staff to review.
    suspect = models.BooleanField(_("sent in a burst"), default=False)
    discarded_at = models.DateTimeField(_("discarded at"), null=True, blank=True)
    discarded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("discarded by"),
    )
    discard_reason = models.TextField(_("why it was discarded"), blank=True)

    objects = ResponseQuerySet.as_manager()

    class Meta:
        ordering = ["-submitted_at"]
        verbose_name = _("response")
        verbose_name_plural = _("responses")
        constraints = [
            models.UniqueConstraint(
                fields=["questionnaire", "form_number"],
                condition=~Q(form_number=""),
                name="paper_form_entered_once",
            )
        ]
        indexes = [models.Index(fields=["questionnaire", "settlement", "channel"])]

    def __str__(self):
        return f"{self.questionnaire} #{self.pk}"


class Answer(models.Model):
    """One value of a response: an option (with its matrix row), a number, a text, a date or a
    settlement. ``other_text`` carries the words written beside “other, please specify”."""

    response = models.ForeignKey(Response, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(Question, on_delete=models.PROTECT, related_name="answers")
    choice = models.ForeignKey(
        Choice, on_delete=models.PROTECT, null=True, blank=True, related_name="answers"
    )
    row = models.ForeignKey(
        MatrixRow, on_delete=models.PROTECT, null=True, blank=True, related_name="answers"
    )
    number = models.DecimalField(max_digits=12, decimal_places=2, null=True, blank=True)
    text = models.TextField(blank=True)
    other_text = models.CharField(max_length=500, blank=True)
    date = models.DateField(null=True, blank=True)
    settlement = models.ForeignKey(
        Settlement, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("answer")
        verbose_name_plural = _("answers")
        indexes = [
            models.Index(fields=["question", "choice"]),
            models.Index(fields=["response", "question"]),
            # Respondents per multiple-choice and matrix question (COUNT DISTINCT response):
            # an index-only scan, already in order.
            models.Index(fields=["question", "response"], name="answer_question_response"),
            # What respondents wrote, newest first per question: a few rows among millions.
            models.Index(
                fields=["question", "id"], condition=~Q(other_text=""), name="answer_other_texts"
            ),
            models.Index(fields=["question", "id"], condition=~Q(text=""), name="answer_texts"),
        ]

    def __str__(self):
        return f"{self.question.code}: {self.choice or self.number or self.text or self.date}"


class AnalysisReportQuerySet(models.QuerySet):
    def published(self):
        return self.filter(status=AnalysisReport.Status.PUBLISHED)


class AnalysisReport(models.Model):
    """A report that analyses one or more questionnaires and makes recommendations.

    Its methodology (sample sizes by group and settlement, period, channels) and its figures are
    counted from the responses, never typed in: afresh while it is a draft, and once more when it
    is published, after which it keeps those (``figures``).
    """

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        PUBLISHED = "published", _("Published")

    title = models.CharField(_("title"), max_length=250)
    slug = models.SlugField(_("address"), max_length=80, unique=True)
    questionnaires = models.ManyToManyField(
        Questionnaire, related_name="reports", verbose_name=_("questionnaires")
    )
    introduction = models.TextField(_("introduction"), blank=True)
    methodology_note = models.TextField(
        _("notes on the method"),
        blank=True,
        help_text=_("Added below the figures computed from the responses."),
    )
    conclusions = models.TextField(_("conclusions"), blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    figures = models.JSONField(
        _("figures as published"),
        null=True,
        blank=True,
        editable=False,
        help_text=_("The counts the report was published with; a draft counts afresh."),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    recommendations = GenericRelation(
        "recommendations.Recommendation",
        content_type_field="source_type",
        object_id_field="source_id",
    )

    objects = AnalysisReportQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("analysis report")
        verbose_name_plural = _("analysis reports")

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("surveys:report", args=[self.slug])


class ReportItem(models.Model):
    """A question shown in a report with its chart and table, and the analyst's commentary."""

    report = models.ForeignKey(AnalysisReport, on_delete=models.CASCADE, related_name="items")
    question = models.ForeignKey(Question, on_delete=models.PROTECT, related_name="+")
    commentary = models.TextField(_("commentary"), blank=True)
    # What respondents wrote is never published (it may name people): an open question shows
    # the staff's summary of it instead.
    answers_summary = models.TextField(_("summary of the answers"), blank=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = _("report item")
        verbose_name_plural = _("report items")
        constraints = [
            models.UniqueConstraint(fields=["report", "question"], name="question_once_per_report")
        ]

    def __str__(self):
        return f"{self.report}: {self.question.code}"
