"""Statistical disclosure control for figures the public sees: no published number, and no number
that can be worked out from published ones, describes fewer than ``MINIMUM`` people.

A ``Table`` holds cells (a count each, shown or only implied) and the equations between them: the
cells of a breakdown add up to its total, the parts of a whole to the whole. ``protect()`` hides
every shown cell of 1 to ``MINIMUM - 1`` people (primary suppression), then plays the attacker:
from what is shown, any equation with a single unknown gives that unknown, and so on until nothing
more follows. While that reveals a cell of fewer than ``MINIMUM`` people (shown or implied, such as
"answered minus ticked"), it hides one more shown cell of the equation that gave it away, the
smallest non-zero one first (secondary suppression). Zeros stay shown: that nobody chose an option
describes no one. Activity apps build their tables from whatever they publish (survey results,
attendance, scores) and show the cells ``protect()`` leaves.
"""

from collections import defaultdict
from fractions import Fraction

MINIMUM = 5


class Table:
    """Cells by key and the sums that tie them; see the module's docstring."""

    def __init__(self, minimum=MINIMUM):
        self.minimum = minimum
        self.values = {}
        self.shown = set()
        self.fixed = set()  # shown whatever happens (totals the page is about)
        self.equations = []

    def cell(self, key, value, *, shown=True, fixed=False):
        self.values[key] = value
        if shown or fixed:
            self.shown.add(key)
        if fixed:
            self.fixed.add(key)

    def total(self, whole, parts):
        """``whole`` is the sum of ``parts`` (cells already added; unknown keys are ignored)."""
        keys = [key for key in [whole, *parts] if key in self.values]
        if len(keys) > 1:
            self.equations.append(keys)

    def is_small(self, key):
        return 0 < self.values[key] < self.minimum

    def protect(self, withheld=()):
        """The keys of the shown cells to hide. ``withheld``: cells hidden elsewhere (in another
        table published beside this one), which must not be worked out from this one either."""
        withheld = set(withheld)
        hidden = {key for key in self.shown - self.fixed if self.is_small(key)} | withheld
        for equations in self._parts():
            self._protect_part(equations, hidden, withheld)
        return hidden

    def _parts(self):
        """The equations in groups that share no cell but fixed ones (whose values everyone
        knows): each group is protected on its own, a question of a survey, say."""
        parent = list(range(len(self.equations)))

        def root(i):
            while parent[i] != i:
                parent[i] = parent[parent[i]]
                i = parent[i]
            return i

        first_with = {}
        for index, equation in enumerate(self.equations):
            for key in equation:
                if key in self.fixed:
                    continue
                if key in first_with:
                    parent[root(index)] = root(first_with[key])
                else:
                    first_with[key] = index
        parts = defaultdict(list)
        for index, equation in enumerate(self.equations):
            parts[root(index)].append(equation)
        return parts.values()

    def _protect_part(self, equations, hidden, withheld):
        """Add to ``hidden`` what ``equations`` would otherwise give away."""
        cells = {key for equation in equations for key in equation}
        by_cell = defaultdict(list)
        for index, equation in enumerate(equations):
            for key in equation:
                by_cell[key].append(index)
        while True:
            known = {key for key in cells if key in self.shown and key not in hidden}
            given_by = _worked_out(equations, known, by_cell)
            exposed = sorted(
                (key for key in given_by if self.is_small(key) or key in withheld), key=repr
            )
            if not exposed:
                return
            extra = self._next_to_hide(equations, exposed[0], given_by, hidden)
            if extra is None:  # nothing left to hide: hide every cell that is not fixed
                hidden |= {key for key in cells if key in self.shown and key not in self.fixed}
                return
            hidden.add(extra)

    def _next_to_hide(self, equations, key, given_by, hidden):
        """A shown cell whose hiding stops ``key`` from being worked out the way it was: in the
        equation that gave it, or further back in those that gave that equation's other cells —
        the nearest non-zero one (the smallest of its equation), a zero only when there is none
        (a withheld zero reads oddly, and the cell that gave the secret away is further back)."""
        seen, pending, zero = set(), [given_by[key]], None
        while pending:
            index = pending.pop(0)
            if index in seen:
                continue
            seen.add(index)
            candidates = [
                cell
                for cell in equations[index]
                if cell in self.shown and cell not in hidden and cell not in self.fixed
            ]
            non_zero = [cell for cell in candidates if self.values[cell] != 0]
            if non_zero:
                return min(non_zero, key=lambda c: (self.values[c], repr(c)))
            if candidates and zero is None:
                zero = min(candidates, key=repr)
            pending.extend(given_by[cell] for cell in equations[index] if cell in given_by)
        return zero


def _worked_out(equations, known, by_cell):
    """``{key: index of the equation that gave it}`` for every cell not in ``known`` that
    ``equations`` give, one unknown at a time."""
    known = set(known)
    given_by = {}
    unknown_count = [sum(1 for key in equation if key not in known) for equation in equations]
    queue = [i for i, n in enumerate(unknown_count) if n == 1]
    while queue:
        index = queue.pop()
        missing = [key for key in equations[index] if key not in known]
        if len(missing) != 1:
            continue
        key = missing[0]
        known.add(key)
        given_by[key] = index
        for other in by_cell[key]:
            unknown_count[other] -= 1
            if unknown_count[other] == 1:
                queue.append(other)
    return given_by


class Ledger:
    """What anyone can work out from figures published one after another, kept exact: linear
    equations between counts (published cells, and sums that tie them), reduced as they come
    (Gauss–Jordan over fractions). Unlike ``Table``'s search, it sees what follows from any
    combination of equations — a total minus an earlier total, minus the meetings shown, minus
    another meeting's own total. Rows are replaced, never changed in place, so ``save()`` is a
    cheap copy for trying a publication and taking it back."""

    def __init__(self):
        self.rows = {}  # pivot: ({key: coefficient}, value); no pivot appears in another row

    def learn(self, coefficients, value):
        """Add what ``sum(coefficient × key) = value`` tells."""
        row, value = self._reduce(dict(coefficients), Fraction(value))
        if not row:
            return
        pivot = min(row, key=repr)
        scale = row[pivot]
        row = {key: Fraction(c) / scale for key, c in row.items()}
        value /= scale
        for other, (known, known_value) in list(self.rows.items()):
            factor = known.get(pivot)
            if factor:
                merged = dict(known)
                for key, coefficient in row.items():
                    merged[key] = merged.get(key, 0) - factor * coefficient
                self.rows[other] = (
                    {key: c for key, c in merged.items() if c},
                    known_value - factor * value,
                )
        self.rows[pivot] = (row, value)

    def knows(self, key):
        """The value of ``key`` if what was learnt determines it, else None."""
        row = self.rows.get(key)
        if row is not None and len(row[0]) == 1:
            return row[1]
        return None

    def save(self):
        return dict(self.rows)

    def restore(self, saved):
        self.rows = saved

    def _reduce(self, row, value):
        for pivot in [key for key in row if key in self.rows]:
            factor = row.get(pivot)
            if not factor:
                continue
            known, known_value = self.rows[pivot]
            for key, coefficient in known.items():
                row[key] = row.get(key, 0) - factor * coefficient
            value -= factor * known_value
        return {key: c for key, c in row.items() if c}, value
