"""The scorecard of a round: the index (percent of the weighted maximum) overall, per area, per
settlement and per criterion, each cell's final score, and the change since the previous round.

A cell is a criterion scored for a settlement it applies to. Its points are weight × final score
and its maximum weight × the top of the criterion's scale; cells not applicable, and cells not
verified yet, count in neither. "Previous" is the latest published round of the same framework
before this one; its areas and criteria are matched by code, settlements as they are.

``scorecard`` runs five queries however large the round: the previous round, the criteria of both
rounds' versions, their scale points and the observations of both rounds as plain values, and the
settlements; the sums are worked out here, in Decimal. A published round's scorecard is worked out
once and read from the cache after that (the previous round's query still runs: it is part of the
key). ``overall_figures`` does the same for the overall index of many rounds at once, in four.
"""

from collections import defaultdict, namedtuple
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import NamedTuple

from django.utils.translation import gettext

from ivanovo_portal.charts import NO_FIGURE, percent_chart, percent_text
from ivanovo_portal.pagecache.tables import remembered
from ivanovo_portal.places.models import Settlement

from .models import Area, Criterion, Observation, Round, ScalePoint

HUNDRED = Decimal(100)
ONE_PLACE = Decimal("0.1")


def shown(percent):
    """A percent as displayed: to one decimal place, halves rounded up; None stays None."""
    return None if percent is None else percent.quantize(ONE_PLACE, rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class Figure:
    points: Decimal
    maximum: Decimal
    percent: Decimal | None

    @classmethod
    def of(cls, points, maximum):
        points, maximum = Decimal(points), Decimal(maximum)
        return cls(points, maximum, HUNDRED * points / maximum if maximum else None)

    @property
    def shown(self):
        return shown(self.percent)


def _change(figure, previous_percent):
    if figure.percent is None or previous_percent is None:
        return None
    return shown(figure.percent) - shown(previous_percent)


@dataclass(frozen=True)
class AreaRow:
    area: Area
    figure: Figure
    previous_percent: Decimal | None

    @property
    def label(self):
        return str(self.area)

    @property
    def change(self):
        """Percentage points since the previous round, as displayed (None without one)."""
        return _change(self.figure, self.previous_percent)


@dataclass(frozen=True)
class SettlementRow:
    settlement: Settlement
    figure: Figure
    previous_percent: Decimal | None

    @property
    def label(self):
        return settlement_label(self.settlement)

    @property
    def change(self):
        return _change(self.figure, self.previous_percent)


class Cell(NamedTuple):
    """A criterion for a settlement. ``observation`` is the id of the observation recorded for it
    (None when there is none or the criterion does not apply); ``score`` is its final score and
    ``label`` that point's label on the criterion's scale. A tuple: a scorecard has hundreds."""

    settlement: Settlement
    applicable: bool
    observation: int | None
    score: int | None
    not_applicable: bool
    label: str = ""

    @property
    def settlement_label(self):
        return settlement_label(self.settlement)

    @property
    def is_scored(self):
        return self.score is not None


Point = namedtuple("Point", "value label descriptor")


@dataclass(frozen=True)
class CriterionRow:
    """A criterion's figure, its cells in the order of the settlements, and its scale (``Point``s
    from the lowest)."""

    criterion: Criterion
    figure: Figure
    cells: list
    scale: tuple = ()


@dataclass(frozen=True)
class Scorecard:
    round: Round
    previous: Round | None
    overall: Figure
    areas: list
    settlements: list
    criteria: list
    previous_overall: Figure | None = None

    @property
    def change(self):
        if self.previous_overall is None:
            return None
        return _change(self.overall, self.previous_overall.percent)

    @property
    def verified(self):
        """How many cells have a final score or were found not applicable."""
        return sum(
            cell.is_scored or cell.not_applicable for row in self.criteria for cell in row.cells
        )

    @property
    def applicable(self):
        return sum(cell.applicable for row in self.criteria for cell in row.cells)


def settlement_label(settlement):
    """What is monitored in a settlement: the administrative centre's row stands for the
    municipal administration as a whole, the others for their mayoralty."""
    if settlement.is_admin_centre:
        return gettext("The municipal administration")
    return str(settlement)


def previous_round(round_):
    """The latest published round of the same framework that began before ``round_``."""
    return (
        Round.objects.published()
        .filter(version__framework_id=round_.version.framework_id)
        .filter(period_start__lt=round_.period_start)
        .exclude(pk=round_.pk)
        .order_by("-period_start", "-pk")
        .first()
    )


class _Sums:
    """Points and maxima added up under keys."""

    def __init__(self):
        self.points = defaultdict(int)
        self.maximum = defaultdict(int)

    def add(self, keys, points, maximum):
        for key in keys:
            self.points[key] += points
            self.maximum[key] += maximum

    def figure(self, key):
        return Figure.of(self.points[key], self.maximum[key])

    def percent(self, key):
        return self.figure(key).percent


def _sums(criteria, scales, observations):
    """The sums of the verified scores keyed by None (overall), ("area", code),
    ("settlement", id) and ("criterion", id)."""
    tops = {
        criterion.pk: (criterion, max((point.value for point in scales[criterion.pk]), default=0))
        for criterion in criteria
    }
    verified_status = Observation.Status.VERIFIED
    sums = _Sums()
    for _pk, _round, criterion_id, settlement_id, status, score, _na in observations:
        if status != verified_status or score is None or criterion_id not in tops:
            continue
        criterion, top = tops[criterion_id]
        sums.add(
            [
                None,
                ("area", criterion.area.code),
                ("settlement", settlement_id),
                ("criterion", criterion_id),
            ],
            criterion.weight * score,
            criterion.weight * top,
        )
    return sums


def _rows(criteria, scales, settlements, observations):
    """Each criterion with its cells in the order of ``settlements``, and its scale."""
    recorded = {(row[2], row[3]): row for row in observations}
    verified_status = Observation.Status.VERIFIED
    rows = []
    for criterion in criteria:
        scale = scales[criterion.pk]
        labels = {point.value: point.label for point in scale}
        cells = []
        for settlement in settlements:
            applicable = criterion.applies_to(settlement)
            found = recorded.get((criterion.pk, settlement.pk)) if applicable else None
            verified = found is not None and found[4] == verified_status
            score = found[5] if verified else None
            cells.append(
                Cell(
                    settlement,
                    applicable,
                    found[0] if found else None,
                    score,
                    verified and found[6],
                    labels.get(score, ""),
                )
            )
        rows.append((criterion, cells, tuple(scale)))
    return rows


# As _sums and _rows read them by position.
OBSERVATION_FIELDS = [
    "pk",
    "round_id",
    "criterion_id",
    "settlement_id",
    "status",
    "final_score",
    "final_not_applicable",
]


class _Loaded:
    """What the sums of ``rounds`` are worked out from, in four queries: the criteria of their
    versions, the criteria's scale points and the rounds' observations (both as plain values),
    and the settlements."""

    def __init__(self, rounds):
        versions = {round_.version_id for round_ in rounds}
        self.criteria = list(
            Criterion.objects.filter(area__version_id__in=versions)
            .select_related("area")
            .order_by("area__position", "area__pk", "position", "pk")
        )
        self.scales = defaultdict(list)
        for criterion_id, *point in (
            ScalePoint.objects.filter(criterion__area__version_id__in=versions)
            .order_by("value")
            .values_list("criterion_id", "value", "label", "descriptor")
        ):
            self.scales[criterion_id].append(Point(*point))
        self.settlements = list(Settlement.objects.order_by("position", "pk"))
        self.observations = defaultdict(list)
        for row in Observation.objects.filter(round__in=rounds).values_list(*OBSERVATION_FIELDS):
            self.observations[row[1]].append(row)

    def criteria_of(self, round_):
        return [c for c in self.criteria if c.area.version_id == round_.version_id]

    def sums(self, round_):
        return _sums(self.criteria_of(round_), self.scales, self.observations[round_.pk])

    def rows(self, round_):
        return _rows(
            self.criteria_of(round_), self.scales, self.settlements, self.observations[round_.pk]
        )


def overall_figures(rounds):
    """{round id: its overall Figure} for ``rounds``, in four queries however many."""
    rounds = list(rounds)
    if not rounds:
        return {}
    loaded = _Loaded(rounds)
    return {round_.pk: loaded.sums(round_).figure(None) for round_ in rounds}


def scorecard(round_):
    """The round's scorecard from the scores verified so far; a published round's, whose scores
    can no longer change, is worked out once and kept (under its publication and the round it is
    compared with, so that publishing an earlier round gives it a new comparison)."""
    previous = previous_round(round_)
    if not round_.is_public():
        return _scorecard(round_, previous)
    published = round_.published_at.timestamp() if round_.published_at else ""
    key = f"monitoring.scorecard.{round_.pk}.{published}.{previous.pk if previous else ''}"
    return remembered(key, lambda: _scorecard(round_, previous))


def _scorecard(round_, previous):
    loaded = _Loaded([round_] + ([previous] if previous else []))
    sums, rows = loaded.sums(round_), loaded.rows(round_)
    before = loaded.sums(previous) if previous else None

    def previous_percent(key):
        return before.percent(key) if before else None

    areas = list({criterion.area.pk: criterion.area for criterion, *_rest in rows}.values())
    return Scorecard(
        round=round_,
        previous=previous,
        overall=sums.figure(None),
        areas=[
            AreaRow(area, sums.figure(("area", area.code)), previous_percent(("area", area.code)))
            for area in areas
        ],
        settlements=[
            SettlementRow(
                settlement,
                sums.figure(("settlement", settlement.pk)),
                previous_percent(("settlement", settlement.pk)),
            )
            for settlement in loaded.settlements
        ],
        criteria=[
            CriterionRow(criterion, sums.figure(("criterion", criterion.pk)), cells, scale)
            for criterion, cells, scale in rows
        ],
        previous_overall=before.figure(None) if before else None,
    )


Bar = namedtuple("Bar", "label percent")


def chart(rows, title):
    """The SVG bar chart of scorecard ``rows`` (areas or settlements) in percent of the weighted
    maximum, its text alternative reading every percent out; pages show the table beside it."""
    bars = [Bar(row.label, row.figure.shown) for row in rows]
    description = "; ".join(
        f"{bar.label}: {NO_FIGURE if bar.percent is None else percent_text(bar.percent)}"
        for bar in bars
    )
    return percent_chart(bars, title=title, description=description)
