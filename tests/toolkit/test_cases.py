"""Where the portal used each method: the cases counted by method across the apps, the page of
every case by method, and one case's page with the fields of a case study."""

from datetime import date

import pytest
from django.db import connection
from django.template.loader import render_to_string
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from ivanovo_portal.cases import Case, Figure, Provider, cases
from monitoring.models import Round
from tests.consultations.conftest import build_consultation
from tests.monitoring.conftest import build_framework, build_round
from toolkit.usage import cases_by_method, counts

pytestmark = pytest.mark.django_db

STUDY = Case(
    key="obsazhdane",
    method="public-discussion",
    title="Обсъждане на наредбата",
    issue="Редът на обществените места.",
    places=("Пиргово", "Красен"),
    starts_on=date(2023, 3, 6),
    ends_on=date(2023, 5, 5),
    participants=42,
    by_group=(Figure("Граждани", "37"), Figure("Бизнес", "не се показва")),
    results=(Figure("Проведени срещи", "3"),),
    outcome="Справката е публикувана.",
    what_changed="Наредбата е приета.",
    url="/consultations/obsazhdane/",
    results_url="/consultations/obsazhdane/spravka/",
)


def published_round(version, slug):
    round_ = build_round(version, slug=slug)
    Round.objects.filter(pk=round_.pk).update(
        status=Round.Status.PUBLISHED, published_at=timezone.now()
    )


def test_cases_are_counted_by_method_across_the_apps(db):
    version = build_framework()
    published_round(version, "round-2023")
    published_round(version, "round-2024")
    build_consultation()

    grouped = cases_by_method()

    assert counts(grouped) == {
        "civic-monitoring": 2,
        "public-discussion": 1,
        "online-consultation": 1,
    }
    assert [provider for provider, _case in grouped["civic-monitoring"]] == ["monitoring"] * 2


def test_the_case_page_shows_every_field_of_a_case_study(client, make_method, english):
    method = make_method("public-discussion", name="Обществено обсъждане")

    with cases.override({"test": Provider(("public-discussion",), lambda: [STUDY])}):
        response = client.get(reverse("toolkit:case", args=["test", "obsazhdane"]))

    html = response.content.decode()
    assert response.status_code == 200
    for text in (
        "Обсъждане на наредбата",
        "Редът на обществените места.",
        "Пиргово, Красен",
        "06.03.2023",
        "05.05.2023",
        "42 participants",
        "<caption>",
        "Граждани",
        "37",
        "не се показва",
        "Проведени срещи",
        "Справката е публикувана.",
        "Наредбата е приета.",
        f'href="{method.get_absolute_url()}"',
        'href="/consultations/obsazhdane/"',
        'href="/consultations/obsazhdane/spravka/"',
    ):
        assert text in html, text


def test_a_case_of_a_method_outside_the_toolkit_still_shows_under_its_slug(client, english):
    other = Case(**{**STUDY.__dict__, "method": "citizens-jury"})

    with cases.override({"test": Provider(("citizens-jury",), lambda: [other])}, only=True):
        html = client.get(reverse("toolkit:cases")).content.decode()

    assert "citizens-jury" in html
    assert reverse("toolkit:case", args=["test", "obsazhdane"]) in html
    assert "42 participants" in html


def test_an_unknown_case_is_not_found(client):
    with cases.override({"test": Provider(("public-discussion",), lambda: [STUDY])}):
        assert client.get(reverse("toolkit:case", args=["test", "nyama"])).status_code == 404
        assert client.get(reverse("toolkit:case", args=["nyama", "obsazhdane"])).status_code == 404


def test_the_used_here_list_of_a_method_says_when_it_was_not_used(english):
    assert "Not used in this project yet." in render_to_string(
        "toolkit/_used_here.html", {"cases": []}
    )
    html = render_to_string("toolkit/_used_here.html", {"cases": [("test", STUDY)]})
    assert "Used here 1 time" in html


def _queries(client):
    with CaptureQueriesContext(connection) as captured:
        assert client.get(reverse("toolkit:cases")).status_code == 200
    return len(captured)


def test_the_used_here_page_reads_as_many_queries_for_many_cases(client):
    version = build_framework()
    published_round(version, "round-1")
    build_consultation(slug="parva")
    few = _queries(client)
    for number in range(2, 5):
        published_round(version, f"round-{number}")
        build_consultation(slug=f"obsazhdane-{number}")
    many = _queries(client)

    assert few == many
    assert many <= 40
