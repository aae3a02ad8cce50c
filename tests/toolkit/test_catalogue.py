"""The toolkit's landing page, the methods list with its filters and a method's page."""

from datetime import date

import pytest
from django.urls import reverse
from django.utils import timezone

from ivanovo_portal.cases import Case, Provider, cases
from tests.surveys.page_parsing import elements, text_of
from toolkit.code import Level, Step
from toolkit.models import Edition, MethodStep, MethodTemplate, MethodVersion
from toolkit.models.methods import Audience, Cost, Facilitation, Fit

pytestmark = pytest.mark.django_db


@pytest.fixture
def no_cases():
    """No activity's cases, so that a test's own are the only ones."""
    with cases.override(only=True) as registry:
        yield registry


def used(method, key):
    return Case(
        key=key,
        method=method,
        title=f"Анкета {key}",
        issue="Въпрос",
        places=("Иваново",),
        starts_on=date(2023, 3, 1),
        ends_on=None,
        participants=None,
    )


@pytest.fixture
def methods(make_method):
    """Four methods that differ in each facet."""
    return [
        make_method(
            "village-meeting",
            name="Селска среща",
            cells=[(Level.CONSULTATION, Step.AGENDA), (Level.DIALOGUE, Step.DRAFTING)],
            cost=Cost.NONE,
            facilitation=Facilitation.NONE,
            offline=True,
            elderly=Fit.WELL,
        ),
        make_method(
            "online-consultation",
            name="Онлайн консултация",
            cells=[(Level.CONSULTATION, Step.DRAFTING)],
            cost=Cost.LOW,
            facilitation=Facilitation.SOME,
            offline=False,
            paper=False,
            online=True,
            elderly=Fit.POOR,
        ),
        make_method(
            "citizens-panel",
            name="Гражданско жури",
            cells=[(Level.DIALOGUE, Step.DECISION)],
            cost=Cost.HIGH,
            facilitation=Facilitation.TRAINED,
            offline=True,
            elderly=Fit.WITH_CARE,
        ),
        make_method(
            "info-board",
            name="Информационно табло",
            cells=[(Level.INFORMATION, Step.IMPLEMENTATION)],
            cost=Cost.NONE,
            facilitation=Facilitation.NONE,
            offline=True,
            elderly=Fit.WELL,
            group_max=None,
        ),
    ]


def listed(client, query=""):
    response = client.get(reverse("toolkit:methods") + query)
    assert response.status_code == 200
    return response, [card.method.slug for card in response.context["cards"]]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("", ["citizens-panel", "info-board", "online-consultation", "village-meeting"]),
        ("?level=consultation", ["online-consultation", "village-meeting"]),
        ("?step=drafting", ["online-consultation", "village-meeting"]),
        # Both together mean one cell: the village meeting serves consultation at another step.
        ("?level=consultation&step=drafting", ["online-consultation"]),
        ("?offline=on", ["citizens-panel", "info-board", "village-meeting"]),
        ("?elderly=on", ["info-board", "village-meeting"]),
        ("?cost=0", ["info-board", "village-meeting"]),
        ("?cost=1", ["info-board", "online-consultation", "village-meeting"]),
        ("?facilitation=1", ["info-board", "online-consultation", "village-meeting"]),
        ("?level=information&offline=on&elderly=on&cost=0", ["info-board"]),
        ("?level=partnership", []),
    ],
)
def test_the_filters_narrow_the_list(client, methods, no_cases, query, expected):
    _response, slugs = listed(client, query)

    assert sorted(slugs) == expected


def test_the_list_says_how_many_match_and_keeps_the_choices_in_the_form(
    client, methods, no_cases, english
):
    response, _slugs = listed(client, "?level=consultation&elderly=on")
    page = response.text

    assert "1 method matches." in page
    assert '<option value="consultation" selected>' in page
    assert 'name="elderly" class="checkboxinput form-check-input" id="id_elderly" checked' in page
    assert "No method matches these filters." in listed(client, "?level=partnership")[0].text


def test_a_value_no_longer_offered_is_refused_by_its_field_and_the_others_still_filter(
    client, methods, no_cases, english
):
    response, slugs = listed(client, "?cost=9&offline=on")

    assert sorted(slugs) == ["citizens-panel", "info-board", "village-meeting"]
    assert "Select a valid choice. 9 is not one of the available choices." in response.text


def test_a_card_shows_the_levels_the_key_facts_and_the_uses_here(
    client, methods, no_cases, english
):
    no_cases.register(
        "surveys",
        Provider(
            ("village-meeting",),
            lambda: [used("village-meeting", "a"), used("village-meeting", "b")],
        ),
    )

    page = listed(client)[0].text

    start = page.index('id="method-village-meeting"')
    card = page[start : page.index("</article>", start)]
    assert 'href="/en/toolkit/methods/village-meeting/"' in card
    assert "Кратко описание." in card
    assert "Consultation</span>" in card and "Dialogue</span>" in card
    assert "Works without internet" in card
    assert "On paper too" in card
    assert "Suits elderly people well" in card
    assert "2 седмици" in card
    assert "Cost: no cost" in card
    assert "5–50 people" in card
    assert "Used here 2 times" in card
    assert "Not used here yet" in page
    assert "5 people or more" in page  # the info board has no upper limit


def _list_queries(client):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        listed(client, "?offline=on")
    return len(captured)


