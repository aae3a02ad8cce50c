"""Analysis reports: one or more questionnaires analysed, with commentary and recommendations."""

from django.contrib.contenttypes.fields import GenericRelation
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from ivanovo_portal.fields import done_at, done_by

from .questionnaires import Question, Questionnaire


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
    published_at = done_at(_("published at"))
    figures = models.JSONField(
        _("figures as published"),
        null=True,
        blank=True,
        editable=False,
        help_text=_("The counts the report was published with; a draft counts afresh."),
    )
    created_by = done_by()
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

    def is_public(self):
        return self.status == self.Status.PUBLISHED


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
