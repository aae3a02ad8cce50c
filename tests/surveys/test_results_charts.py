"""The SVG charts: a text alternative with the figures, accessible markup, no inline styles."""

import re

from django.template.loader import render_to_string

from ivanovo_portal.charts import bar_chart, scale_colours, stacked_chart
from surveys.results.figures import MatrixRowResult, Row, results_for


def test_bar_chart_is_an_image_with_title_and_a_description_of_the_figures():
    svg = bar_chart(
        [Row("Добре", 18, 45.0), Row("Зле <лошо>", 22, 55.0)],
        title="Как оценявате?",
        description="Q8: 40 respondents; Добре 45%, Зле 55%",
    )
    assert 'role="img"' in svg
    title_id, desc_id = re.search(r'aria-labelledby="([^ ]+) ([^"]+)"', svg).groups()
    assert f'<title id="{title_id}">Как оценявате?</title>' in svg
    assert f'<desc id="{desc_id}">Q8: 40 respondents; Добре 45%, Зле 55%</desc>' in svg
    assert "Зле &lt;лошо&gt;" in svg
    assert "18 (45%)" in svg
    assert "style=" not in svg


def test_bar_lengths_follow_the_counts():
    svg = bar_chart([Row("а", 10, 50.0), Row("б", 5, 25.0)], title="t", description="d")
    widths = re.findall(r'fill="#0b5cad"', svg)
    assert len(widths) == 2
    assert 'width="190.0"' in svg and 'width="95.0"' in svg


def test_stacked_chart_has_a_legend_for_every_scale_point():
    cells = [Row("Лошо", 1, 50.0, "1"), Row("Добре", 1, 50.0, "2")]
    svg = stacked_chart(
        [MatrixRowResult("Обслужване", "admin", 2, cells)],
        cells,
        title="Доволни ли сте?",
        description="d",
    )
    assert svg.count("<rect") == 1 + 2 + 2  # track, two segments, two legend keys
    assert ">Лошо</tspan>" in svg and ">Добре</tspan>" in svg


def test_scale_colours_run_from_red_to_blue_and_never_repeat_on_five_points():
    assert scale_colours(5) == ["#b2182b", "#e66101", "#767676", "#2b83ba", "#1e40af"]
    assert scale_colours(2) == ["#b2182b", "#1e40af"]
    assert len(set(scale_colours(8))) == 8


def test_the_question_include_shows_chart_table_and_statistics(questionnaire, respond):
    respond(Q8="4")
    respond(Q8="2")
    result = results_for(questionnaire)["Q8"]
    html = render_to_string("surveys/results/_question.html", {"result": result})
    # The chart, and its data table a tap away (tests/surveys/test_results_on_a_phone.py).
    assert "<caption>" in html and 'scope="row"' in html
    assert html.index('role="img"') < html.index("<details") < html.index("<caption>")
    assert "Q8: 2" in result.chart  # the description starts with the code and the respondents
    printed = render_to_string(
        "surveys/results/_question.html", {"result": result, "for_print": True, "heading_level": 2}
    )
    assert "<h2 " in printed