def test_the_list_reads_as_many_queries_for_many_methods_as_for_few(
    client, make_method, no_cases, django_assert_max_num_queries
):
    make_method("one", cells=[(Level.CONSULTATION, Step.DRAFTING), (Level.DIALOGUE, Step.AGENDA)])
    few = _list_queries(client)
    for number in range(20):
        make_method(f"more-{number}", cells=[(Level.INFORMATION, Step.AGENDA)])
    many = _list_queries(client)

    assert few == many
    with django_assert_max_num_queries(4):
        listed(client)


@pytest.fixture
def full_method(make_method):
    method = make_method(
        "public-discussion",
        name="Обществено обсъждане",
        cells=[(Level.CONSULTATION, Step.DRAFTING), (Level.INFORMATION, Step.AGENDA)],
        purpose="Да се чуе **мнението** на жителите.",
        when_to_use="Преди решение на общинския съвет.",
        when_not="Когато решението вече е взето.",
        cost_note="Зала и покани.",
        audiences=[Audience.ELDERLY, Audience.VILLAGERS],
        venue="Зала на първия етаж, без стъпала.",
        legal_basis="ЗНА, чл. 26.",
        risks="Малко участници.",
        tips="Обявете рано.",
        sources="- [Кодекс](https://rm.coe.int/code)",
    )
    MethodStep.objects.create(method=method, position=1, day=0, title="Обява", who="Кметът")
    MethodStep.objects.create(
        method=method, position=2, day=14, title="Среща", who="Общината", detail="Водете протокол."
    )
    template = MethodTemplate.objects.create(method=method, title="Покана", body="# Покана")
    MethodVersion.objects.create(method=method, number=1, content={})
    MethodVersion.objects.create(method=method, number=2, content={})
    return method, template


def test_a_method_page_shows_every_section(client, full_method, no_cases, english):
    method, template = full_method

    response = client.get(method.get_absolute_url())
    page = response.text

    assert response.status_code == 200
    tree = elements_named(page, "h2")
    for heading in [
        "Where it sits in the Code's matrix",
        "Purpose",
        "When to use it",
        "When not to use it",
        "How to run it, step by step",
        "An accessible venue",
        "Legal basis",
        "Risks",
        "Tips",
        "At a glance",
        "Templates to download",
        "Used here",
        "Sources",
    ]:
        assert heading in tree
    assert "<strong>мнението</strong>" in page  # markdown rendered
    assert 'href="/en/toolkit/matrix/#consultation-drafting"' in page
    assert "Information · Agenda setting" in page
    assert page.index("Обява") < page.index("Среща")
    assert "At the start" in page and "Day 14 from the start" in page
    assert "Водете протокол." in page
    assert "Зала и покани." in page
    assert "Elderly people, residents of small villages" in page
    assert "ЗНА, чл. 26." in page
    assert f'href="{reverse("toolkit:template", args=[template.pk])}"' in page
    assert f'href="{reverse("toolkit:plan")}?method=public-discussion"' in page
    assert 'href="https://rm.coe.int/code"' in page
    assert "Version 2, last changed on" in page
    assert "Not used in this project yet." in page


def elements_named(page, name):
    from django.test.html import parse_html

    return [text_of(e) for e, _a in elements(parse_html(page)) if e.name == name]


def test_a_method_page_lists_where_the_portal_used_it(client, full_method, no_cases):
    method, _template = full_method
    no_cases.register(
        "surveys",
        Provider(
            ("public-discussion", "survey"),
            lambda: [used("public-discussion", "a"), used("survey", "b")],
        ),
    )

    page = client.get(method.get_absolute_url()).text

    assert "Анкета a" in page
    assert "Анкета b" not in page


def test_a_method_page_asks_only_the_apps_whose_cases_may_use_it(client, full_method, no_cases):
    method, _template = full_method

    def elsewhere():
        raise AssertionError("a provider of other methods was asked")

    no_cases.register("monitoring", Provider(("civic-monitoring",), elsewhere))

    assert client.get(method.get_absolute_url()).status_code == 200


def test_a_method_without_a_law_says_so(client, make_method, no_cases, english):
    method = make_method("world-cafe", legal_basis="")

    page = client.get(method.get_absolute_url()).text

    assert "No Bulgarian law regulates this method." in page


def test_an_unknown_method_is_not_found(client, methods):
    assert client.get(reverse("toolkit:method", args=["no-such-method"])).status_code == 404


def test_the_method_page_reads_a_fixed_number_of_queries(
    client, full_method, no_cases, django_assert_max_num_queries
):
    method, _template = full_method
    with django_assert_max_num_queries(5):
        client.get(method.get_absolute_url())


def test_the_toolkit_page_leads_to_its_parts(client, methods, english):
    page = client.get(reverse("toolkit:index")).text

    for name in ["toolkit:finder", "toolkit:methods", "toolkit:matrix", "toolkit:cases"]:
        assert f'href="{reverse(name)}"' in page
    assert "4 participation methods" in page
    assert "Find a method for your decision" in page
    assert "<progress" in page
    assert "Edition" not in page  # none published yet


def test_the_toolkit_page_offers_the_latest_edition_of_the_book(client, english):
    for number in (1, 2):
        Edition.objects.create(number=number, published_at=timezone.now())

    page = client.get(reverse("toolkit:index")).text

    assert f'href="{reverse("toolkit:edition", args=[2])}"' in page
    assert f'href="{reverse("toolkit:edition", args=[1])}"' not in page
