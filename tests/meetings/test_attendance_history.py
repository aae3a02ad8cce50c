"""The public total of attendance grows each time a meeting closes: whoever keeps every version
of it, and of every meeting's counts, still cannot work out fewer than five people."""

import random
from fractions import Fraction

import pytest

from ivanovo_portal.disclosure import MINIMUM
from ivanovo_portal.meetings import selectors
from ivanovo_portal.meetings.services.attendance import close_meeting, record_walk_in
from ivanovo_portal.places.models import Settlement, StakeholderGroup

from .conftest import build_meeting

GROUPS = [("group", g) for g in range(1, 5)]
PLACES = [("place", p) for p in range(1, 4)]
KEYS = GROUPS + PLACES


class Attacker:
    """Everything published, as linear equations over the meetings' exact cells, solved exactly:
    what they determine, the attacker knows."""

    def __init__(self, meetings):
        self.columns = {
            (i, key): c
            for c, (i, key) in enumerate((i, key) for i in range(meetings) for key in KEYS)
        }
        self.rows = []  # reduced: (pivot column, {column: coefficient}, value)

    def learn(self, coefficients, value):
        row, value = dict(coefficients), Fraction(value)
        for pivot, known, known_value in self.rows:
            factor = row.get(pivot, 0)
            if factor:
                for column, coefficient in known.items():
                    row[column] = row.get(column, 0) - factor * coefficient
                value -= factor * known_value
                row = {column: c for column, c in row.items() if c}
        if not row:
            return
        pivot = min(row)
        scale = row[pivot]
        row = {column: Fraction(c) / scale for column, c in row.items()}
        value /= scale
        for index, (other, known, known_value) in enumerate(self.rows):
            factor = known.get(pivot, 0)
            if factor:
                merged = dict(known)
                for column, coefficient in row.items():
                    merged[column] = merged.get(column, 0) - factor * coefficient
                self.rows[index] = (
                    other,
                    {column: c for column, c in merged.items() if c},
                    known_value - factor * value,
                )
        self.rows.append((pivot, row, value))

    def knows(self, coefficients):
        """The value of a sum of cells, if what was published determines it."""
        row, value = dict(coefficients), Fraction(0)
        for pivot, known, known_value in self.rows:
            factor = row.get(pivot, 0)
            if factor:
                for column, coefficient in known.items():
                    row[column] = row.get(column, 0) - factor * coefficient
                value -= factor * known_value
                row = {column: c for column, c in row.items() if c}
        return None if row else -value

    def cell(self, i, key):
        return {self.columns[(i, key)]: 1}

    def total(self, upto, key):
        return {self.columns[(i, key)]: 1 for i in range(upto + 1)}


def draw(rng, meetings):
    tallies = []
    for _ in range(meetings):
        n = rng.randint(3, 24)
        tally = {("n",): n}
        for dimension in (GROUPS, PLACES):
            weights = [rng.random() ** 3 for _ in dimension]
            for key in rng.choices(dimension, weights, k=n):
                tally[key] = tally.get(key, 0) + 1
        tallies.append(tally)
    return tallies


@pytest.mark.parametrize("seed", range(40))
def test_no_version_of_the_counts_lets_anyone_work_out_fewer_than_five(seed):
    rng = random.Random(seed)
    tallies = draw(rng, rng.randint(2, 7))
    history = selectors._History(tallies, KEYS)
    attacker = Attacker(len(tallies))
    for i, tally in enumerate(tallies):
        for dimension in (GROUPS, PLACES):
            attacker.learn({attacker.columns[(i, key)]: 1 for key in dimension}, tally[("n",)])
        # After the i-th closing: the meeting's counts (final) and the new total.
        for key in KEYS:
            if key not in history.meetings[i]:
                attacker.learn(attacker.cell(i, key), tally.get(key, 0))
        total, withheld = history.totals[i]
        for key in KEYS:
            if key not in withheld:
                attacker.learn(attacker.total(i, key), total.get(key, 0))

    for i in range(len(tallies)):
        for key in KEYS:
            for sum_of in (attacker.cell(i, key), attacker.total(i, key)):
                known = attacker.knows(sum_of)
                assert known is None or known == 0 or known >= MINIMUM, (i, key, known)


def test_what_was_published_stays_as_it_was_when_more_meetings_close():
    tallies = draw(random.Random(7), 6)
    later = selectors._History(tallies, KEYS)
    for k in range(1, len(tallies)):
        earlier = selectors._History(tallies[:k], KEYS)
        assert (earlier.meetings, earlier.totals) == (later.meetings[:k], later.totals[:k])


@pytest.mark.django_db
def test_the_total_before_and_after_a_small_meeting_closes_gives_nothing_away(staff):
    citizens, ngos = (StakeholderGroup.objects.get(slug=s) for s in ("citizens", "ngos"))
    place = Settlement.objects.get(slug="pirgovo")

    first = build_meeting(slug="parvo", days=-3)
    for group, n in ((citizens, 10), (ngos, 6)):
        for _ in range(n):
            record_walk_in(first, settlement=place, group=group, user=staff)
    close_meeting(first, user=staff)
    before = selectors.public_attendance().total
    second = build_meeting(slug="vtoro", days=-2)
    for group, n in ((citizens, 7), (ngos, 2)):
        for _ in range(n):
            record_walk_in(second, settlement=place, group=group, user=staff)
    close_meeting(second, user=staff)
    after = selectors.public_attendance()

    def by_group(counts):
        return {line.key[1]: line.count for line in counts.by_group}

    assert by_group(before)[ngos.pk] == 6
    assert by_group(after.of(second))[ngos.pk] is None
    # Without the history, the total would show 8 NGOs: 8 − 6 = the 2 the meeting withholds.
    assert by_group(after.total)[ngos.pk] is None
    assert by_group(after.total)[citizens.pk] is None
