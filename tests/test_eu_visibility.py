"""The EU emblem and the reference to the Union are in the first screen of every page (Reg. (EU)
No 821/2014, Art. 4): a slim band at the top of the header, before the page's content, in the
language of the page; the full statement stays in the footer."""

import re

import pytest

from ivanovo_portal import views
from surveys.models import Questionnaire, TargetGroup

pytestmark = pytest.mark.django_db

PUBLIC_URLS = [
    "/",
    "/surveys/",
    "/surveys/grazhdanite/",
    "/monitoring/",
    "/toolkit/",
    "/consultations/",
    "/news/",
    "/events/",
    "/publications/",
    "/recommendations/",
    "/indicators/",
    "/accessibility/",
    "/accounts/login/",
    "/no-such-page/",
]
WORDS = {
    "bg": ["Европейски съюз", "Европейски социален фонд"],
    "en": ["European Union", "European Social Fund"],
}


@pytest.fixture(autouse=True)
def questionnaire():
    return Questionnaire.objects.create(
        title="Гражданите и общината",
        slug="grazhdanite",
        target_group=TargetGroup.CITIZENS_NGOS,
        status=Questionnaire.Status.OPEN,
    )


def band_of(html):
    """The band and what follows it up to the page's content; fails if the band is not there
    or comes after the content starts."""
    start = html.index('<div class="eu-band">')
    assert start < html.index("<main"), "the EU band comes after the page's content"
    return html[start : html.index("<main")]


def emblem_in(band):
    return re.search(
        r'<img src="[^"]*eu-flag\.svg" alt="([^"]+)" width="(\d+)" height="(\d+)"', band
    )


@pytest.mark.parametrize("url", PUBLIC_URLS)
def test_every_bulgarian_page_shows_the_emblem_and_the_union_before_its_content(client, url):
    band = band_of(client.get(url).text)

    assert emblem_in(band).group(1) == "Знаме на Европейския съюз"
    for words in WORDS["bg"]:
        assert words in band


@pytest.mark.parametrize("url", PUBLIC_URLS)
def test_every_english_page_names_the_union_and_the_fund_in_english(client, url):
    band = band_of(client.get(f"/en{url}").text)

    assert emblem_in(band).group(1) == "Flag of the European Union"
    for words in WORDS["en"]:
        assert words in band


def test_no_image_in_the_header_is_larger_than_the_emblem(client):
    html = client.get("/").text
    header = html[html.index("<header") : html.index("</header>")]
    emblem = emblem_in(header)
    emblem_area = int(emblem.group(2)) * int(emblem.group(3))

    for width, height in re.findall(r'<img [^>]*width="(\d+)" height="(\d+)"', header):
        assert int(width) * int(height) <= emblem_area


def test_the_error_pages_rendered_without_a_request_carry_the_band_too(rf):
    html = views.server_error(rf.get("/")).content.decode()

    assert "Европейски съюз" in band_of(html)


def test_the_footer_keeps_the_full_statement_with_the_programme_and_project(client):
    html = client.get("/").text
    footer = html[html.index("<footer") :]

    assert "Оперативна програма „Добро управление“" in footer
    assert "BG05SFOP001-2.025-0007" in footer
    assert "Управляващия орган" in footer
