"""The scorecard's arithmetic against figures worked by hand, and the change since the previous
round.

The conftest's framework, every criterion on the 0–2 scale: T1 weight 2 (the administration
only), T2 weight 1 (everywhere, may be not applicable), P1 weight 1 (the mayoralties), P2 weight 3
(everywhere). Scored in this round (C = the administrative centre, V = the first village):

    cell    final score   points (w × s)   maximum (w × 2)
    T1 · C  2             2 × 2 = 4        4
    T2 · C  not applicable   –             –   (counts in neither)
    P2 · C  1             3 × 1 = 3        6
    T2 · V  0             1 × 0 = 0        2
    P1 · V  0             1 × 0 = 0        2
    P2 · V  2             3 × 2 = 6        6
    P2 · W  2 proposed, only submitted: not verified, counts in neither (W = the second village)

    overall          13 / 20 = 65 %
    area T (T1, T2)   4 /  6 = 66.666…% → shown 66.7
    area P (P1, P2)   9 / 14 = 64.2857…% → shown 64.3
    C                 7 / 10 = 70 %
    V                 6 / 10 = 60 %
    criteria: T1 4/4 = 100 %, T2 0/2 = 0 %, P1 0/2 = 0 %, P2 9/12 = 75 %

The previous published round (version 1 of the same framework; this round uses version 2, a copy
with the same codes): T1 · C 1 (2/4), P2 · C 2 (6/6), P2 · V 0 (0/6):
    overall 8/16 = 50 %, T 2/4 = 50 %, P 6/12 = 50 %, C 8/10 = 80 %, V 0/6 = 0 %
so the change is overall +15.0, T +16.7, P +14.3, C −10.0, V +60.0 percentage points.
"""

from datetime import date
from decimal import Decimal

import pytest
from django.core.cache import cache
from django.utils import timezone

from ivanovo_portal.places.models import Settlement
from monitoring.models import Area, Criterion, FrameworkVersion, Observation, Round, ScalePoint
from monitoring.scorecard import Figure, _scorecard, previous_round, scorecard, shown

from .conftest import build_framework, build_round
from .scoring import verified

pytestmark = pytest.mark.django_db

VERIFIED = Observation.Status.VERIFIED


def observe(round_, code, settlement, score, *, monitor, status=VERIFIED, not_applicable=False):
    criterion = Criterion.objects.get(area__version=round_.version, code=code)
    verified = status == VERIFIED
    return Observation.objects.create(
        round=round_,
        criterion=criterion,
        settlement=settlement,
        monitor=monitor,
        finding=f"Констатация по {code}.",
        score=None if not_applicable else score,
        not_applicable=not_applicable,
        status=status,
        final_score=score if verified and not not_applicable else None,
        final_not_applicable=verified and not_applicable,
    )


def copy_version(version, number):
    """A new frozen version of the same framework with the same areas and criteria."""
    copy = FrameworkVersion.objects.create(
        framework=version.framework, number=number, frozen_at=timezone.now()
    )
    for area in version.areas.all():
        criteria = list(area.criteria.all())
        area.pk, area.version = None, copy
        area.save()
        for criterion in criteria:
            points = list(criterion.scale.all())
            criterion.pk, criterion.area = None, area
            criterion.save()
            for point in points:
                point.pk, point.criterion = None, criterion
                point.save()
    return copy


@pytest.fixture
def second_village():
    return Settlement.objects.filter(is_admin_centre=False).order_by("position")[1]


@pytest.fixture
def scored(round_, monitor, centre, village, second_village):
    """The round of the worked example (see the module's docstring)."""
    for code, settlement, score in [
        ("T1", centre, 2),
        ("P2", centre, 1),
        ("T2", village, 0),
        ("P1", village, 0),
        ("P2", village, 2),
    ]:
        observe(round_, code, settlement, score, monitor=monitor)
    observe(round_, "T2", centre, None, monitor=monitor, not_applicable=True)
    observe(round_, "P2", second_village, 2, monitor=monitor, status=Observation.Status.SUBMITTED)
    return round_


@pytest.fixture
def with_previous(scored, monitor, centre, village):
    """The worked example's round on version 2, after a published round on version 1."""
    earlier = build_round(
        scored.version, slug="round-2025", status=Round.Status.PUBLISHED, members=[]
    )
    Round.objects.filter(pk=earlier.pk).update(
        period_start=date(2025, 9, 1), period_end=date(2025, 11, 30)
    )
    for code, settlement, score in [("T1", centre, 1), ("P2", centre, 2), ("P2", village, 0)]:
        observe(earlier, code, settlement, score, monitor=monitor)
    version2 = copy_version(scored.version, 2)
    for observation in scored.observations.select_related("criterion"):
        observation.criterion = Criterion.objects.get(
            area__version=version2, code=observation.criterion.code
        )
        observation.save()
    Round.objects.filter(pk=scored.pk).update(version=version2)
    return Round.objects.select_related("version").get(pk=scored.pk)


def by_code(rows):
    return {row.area.code: row for row in rows}


def test_the_overall_index_is_the_percent_of_the_weighted_maximum(scored):
    card = scorecard(scored)
    assert card.overall == Figure(Decimal(13), Decimal(20), Decimal(65))
    assert card.overall.shown == Decimal("65.0")


