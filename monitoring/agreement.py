"""How far the two blind scores of a round agree: percentage agreement and Cohen's kappa, per area
and overall. A pair is an observation with a second score: its first score (``Observation.score``
or not applicable) against the second (``SecondScore``); "not applicable" is a category of its
own. Kappa is undefined (None) without pairs, and when both scorers used one and the same category
throughout, where chance agreement is already complete."""

from collections import Counter
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

from django.db.models import Count

from .models import Area, Observation

NOT_APPLICABLE = "n/a"


@dataclass(frozen=True)
class Figures:
    pairs: int
    agreed: int
    percent: Decimal | None
    kappa: float | None


@dataclass(frozen=True)
class Agreement:
    overall: Figures
    areas: list[tuple[Area, Figures]]


def cohen_kappa(pairs):
    """Cohen's kappa of ``pairs`` of category labels, None where it is undefined."""
    return _kappa(Counter(pairs))


def _kappa(counts):
    n = sum(counts.values())
    if not n:
        return None
    first, second = Counter(), Counter()
    for (a, b), count in counts.items():
        first[a] += count
        second[b] += count
    observed = Fraction(sum(c for (a, b), c in counts.items() if a == b), n)
    chance = sum(Fraction(first[k] * second[k], n * n) for k in first)
    if chance == 1:
        return None
    return float((observed - chance) / (1 - chance))


def _figures(counts):
    pairs = sum(counts.values())
    agreed = sum(c for (a, b), c in counts.items() if a == b)
    percent = (
        (Decimal(100 * agreed) / Decimal(pairs)).quantize(Decimal("0.1"), ROUND_HALF_UP)
        if pairs
        else None
    )
    return Figures(pairs=pairs, agreed=agreed, percent=percent, kappa=_kappa(counts))


def _category(score, not_applicable):
    return NOT_APPLICABLE if not_applicable else score


def agreement(round_):
    """The round's agreement figures, overall and for each area of its framework version (an area
    without pairs has figures of None): two queries."""
    rows = (
        Observation.objects.filter(round=round_, second_score__isnull=False)
        .values(
            "criterion__area",
            "score",
            "not_applicable",
            "second_score__score",
            "second_score__not_applicable",
        )
        .annotate(n=Count("pk"))
        .order_by()
    )
    overall, by_area = Counter(), {}
    for row in rows:
        pair = (
            _category(row["score"], row["not_applicable"]),
            _category(row["second_score__score"], row["second_score__not_applicable"]),
        )
        overall[pair] += row["n"]
        by_area.setdefault(row["criterion__area"], Counter())[pair] += row["n"]
    areas = Area.objects.filter(version=round_.version_id).order_by("position", "pk")
    return Agreement(
        overall=_figures(overall),
        areas=[(area, _figures(by_area.get(area.pk, Counter()))) for area in areas],
    )
