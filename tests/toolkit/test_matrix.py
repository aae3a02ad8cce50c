"""The Code's matrix: every cell of levels × steps on the page, as a table and as a list by step,
each method in each of its cells; with the toolkit's content loaded, no cell is empty."""

import pytest
from django.test.html import Element, parse_html
from django.urls import reverse

from tests.surveys.page_parsing import elements, text_of
from toolkit import catalogue
from toolkit.code import DUTIES, Level, Step
from toolkit.content import METHODS
from toolkit.services.loading import load_methods

pytestmark = pytest.mark.django_db


def children(element, name):
    return [c for c in element.children if isinstance(c, Element) and c.name == name]


def table_cells(page):
    """``{(level label, step label): cell element}`` read from the table's headers."""
    table = next(e for e, _a in elements(parse_html(page)) if e.name == "table")
    steps = [text_of(th) for th in children(children(children(table, "thead")[0], "tr")[0], "th")]
    found = {}
    for row in children(children(table, "tbody")[0], "tr"):
        level = text_of(children(row, "th")[0])
        for step, cell in zip(steps, children(row, "td"), strict=True):
            found[level, step] = cell
    return found


CELL_IDS = {f"{level}-{step}" for level in Level for step in Step}


def list_items(page):
    """``{cell id: element}`` of the phone list's cells, in the page's order."""
    return {
        dict(e.attributes)["id"]: e
        for e, _a in elements(parse_html(page))
        if dict(e.attributes).get("id") in CELL_IDS
    }


def links_in(element):
    return [dict(a.attributes)["href"] for a, _x in elements(element) if a.name == "a"]


@pytest.fixture
def page(client, make_method, english):
    make_method(
        "village-meeting",
        cells=[(Level.CONSULTATION, Step.AGENDA), (Level.DIALOGUE, Step.DRAFTING)],
    )
    make_method("info-board", cells=[(Level.INFORMATION, Step.IMPLEMENTATION)])
    response = client.get(reverse("toolkit:matrix"))
    assert response.status_code == 200
    return response.text


def test_the_table_has_every_level_as_a_row_and_every_step_as_a_column(page):
    cells = table_cells(page)

    duties = "What the authority should do"
    expected = {(str(level.label), str(step.label)) for level in Level for step in Step}
    assert set(cells) - {(duties, str(step.label)) for step in Step} == expected
    for step in Step:
        assert text_of(cells[duties, str(step.label)]) == str(DUTIES[step])
    assert "<caption>" in page
    assert page.count('<th scope="col">') == len(Step)


def test_the_phone_list_has_every_cell_by_step_then_level(page):
    items = list_items(page)

    expected = [f"{level}-{step}" for step in Step for level in Level]
    assert list(items) == expected


def test_a_method_appears_in_each_of_its_cells_and_nowhere_else(page):
    url = reverse("toolkit:method", args=["village-meeting"])
    its_cells = {(Level.CONSULTATION, Step.AGENDA), (Level.DIALOGUE, Step.DRAFTING)}
    table = table_cells(page)
    items = list_items(page)

    for level in Level:
        for step in Step:
            expected = (level, step) in its_cells
            assert (url in links_in(table[str(level.label), str(step.label)])) is expected
            assert (url in links_in(items[f"{level}-{step}"])) is expected


def test_the_matrix_reads_one_query_however_many_methods(make_method, django_assert_num_queries):
    for number in range(10):
        make_method(f"method-{number}", cells=[(Level.DIALOGUE, Step.DECISION)])

    with django_assert_num_queries(1):
        catalogue.matrix()


@pytest.mark.skipif(not METHODS, reason="the toolkit's content is not written yet")
def test_with_the_content_loaded_every_cell_has_a_method():
    load_methods()

    empty = [
        (cell.level, cell.step)
        for row in catalogue.matrix().rows
        for cell in row.cells
        if not cell.methods
    ]
    assert empty == []