def test_each_area_counts_its_criteria_only(scored):
    areas = by_code(scorecard(scored).areas)
    assert (areas["T"].figure.points, areas["T"].figure.maximum) == (4, 6)
    assert areas["T"].figure.shown == Decimal("66.7")
    assert (areas["P"].figure.points, areas["P"].figure.maximum) == (9, 14)
    assert areas["P"].figure.shown == Decimal("64.3")


def test_each_settlement_counts_the_criteria_that_apply_to_it(scored, centre, village, english):
    rows = {row.settlement: row for row in scorecard(scored).settlements}
    assert rows[centre].figure == Figure(Decimal(7), Decimal(10), Decimal(70))
    assert rows[village].figure == Figure(Decimal(6), Decimal(10), Decimal(60))
    assert rows[centre].label == "The municipal administration"
    assert rows[village].label == str(village)


def test_not_applicable_and_unverified_cells_count_in_neither(scored, centre, second_village):
    card = scorecard(scored)
    rows = {row.settlement: row for row in card.settlements}
    assert rows[second_village].figure == Figure(Decimal(0), Decimal(0), None)
    t2 = next(row for row in card.criteria if row.criterion.code == "T2")
    cell = next(cell for cell in t2.cells if cell.settlement == centre)
    assert cell.applicable and cell.not_applicable and cell.score is None
    assert cell.observation is not None


def test_criteria_rows_have_a_cell_per_settlement_marking_where_they_apply(scored, centre):
    card = scorecard(scored)
    figures = {row.criterion.code: row.figure.percent for row in card.criteria}
    assert figures == {"T1": 100, "T2": 0, "P1": 0, "P2": 75}
    settlements = Settlement.objects.count()
    assert all(len(row.cells) == settlements for row in card.criteria)
    t1, _t2, p1, _p2 = card.criteria
    assert [cell.settlement for cell in t1.cells if cell.applicable] == [centre]
    assert centre not in [cell.settlement for cell in p1.cells if cell.applicable]
    assert next(cell for cell in t1.cells if cell.applicable).label == "изцяло"


def test_a_round_without_scores_has_no_index(round_):
    card = scorecard(round_)
    assert card.overall.percent is None
    assert card.previous is None and card.change is None


def test_the_change_is_against_the_previous_published_round_matched_by_code(
    with_previous, centre, village
):
    card = scorecard(with_previous)
    assert card.previous.slug == "round-2025"
    assert card.overall.shown == Decimal("65.0")
    assert card.previous_overall.percent == 50
    assert card.change == Decimal("15.0")
    areas = by_code(card.areas)
    assert (areas["T"].previous_percent, areas["T"].change) == (50, Decimal("16.7"))
    assert (areas["P"].previous_percent, areas["P"].change) == (50, Decimal("14.3"))
    rows = {row.settlement: row for row in card.settlements}
    assert (rows[centre].previous_percent, rows[centre].change) == (80, Decimal("-10.0"))
    assert (rows[village].previous_percent, rows[village].change) == (0, Decimal("60.0"))


def test_the_previous_round_is_the_latest_published_one_of_the_same_framework_before(
    round_, framework_version, staff
):
    def dated(slug, start, status=Round.Status.PUBLISHED, version=framework_version):
        made = build_round(version, slug=slug, status=status)
        Round.objects.filter(pk=made.pk).update(period_start=start, period_end=start)
        return made

    dated("r2023", date(2023, 9, 1))
    dated("r2024", date(2024, 9, 1))
    dated("r2025-draft", date(2025, 9, 1), status=Round.Status.REPLY)
    dated("r2027", date(2027, 9, 1))
    dated("other", date(2025, 10, 1), version=build_framework(slug="other"))
    assert previous_round(round_).slug == "r2024"


def test_shown_rounds_halves_up_to_one_place():
    assert shown(Decimal("64.25")) == Decimal("64.3")
    assert shown(Decimal("200") / Decimal("3")) == Decimal("66.7")
    assert shown(None) is None


def test_a_criterion_on_a_longer_scale_weighs_by_its_own_maximum(round_, monitor, centre):
    """T1 on a 0–4 scale scored 3: 2 × 3 = 6 of 2 × 4 = 8, i.e. 75 %."""
    t1 = Criterion.objects.get(area__version=round_.version, code="T1")
    for value in (3, 4):
        ScalePoint.objects.create(criterion=t1, value=value, label=f"{value}", descriptor="…")
    observe(round_, "T1", centre, 3, monitor=monitor)
    assert scorecard(round_).overall == Figure(Decimal(6), Decimal(8), Decimal(75))


def test_areas_follow_the_framework_even_with_an_area_of_no_criteria(round_):
    Area.objects.create(version=round_.version, code="X", name="Празна", position=9)
    assert [row.area.code for row in scorecard(round_).areas] == ["T", "P"]


def test_a_published_round_s_scorecard_is_kept_and_equals_a_fresh_count(
    framework_version, monitor, centre, django_assert_num_queries
):
    round_ = build_round(framework_version, status=Round.Status.PUBLISHED)
    round_.published_at = timezone.now()
    round_.save()
    verified(round_, "T1", centre, monitor, score=1)
    cache.clear()

    first = scorecard(round_)
    with django_assert_num_queries(1):  # the previous round, part of the key
        kept = scorecard(round_)

    assert kept == first == _scorecard(round_, None)
    assert kept.overall.percent == Decimal(50)
