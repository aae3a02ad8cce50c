"""The kernel's disclosure control: small cells hidden, and whatever would give them away."""

from ivanovo_portal.disclosure import Table


def breakdown(values, *, total=None):
    """A table of one breakdown: cells "a", "b", … adding up to a fixed total."""
    table = Table()
    table.cell("n", total if total is not None else sum(values), fixed=True)
    keys = [chr(ord("a") + i) for i in range(len(values))]
    for key, value in zip(keys, values, strict=True):
        table.cell(key, value)
    table.total("n", keys)
    return table


def test_it_shows_a_breakdown_without_small_cells_whole():
    assert breakdown([12, 0, 7]).protect() == set()


def test_it_hides_a_small_cell_and_the_smallest_other_that_would_give_it_away():
    assert breakdown([20, 3, 9, 0]).protect() == {"b", "c"}


def test_it_hides_nothing_more_when_two_small_cells_cover_each_other():
    assert breakdown([20, 3, 2]).protect() == {"b", "c"}


def test_it_hides_a_shown_cell_when_an_implied_one_is_small():
    # 10 answered, 7 ticked: the 3 who did not tick are implied by subtraction.
    table = Table()
    table.cell("answered", 10, fixed=True)
    table.cell("ticked", 7)
    table.cell("unticked", 3, shown=False)
    table.total("answered", ["ticked", "unticked"])
    assert table.protect() == {"ticked"}


def test_it_protects_a_cell_across_a_whole_and_its_parts():
    # The whole (22) = area A (12) + area B (10); option x: 9 = 6 + 3.
    table = Table()
    for view, n, x, y in [("whole", 22, 9, 13), ("a", 12, 6, 6), ("b", 10, 3, 7)]:
        table.cell((view, "n"), n, fixed=True)
        table.cell((view, "x"), x)
        table.cell((view, "y"), y)
        table.total((view, "n"), [(view, "x"), (view, "y")])
    for key in ["x", "y"]:
        table.total(("whole", key), [("a", key), ("b", key)])
    hidden = table.protect()
    assert ("b", "x") in hidden
    # Neither the other option of B, nor the whole's and A's figures for x, may all stay shown.
    assert ("b", "y") in hidden
    assert {("whole", "x"), ("a", "x")} & hidden
    assert {("whole", "y"), ("a", "y")} & hidden
