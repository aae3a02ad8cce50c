"""The results on a phone: a filter without "hold Ctrl", each question's chart with its table a
tap away, chart labels read at 14 px or more at 375 px, tables whose headers are never cut."""

import re

import pytest
from django.template.loader import render_to_string
from django.test.html import parse_html
from django.urls import reverse

from ivanovo_portal.charts import LINE_CHARACTERS, bar_chart, label_lines, stacked_chart
from surveys.models import Questionnaire
from surveys.results.figures import MatrixRowResult, Row, results_for

from .page_parsing import elements, text_of

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]

# A 375 px phone shows the page 351 px wide: Bootstrap's container keeps 12 px each side.
PHONE_PAGE_WIDTH = 375 - 2 * 12


@pytest.fixture
def answered(questionnaire, respond):
    """Ten respondents, five of them from Красен: an area of its own on the public page."""
    for settlement, yes_no, rating in [
        ("krasen", "yes", "4"),
        ("krasen", "no", "5"),
        ("krasen", "yes", "3"),
        ("krasen", "no", "4"),
        ("krasen", "yes", "2"),
        ("mechka", "no", "2"),
        ("nisovo", "yes", "4"),
        ("mechka", "yes", "5"),
        ("nisovo", "no", "3"),
        ("koshov", "yes", "4"),
    ]:
        respond(Q1=settlement, Q2=yes_no, Q8=rating, Q9={"admin": rating, "info": "3"})
    return questionnaire


def with_class(html, tag, name):
    return [e for e, _a in nodes(html) if e.name == tag and name in attrs(e).get("class", "")]


def attrs(element):
    return dict(element.attributes)


def nodes(html):
    return list(elements(parse_html(html)))


def test_the_staff_filter_offers_each_questions_answers_as_check_boxes_without_ctrl(
    client, staff, answered, question
):
    client.force_login(staff)
    page = client.get(reverse("surveys:results", args=[answered.slug]))
    assert "Ctrl" not in page.text
    assert "<select" not in page.text.split('id="results"')[0]  # the filter has no list box
    groups = with_class(page.text, "details", "answer-filter-question")
    summaries = [text_of(g.children[0]) for g in groups]
    assert summaries[:2] == [
        "Q2. Участвали ли сте в обществено обсъждане?",
        "Q6. Откъде научавате новините за общината?",
    ]
    q2 = groups[0]
    boxes = [attrs(e) for e, _a in elements(q2) if e.name == "input"]
    assert {box["type"] for box in boxes} == {"checkbox"}
    assert {box["name"] for box in boxes} == {"answer"}
    assert [int(box["value"]) for box in boxes] == list(
        question("Q2").choices.values_list("pk", flat=True)
    )
    assert "open" not in attrs(q2)


def test_a_question_with_a_ticked_answer_stands_open_and_filters_the_results(
    client, staff, answered, question
):
    client.force_login(staff)
    yes = question("Q2").choices.get(code="yes")
    page = client.get(reverse("surveys:results", args=[answered.slug]), {"answer": [yes.pk]})
    assert page.context["results"].respondents == 6
    groups = with_class(page.text, "details", "answer-filter-question")
    (opened,) = [group for group in groups if "open" in attrs(group)]
    assert text_of(opened.children[0]).startswith("Q2.")
    ticked = [attrs(e) for e, _a in elements(opened) if e.name == "input" and "checked" in attrs(e)]
    assert [box["value"] for box in ticked] == [str(yes.pk)]


def test_the_public_chooses_an_area_with_radio_buttons_and_no_ctrl(client, answered):
    Questionnaire.objects.filter(pk=answered.pk).update(results_published=True)
    page = client.get(reverse("surveys:public_results", args=[answered.slug]))
    assert "Ctrl" not in page.text
    inputs = [
        attrs(e)
        for e, _a in nodes(page.text)
        if e.name == "input" and attrs(e).get("name") == "area"
    ]
    assert inputs and {i["type"] for i in inputs} == {"radio"}


