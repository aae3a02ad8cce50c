"""What a monitoring report's page and PDF show: its methodology, each criterion's verified
findings by area with the final score and the municipality's reply, the scorecard and the
recommendations. Both read it from ``report_content``, so that they never differ."""

from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Prefetch
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .methodology import Methodology, methodology_for
from .models import Area, Criterion, MonitoringReport
from .scorecard import Scorecard, chart, scorecard, settlement_label


@dataclass
class CriterionFindings:
    criterion: Criterion
    # verified Observations, each with ``where`` (what was monitored there), its scale ``point``,
    # the municipality's ``answer`` (a Reply or None) and ``reply_late``
    observations: list


@dataclass
class AreaFindings:
    area: Area
    criteria: list[CriterionFindings]


@dataclass
class ReportContent:
    report: MonitoringReport
    methodology: Methodology
    areas: list[AreaFindings]
    scorecard: Scorecard
    area_chart: str
    settlement_chart: str
    recommendations: list

    @property
    def round(self):
        return self.report.round


def report_content(report, *, with_drafts=False):
    """The report with what it shows; its recommendations those the register has made public
    (approved or later), and its drafts too ``with_drafts`` (for the staff's preview)."""
    round_ = report.round
    recommendations = report.recommendations.order_by("number").prefetch_related("settlements")
    if not with_drafts:
        recommendations = recommendations.public()
    card = scorecard(round_)
    return ReportContent(
        report=report,
        methodology=methodology_for(round_, today=_as_of(report)),
        areas=findings_by_area(round_),
        scorecard=card,
        area_chart=chart(card.areas, _("Score by area")),
        settlement_chart=chart(card.settlements, _("Score by settlement")),
        recommendations=list(recommendations),
    )


def _as_of(report):
    """The day requests are judged on: that of publication for a published report, so that a
    request pending then does not turn overdue in it later; today for a draft."""
    return timezone.localdate(report.published_at) if report.published_at else None


def findings_by_area(round_):
    """Every criterion of the round's framework, by area, with its verified findings in the order
    of the settlements; a reply after the round's deadline is marked late."""
    criteria = Criterion.objects.filter(area__version=round_.version_id).prefetch_related("scale")
    areas = Area.objects.filter(version=round_.version_id).prefetch_related(
        Prefetch("criteria", queryset=criteria)
    )
    observations = defaultdict(list)
    verified = round_.observations.verified().select_related("settlement", "reply")
    for observation in verified.order_by("criterion_id", "settlement__position"):
        observations[observation.criterion_id].append(observation)
    found = []
    for area in areas:
        rows = []
        for criterion in area.criteria.all():
            points = {point.value: point for point in criterion.scale.all()}
            for observation in observations[criterion.pk]:
                observation.point = points.get(observation.final_score)
                observation.where = settlement_label(observation.settlement)
                observation.answer = getattr(observation, "reply", None)
                observation.reply_late = _late(observation.answer, round_.reply_deadline)
            rows.append(CriterionFindings(criterion, observations[criterion.pk]))
        found.append(AreaFindings(area, rows))
    return found


def _late(reply, deadline):
    if reply is None or deadline is None:
        return False
    return timezone.localdate(reply.answered_at) > deadline
