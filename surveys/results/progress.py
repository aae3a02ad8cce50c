"""Progress against the quotas: responses by target group × settlement × channel."""

from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Count

from ivanovo_portal.indicators.selectors import target_value
from ivanovo_portal.places.models import Settlement

from ..models import Channel, Questionnaire, Quota, Response, TargetGroup
from .figures import Row, percent


@dataclass
class Cell:
    count: int
    target: int
    by_channel: dict = field(default_factory=dict)

    @property
    def percent(self):
        return percent(self.count, self.target)

    @property
    def channel_counts(self):
        """Responses per channel, in the order of ``Channel``."""
        return [self.by_channel.get(value, 0) for value in Channel.values]

    @property
    def reached(self):
        return self.target > 0 and self.count >= self.target


@dataclass
class QuestionnaireProgress:
    questionnaire: Questionnaire
    total: Cell
    settlements: list  # (Settlement, Cell) in the settlements' order
    by_channel: list  # Row per channel


@dataclass
class QuotaProgress:
    questionnaires: list
    group_labels: list  # (value, label) of the target groups in the columns
    table: list  # (Settlement, [(target group label, Cell)], Cell for all groups)
    groups: list  # (label, Cell) totals per target group
    total: Cell
    by_channel: list


def quota_progress(questionnaire=None):
    """Responses by target group × settlement × channel against the quotas, for one questionnaire
    or for every one that is not a draft (five queries)."""
    questionnaires = (
        [questionnaire]
        if questionnaire is not None
        else list(Questionnaire.objects.public().order_by("target_group", "title"))
    )
    ids = [q.pk for q in questionnaires]
    settlements = list(Settlement.objects.all())
    targets = {
        (quota.questionnaire_id, quota.settlement_id): quota.target
        for quota in Quota.objects.filter(questionnaire_id__in=ids)
    }
    counts = defaultdict(lambda: defaultdict(int))
    for group in (
        Response.objects.counted()
        .filter(questionnaire_id__in=ids)
        .order_by()
        .values("questionnaire_id", "settlement_id", "channel")
        .annotate(n=Count("id"))
    ):
        counts[group["questionnaire_id"], group["settlement_id"]][group["channel"]] += group["n"]

    def cell(pairs, target):
        channels = defaultdict(int)
        for pair in pairs:
            for channel, n in counts[pair].items():
                channels[channel] += n
        return Cell(sum(channels.values()), target, dict(channels))

    def channel_rows(c):
        return [
            Row(
                label,
                c.by_channel.get(value, 0),
                percent(c.by_channel.get(value, 0), c.count),
                value,
            )
            for value, label in Channel.choices
        ]

    places = [s.pk for s in settlements] + [None]
    per_questionnaire = []
    for q in questionnaires:
        total = cell([(q.pk, s) for s in places], q.quota_total)
        per_questionnaire.append(
            QuestionnaireProgress(
                q,
                total,
                [(s, cell([(q.pk, s.pk)], targets.get((q.pk, s.pk), 0))) for s in settlements],
                channel_rows(total),
            )
        )
    groups_present = [g for g in TargetGroup if any(q.target_group == g for q in questionnaires)]
    of_group = {g: [q for q in questionnaires if q.target_group == g] for g in groups_present}
    table = []
    for s in settlements:
        cells = [
            cell(
                [(q.pk, s.pk) for q in of_group[g]],
                sum(targets.get((q.pk, s.pk), 0) for q in of_group[g]),
            )
            for g in groups_present
        ]
        every = Cell(sum(c.count for c in cells), sum(c.target for c in cells))
        table.append(
            (s, list(zip([str(g.label) for g in groups_present], cells, strict=True)), every)
        )
    groups = [
        (
            g.label,
            cell(
                [(q.pk, s) for q in of_group[g] for s in places],
                sum(q.quota_total for q in of_group[g]),
            ),
        )
        for g in groups_present
    ]
    total = cell(
        [(q.pk, s) for q in questionnaires for s in places], target_value("survey_respondents")
    )
    return QuotaProgress(
        per_questionnaire,
        [(g.value, g.label) for g in groups_present],
        table,
        groups,
        total,
        channel_rows(total),
    )
