"""Agreement between the two blind scores: percentage agreement and Cohen's kappa against
textbook and hand-worked figures, per area and overall."""

from decimal import Decimal

import pytest

from ivanovo_portal.places.models import Settlement
from monitoring.agreement import NOT_APPLICABLE, agreement, cohen_kappa

from .scoring import observe, score_twice


def _pairs(table):
    """Pairs of labels from {(first, second): count}."""
    return [pair for pair, count in table.items() for _ in range(count)]


def test_kappa_of_the_classic_two_by_two_example():
    # 50 items: yes/yes 20, yes/no 5, no/yes 10, no/no 15.
    # po = 35/50 = 0.70; the first says yes 25 times, the second 30 times:
    # pe = 25/50 · 30/50 + 25/50 · 20/50 = 0.30 + 0.20 = 0.50; κ = (0.70 − 0.50) / 0.50 = 0.40.
    pairs = _pairs({("yes", "yes"): 20, ("yes", "no"): 5, ("no", "yes"): 10, ("no", "no"): 15})
    assert cohen_kappa(pairs) == pytest.approx(0.40)


def test_kappa_of_three_categories_worked_by_hand():
    #            second 0   1   2 | first
    # first 0          4   1   0 |  5
    #       1          1   6   1 |  8
    #       2          0   1   6 |  7
    # second totals    5   8   7 | 20
    # po = (4 + 6 + 6) / 20 = 0.80
    # pe = (5·5 + 8·8 + 7·7) / 20² = 138 / 400 = 0.345
    # κ = (0.80 − 0.345) / (1 − 0.345) = 0.455 / 0.655 = 91/131 ≈ 0.6947
    pairs = _pairs(
        {
            (0, 0): 4,
            (0, 1): 1,
            (1, 0): 1,
            (1, 1): 6,
            (1, 2): 1,
            (2, 1): 1,
            (2, 2): 6,
        }
    )
    assert cohen_kappa(pairs) == pytest.approx(91 / 131)


def test_not_applicable_is_a_category_of_its_own():
    # n/a against 0 is a disagreement, not a zero: po = 2/4, each side uses 0 and n/a twice,
    # pe = 0.5 · 0.5 + 0.5 · 0.5 = 0.5, κ = 0.
    pairs = [(0, 0), (NOT_APPLICABLE, NOT_APPLICABLE), (0, NOT_APPLICABLE), (NOT_APPLICABLE, 0)]
    assert cohen_kappa(pairs) == pytest.approx(0.0)


def test_kappa_is_undefined_when_both_used_one_category_only():
    assert cohen_kappa([(2, 2)] * 7) is None


def test_kappa_is_undefined_without_pairs():
    assert cohen_kappa([]) is None


def test_complete_disagreement_between_two_single_categories_is_zero_kappa():
    assert cohen_kappa([(1, 2)] * 4) == pytest.approx(0.0)


@pytest.fixture
def villages():
    return list(Settlement.objects.filter(is_admin_centre=False).order_by("position")[:4])


def test_round_agreement_per_area_and_overall(round_, monitor, monitor2, centre, villages):
    # Area T: T1 at the centre agrees (2/2); T2 in two villages: n/a/n/a agrees, 1/0 does not.
    score_twice(observe(round_, "T1", centre, monitor, score=2), monitor2, score=2)
    score_twice(
        observe(round_, "T2", villages[0], monitor, not_applicable=True),
        monitor2,
        not_applicable=True,
    )
    score_twice(observe(round_, "T2", villages[1], monitor, score=1), monitor2, score=0)
    # An observation without a second score is not a pair.
    observe(round_, "T2", villages[2], monitor, score=2)
    # Area P: one pair that agrees and one that does not.
    score_twice(observe(round_, "P1", villages[0], monitor2, score=1), monitor, score=1)
    score_twice(observe(round_, "P1", villages[1], monitor2, score=2), monitor, score=1)

    figures = agreement(round_)

    (t_area, t), (p_area, p) = figures.areas
    assert [t_area.code, p_area.code] == ["T", "P"]
    assert (t.pairs, t.agreed, t.percent) == (3, 2, Decimal("66.7"))
    # T: first 2, n/a, 1; second 2, n/a, 0: pe = 1/9 + 1/9 + 0 = 2/9; κ = (2/3 − 2/9)/(7/9) = 4/7
    assert t.kappa == pytest.approx(4 / 7)
    assert (p.pairs, p.agreed, p.percent) == (2, 1, Decimal("50.0"))
    # P: first 1, 2; second 1, 1: po = 1/2, pe = 1/2 · 1 = 1/2, κ = 0
    assert p.kappa == pytest.approx(0.0)
    overall = figures.overall
    assert (overall.pairs, overall.agreed, overall.percent) == (5, 3, Decimal("60.0"))
    # first: 2, n/a, 1, 1, 2; second: 2, n/a, 0, 1, 1.
    # po = 3/5; pe = (2·1 + 1·1 + 2·2 + 0·1)/25 = 7/25; κ = (15/25 − 7/25)/(18/25) = 8/18 = 4/9
    assert overall.kappa == pytest.approx(4 / 9)


def test_an_area_without_pairs_has_no_figures(round_, monitor, monitor2, centre):
    score_twice(observe(round_, "T1", centre, monitor, score=2), monitor2, score=2)

    (_t, t), (_p, p) = agreement(round_).areas

    assert t.pairs == 1 and t.kappa is None
    assert (p.pairs, p.agreed, p.percent, p.kappa) == (0, 0, None, None)


def test_agreement_takes_two_queries_however_many_pairs(
    round_, monitor, monitor2, villages, django_assert_max_num_queries
):
    for village in villages:
        score_twice(observe(round_, "P2", village, monitor, score=1), monitor2, score=2)
    with django_assert_max_num_queries(2):
        agreement(round_)
