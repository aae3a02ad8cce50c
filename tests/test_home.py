"""The home page leads with what a resident can do now, which the kernel learns from a registry the
activity apps fill; every activity's area shows its targets against live figures."""

from datetime import datetime, timedelta

import pytest
from django.utils import timezone

from ivanovo_portal import headlines, take_part
from surveys.models import Questionnaire, TargetGroup


@pytest.fixture
def providers():
    """No provider registered for the test, so the apps' own openings do not interfere."""
    with take_part.providers.override(only=True) as registry:
        yield registry


def opening(title, deadline=None):
    return take_part.Opening(
        kind="Questionnaire", title=title, url=f"/{title}/", action="Answer", deadline=deadline
    )


def test_openings_come_soonest_deadline_first_and_those_without_one_last(providers):
    soon = timezone.make_aware(datetime(2027, 1, 10))
    later = timezone.make_aware(datetime(2027, 3, 1))
    providers.register("one", lambda: [opening("open-ended"), opening("later", later)])
    providers.register("other", lambda: [opening("soon", soon)])

    assert [o.title for o in take_part.open_now()] == ["soon", "later", "open-ended"]


@pytest.mark.django_db
def test_the_home_page_leads_with_what_is_open_before_the_project(client, providers):
    providers.register("meetings", lambda: [opening("round-table")])

    html = client.get("/en/").text

    assert html.index('id="now-heading"') < html.index('href="/round-table/"')
    assert html.index('href="/round-table/"') < html.index('id="project-heading"')


@pytest.mark.django_db
def test_the_home_page_says_plainly_when_nothing_is_open(client, providers):
    html = client.get("/en/").text

    assert "Nothing is open for answers or registration right now." in html


@pytest.mark.django_db
def test_the_open_questionnaire_is_on_the_home_page_with_whom_it_asks_and_until_when(client):
    questionnaire = Questionnaire.objects.create(
        title="Мнението на жителите",
        slug="mnenieto-na-zhitelite",
        target_group=TargetGroup.CITIZENS_NGOS,
        status=Questionnaire.Status.OPEN,
        closes_at=timezone.make_aware(datetime(2099, 1, 31, 18)),
    )
    Questionnaire.objects.create(
        title="Чернова", slug="chernova", target_group=TargetGroup.BUSINESSES
    )

    html = client.get("/en/").text

    assert f'href="{questionnaire.get_absolute_url()}"' in html
    assert "Answer the questionnaire" in html
    assert "Citizens and NGOs" in html
    assert "Open until Jan. 31, 2099" in html
    assert "Чернова" not in html


@pytest.mark.django_db
def test_a_questionnaire_that_opens_later_is_not_offered_yet(client):
    Questionnaire.objects.create(
        title="Следващата анкета",
        slug="sledvashtata",
        target_group=TargetGroup.BUSINESSES,
        status=Questionnaire.Status.OPEN,
        opens_at=timezone.now() + timedelta(days=3),
    )

    html = client.get("/en/").text

    assert "Следващата анкета" not in html
    assert "Nothing is open for answers or registration right now." in html


@pytest.mark.django_db
@pytest.mark.parametrize(
    "address",
    ["/en/surveys/", "/en/monitoring/", "/en/toolkit/", "/en/consultations/", "/en/campaign/"],
)
def test_a_built_area_shows_its_targets_against_live_figures(client, address):
    html = client.get(address).text

    assert "<progress" in html
    assert "being built" not in html


def headline(title, day):
    return headlines.Headline(
        title=title,
        url=f"/{title}/",
        lead="",
        published_at=timezone.make_aware(datetime(2023, 5, day)),
    )


def test_headlines_of_every_provider_come_newest_first_three_at_most():
    news = [headline("conference", 21), headline("round-table", 15), headline("survey", 1)]
    with headlines.providers.override(
        {"news": lambda limit: news[:limit], "other": lambda limit: [headline("notice", 18)]},
        only=True,
    ):
        assert [h.title for h in headlines.latest(limit=3)] == [
            "conference",
            "notice",
            "round-table",
        ]


@pytest.mark.django_db
def test_the_home_page_has_no_news_section_without_news(client):
    with headlines.providers.override(only=True):
        html = client.get("/en/").text

    assert 'id="news-heading"' not in html
