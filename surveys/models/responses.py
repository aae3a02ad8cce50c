"""The responses given online, on paper or in interviews, their answers, invitation codes and the
versions of the consent text respondents agreed to.

A response holds one ``Answer`` row per value: a single choice is one row, a multiple choice one row
per ticked option, a matrix one row per row of the matrix. Counting is then a GROUP BY in the
database, whatever the question type.
"""

import datetime
import uuid
from dataclasses import dataclass
from decimal import Decimal

from django.contrib.contenttypes.fields import GenericRelation
from django.db import models
from django.db.models import Q
from django.db.models.functions import Coalesce, TruncDate
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ivanovo_portal.fields import done_at, done_by
from ivanovo_portal.places.models import Settlement

from .questionnaires import Channel, Choice, MatrixRow, Question, Questionnaire


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

    # Looked up through the index that begins with it (``Meta.indexes``); one of its own would be
    # one more to write with every response.
    questionnaire = models.ForeignKey(
        Questionnaire, on_delete=models.PROTECT, related_name="responses", db_index=False
    )
    settlement = models.ForeignKey(
        Settlement, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    channel = models.CharField(_("channel"), max_length=10, choices=Channel.choices)
    submission_key = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    form_number = models.CharField(
        _("paper form number"), max_length=30, blank=True, help_text=_("Printed on the form.")
    )
    entered_by = done_by(
        help_text=_("The staff member who typed in a paper or interview response.")
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
    # ([{"code": …, "answer": …}]) for staff to read, never counted (``surveys.forms.answering``).
    outside_conditions = models.JSONField(
        _("answers outside their conditions"), default=list, blank=True, editable=False
    )
    # Set when the response was sent while its client was over the rate limit: the address itself
    # is never stored, only that this response came in a burst for staff to review.
    suspect = models.BooleanField(_("sent in a burst"), default=False)
    discarded_at = done_at(_("discarded at"))
    discarded_by = done_by(_("discarded by"))
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

    # Both looked up through the indexes that begin with them (``Meta.indexes``): every answer
    # written updates each index of the table, and a response writes dozens.
    response = models.ForeignKey(
        Response, on_delete=models.CASCADE, related_name="answers", db_index=False
    )
    question = models.ForeignKey(
        Question, on_delete=models.PROTECT, related_name="answers", db_index=False
    )
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


@dataclass(slots=True)
class NewAnswer:
    """An answer not yet written, as the answering forms give it: the values of an ``Answer`` by
    ids, without its response (``services.responses.submit_response`` writes them with it). A
    page of 30 questions makes three dozen on every submission: this takes a tenth of the time an
    unsaved ``Answer`` takes to make."""

    question_id: int
    choice_id: int | None = None
    row_id: int | None = None
    number: Decimal | None = None
    text: str = ""
    other_text: str = ""
    date: datetime.date | None = None
    settlement_id: int | None = None
