"""The planning sheet: the method's steps dated from the start, the notice for the board only
for a consultation, with what the organiser typed escaped, and bad input refused by its field."""

from datetime import date

import pytest
from django.urls import reverse

from ivanovo_portal.places.models import Settlement
from toolkit.code import Level, Step
from toolkit.models import MethodStep
from toolkit.planning import make_plan

pytestmark = pytest.mark.usefixtures("english")


def _with_steps(method, *days):
    MethodStep.objects.bulk_create(
        MethodStep(method=method, position=n, day=day, title=f"Step {n}", who="кметът")
        for n, day in enumerate(days)
    )
    return method


@pytest.fixture
def discussion(make_method):
    return _with_steps(make_method("public-discussion", name="Обществено обсъждане"), 0, 5, 8)


@pytest.fixture
def board(make_method):
    return _with_steps(
        make_method("info-board", name="Табло", cells=[(Level.INFORMATION, Step.AGENDA)]), 0, 7
    )


def test_steps_are_dated_from_the_start_and_days_off_are_named(discussion):
    # 3 March 2025 is Liberation Day, a public holiday; 8 March a Saturday; 11 March a Tuesday.
    plan = make_plan(discussion, start=date(2025, 3, 3))

    assert [(step.on, step.day_off) for step in plan.steps] == [
        (date(2025, 3, 3), "Liberation Day"),
        (date(2025, 3, 8), "Saturday"),
        (date(2025, 3, 11), ""),
    ]
    assert plan.has_day_off


def test_a_consultation_gets_a_notice_whose_period_ends_on_a_working_day(discussion):
    # 6 March + 30 days is Saturday 5 April: the period runs to Monday 7 April.
    krasen = Settlement.objects.get(slug="krasen")
    plan = make_plan(
        discussion, start=date(2025, 3, 3), opens_on=date(2025, 3, 6), settlement=krasen
    )

    assert (plan.notice.opens, plan.notice.closes) == (date(2025, 3, 6), date(2025, 4, 7))
    assert plan.notice.authority == "Кметство Красен"
    assert plan.report_by == date(2025, 4, 7)
    # Without internet the method is announced on the boards first.
    assert plan.channels[0] == "The notice board of the mayoralty of Krasen."


def test_a_method_that_takes_no_views_gets_no_notice(board):
    plan = make_plan(board, start=date(2025, 3, 10))

    assert plan.notice is None
    assert plan.report_by == date(2025, 3, 17)
    # No step given: the Code's duty at the first step the method serves.
    assert plan.step == Step.AGENDA
    assert plan.duty.startswith("Give everyone interested up-to-date, accurate")


def test_the_step_chosen_gives_the_codes_duty(board):
    plan = make_plan(board, start=date(2025, 3, 10), step=Step.MONITORING)

    assert plan.duty.startswith("Inform about how the policy is doing")


def test_the_page_prints_the_plan_and_the_notice_with_what_was_typed_escaped(client, discussion):
    response = client.get(
        reverse("toolkit:plan"),
        {
            "method": "public-discussion",
            "decision": "<script>alert(1)</script> наредба",
            "settlement": "krasen",
            "start": "2025-03-03",
            "meeting_at": "2025-03-20T17:30",
            "venue": "читалище „Светлина“ & салон",
            "contact": "kmet@example.bg",
            "normative": "on",
            "days": "20",
            "reasons": "спешна промяна <i>закон</i>",
        },
    )

    page = response.content.decode()
    assert response.context["form"].errors == {}
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt; наредба" in page
    assert "читалище „Светлина“ &amp; салон" in page
    assert "спешна промяна &lt;i&gt;закон&lt;/i&gt;" in page
    assert "ОБЯВЛЕНИЕ" in page
    assert "на основание чл. 26, ал. 3 и 4 от Закона за нормативните актове" in page
    assert "от 03.03.2025 г. до 24.03.2025 г. включително" in page
    assert "ще се проведе на 20.03.2025 г. от 17:30 ч." in page
    assert "Предложенията и становищата се подават: kmet@example.bg." in page
    assert '<time datetime="2025-03-08" class="fw-bold">Sat 8.03.2025</time>' in page


def test_the_page_has_no_notice_for_a_method_that_takes_no_views(client, board):
    page = client.get(reverse("toolkit:plan"), {"method": "info-board"}).content.decode()

    assert "Step 1" in page
    assert "ОБЯВЛЕНИЕ" not in page


def test_a_bad_date_is_refused_by_its_field_and_the_rest_is_kept(client, discussion):
    response = client.get(
        reverse("toolkit:plan"),
        {"method": "public-discussion", "decision": "Площад", "start": "2025-02-30"},
    )

    form = response.context["form"]
    assert form.errors == {"start": ["Enter a valid date."]}
    assert response.context["plan"] is None
    page = response.content.decode()
    assert 'value="Площад"' in page
    # A date picker cannot hold it: shown empty, as the browser would.
    assert "2025-02-30" not in page.split('name="start"')[1].split(">")[0]


def test_a_date_off_the_calendar_of_any_plan_is_refused_by_its_field(client, discussion, english):
    response = client.get(
        reverse("toolkit:plan"),
        {"method": "public-discussion", "start": "9999-12-30", "opens_on": "0001-01-01"},
    )

    message = ["Choose a date between 01.01.2000 and 31.12.2100."]
    assert response.context["form"].errors == {"start": message, "opens_on": message}
    assert response.context["plan"] is None


def test_a_short_period_for_a_normative_act_needs_its_reasons(client, discussion):
    response = client.get(
        reverse("toolkit:plan"),
        {"method": "public-discussion", "normative": "on", "days": "20"},
    )

    assert response.context["form"].errors == {
        "reasons": ["A period shorter than 30 days for a draft normative act needs its reasons."]
    }


def test_the_page_takes_a_bounded_number_of_queries(
    client, discussion, django_assert_max_num_queries
):
    with django_assert_max_num_queries(10):
        client.get(reverse("toolkit:plan"), {"method": "public-discussion", "settlement": "krasen"})
