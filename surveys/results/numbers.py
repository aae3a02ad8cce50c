"""Numbers as the results show them: written plainly, summarised from a distribution the database
counted (``{value: count}``), gathered into bands that each hold enough answers."""

from decimal import Decimal


def plain_number(value):
    """``Decimal("4.00")`` as ``"4"``, ``Decimal("2.50")`` as ``"2.5"``."""
    if value is None:
        return ""
    value = Decimal(value)
    if value == value.to_integral_value():
        return str(int(value))
    return format(value.normalize(), "f")


def _median(values):
    """The median of a distribution ``{value: count}``: walks the distinct values in order to the
    middle one, or the middle two (their mean) when the count is even."""
    total = sum(values.values())
    if not total:
        return None
    # 1-based positions of the middle answer(s): the same one twice when ``total`` is odd.
    low, high = (total + 1) // 2, total // 2 + 1
    seen, below = 0, None
    for value in sorted(values):
        seen += values[value]
        if below is None and seen >= low:
            below = value
        if seen >= high:
            return (below + value) / 2
    return below


def statistics_of(distribution):
    """Mean, median, smallest and largest of a distribution ``{number: count}`` (exact decimals,
    as the database's ``avg`` of a decimal column)."""
    if not distribution:
        return {}
    total = sum(distribution.values())
    return {
        "mean": sum(number * n for number, n in distribution.items()) / total,
        "median": _median(distribution),
        "low": min(distribution),
        "high": max(distribution),
    }


def band_edges(distribution, smallest):
    """Where the bands of a number question start, so that each holds at least ``smallest``
    answers: adjacent values are gathered from the lowest up, and a short last band joins the one
    before. The lowest edge is not a value anyone gave: the first band is open below."""
    edges, held = [], 0
    for value in sorted(distribution):
        if not edges or held >= smallest:
            edges.append(value)
            held = 0
        held += distribution[value]
    if len(edges) > 1 and held < smallest:
        edges.pop()
    return edges