def test_each_question_shows_its_chart_with_its_table_a_tap_away(answered):
    result = results_for(answered)["Q8"]
    html = render_to_string("surveys/results/_question.html", {"result": result})
    found = nodes(html)
    (disclosure,) = [e for e, _a in found if e.name == "details"]
    summary = disclosure.children[0]
    assert summary.name == "summary" and text_of(summary) == "Show the figures as a table"
    assert [e.name for e, _a in elements(disclosure) if e.name == "table"] == ["table"]
    chart = next(e for e, _a in found if e.name == "svg")
    assert not any(e is chart for e, _a in elements(disclosure))  # the chart is in view
    # The PDF prints both, with nothing to tap.
    printed = render_to_string(
        "surveys/results/_question.html", {"result": result, "for_print": True}
    )
    assert "<details" not in printed and "<svg" in printed and "<table" in printed


def test_a_matrix_table_names_each_figure_by_its_answer_for_a_phone(answered):
    result = results_for(answered)["Q9"]
    html = render_to_string("surveys/results/_table.html", {"result": result})
    found = nodes(html)
    (table,) = [e for e, _a in found if e.name == "table"]
    assert "survey-table-reflow" in attrs(table)["class"]
    labels = [c.label for c in result.columns]
    rows = [e for e, _a in found if e.name == "tr"][1:]
    assert len(rows) == len(result.matrix)
    for row in rows:
        cells = [attrs(c) for c in row.children if getattr(c, "name", "") == "td"]
        assert [c["data-label"] for c in cells] == [*labels, "Answered", "Mean", "Median"]


def rendered_label_size(svg, page_width=PHONE_PAGE_WIDTH):
    """The size a chart's labels are read at on a page ``page_width`` wide: the drawing is shown
    at its own width or less (img-fluid), scaled from its viewBox."""
    view_width = float(re.search(r'viewBox="0 0 ([\d.]+) ', svg).group(1))
    shown = min(float(re.search(r' width="([\d.]+)"', svg).group(1)), page_width)
    font_size = float(re.search(r'font-size="([\d.]+)"', svg).group(1))
    assert "font-size" not in svg.split(">", 1)[1]  # no smaller text inside
    return font_size * shown / view_width


def test_chart_labels_are_read_at_14_px_or_more_on_a_375_px_phone():
    bars = bar_chart([Row("Добре", 18, 45.0), Row("Зле", 22, 55.0)], title="t", description="d")
    cells = [Row("Лошо", 1, 50.0, "1"), Row("Добре", 1, 50.0, "2")]
    stacked = stacked_chart(
        [MatrixRowResult("Обслужване", "admin", 2, cells)], cells, title="t", description="d"
    )
    for svg in (bars, stacked):
        assert rendered_label_size(svg) >= 14
    # The drawing at 480 px that this replaces: 16 px labels read at 11.7 px.
    assert rendered_label_size('viewBox="0 0 480 9" width="480" font-size="16">') < 12


def test_a_long_label_is_broken_between_words_not_cut_off():
    label = "Смятам, че мнението ми няма да бъде взето предвид от общината"
    lines = label_lines(label)
    assert len(lines) == 2 and " ".join(lines) == label
    assert all(len(line) <= LINE_CHARACTERS for line in lines)
    svg = bar_chart([Row(label, 3, 100.0)], title="t", description="d")
    assert [f">{line}</tspan>" in svg for line in lines] == [True, True]
    very_long = " ".join(["обсъждане"] * 20)
    assert label_lines(very_long)[-1].endswith("…") and len(label_lines(very_long)) == 3


def test_the_results_pages_draw_every_chart_legible_and_keep_every_table_in_its_box(
    client, staff, answered
):
    client.force_login(staff)
    Questionnaire.objects.filter(pk=answered.pk).update(results_published=True)
    for url in (
        reverse("surveys:results", args=[answered.slug]),
        reverse("surveys:public_results", args=[answered.slug]),
    ):
        page = client.get(url).text
        charts = re.findall(r"<svg .*?</svg>", page, flags=re.S)
        assert charts and all(rendered_label_size(svg) >= 14 for svg in charts)
        # A question's table scrolls sideways in a box of its own (headers whole, the page
        # never wider than the phone).
        tables = [
            ancestors[-1]
            for e, ancestors in nodes(page)
            if e.name == "table" and "survey-table" in attrs(e).get("class", "")
        ]
        assert tables
        assert all("table-responsive" in attrs(box).get("class", "") for box in tables)
