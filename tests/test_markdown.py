"""Markdown that staff write becomes HTML safe in any page, PDF or e-mail: the page's title stays
the only <h1>, raw HTML is shown as text, images and script links are dropped."""

from django.template import Context, Template

from ivanovo_portal.markdown import render


def test_headings_start_below_the_page_title():
    assert render("# Резултати\n\n## По села\n\n###### Най-малко") == (
        "<h2>Резултати</h2>\n<h3>По села</h3>\n<h6>Най-малко</h6>\n"
    )


def test_raw_html_is_shown_as_text_not_run():
    html = render('<script>alert(1)</script>\n\n<b onclick="x">дебело</b>')

    assert "<script" not in html
    assert "<b" not in html
    assert "&lt;script&gt;" in html


def test_a_link_keeps_its_address_and_opens_nothing_of_ours():
    html = render("[Планът](https://ivanovo.bg/plan) и [срещите](/events/)")

    assert '<a href="https://ivanovo.bg/plan" rel="noopener noreferrer nofollow">Планът</a>' in html
    assert '<a href="/events/" rel="noopener noreferrer nofollow">срещите</a>' in html


def test_a_script_link_is_no_link():
    html = render("[натисни](javascript:alert(1)) [още](data:text/html,x)")

    assert "<a" not in html


def test_images_are_not_allowed_in_the_text():
    assert "<img" not in render("![снимка](https://example.org/x.png)")


def test_lists_emphasis_and_tables_are_kept():
    html = render("- **едно**\n- *две*\n\n| село | хора |\n|---|---:|\n| Мечка | 9 |")

    assert "<ul>" in html
    assert "<strong>едно</strong>" in html
    assert "<em>две</em>" in html
    assert "<td>9</td>" in html


def test_the_template_filter_renders_the_same_safe_html():
    template = Template("{% load markdown %}{{ text|markdown }}")

    html = template.render(Context({"text": "# Заглавие\n\n<i>x</i>"}))

    assert html == render("# Заглавие\n\n<i>x</i>")
    assert "<h2>Заглавие</h2>" in html
