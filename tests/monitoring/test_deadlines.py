"""The statutory deadline of an access-to-information request (ЗДОИ чл. 28–31) against dates
worked out by hand on the 2026 calendar."""

from datetime import UTC, date, datetime

import pytest
from django.utils import timezone

from monitoring.deadlines import is_overdue, is_working_day, request_deadline
from monitoring.models import InformationRequest

Extension = InformationRequest.Extension
Answer = InformationRequest.Answer


def made(submitted_on, **fields):
    """A request as the deadline sees it: nothing is saved."""
    return InformationRequest(submitted_on=submitted_on, **fields)


def test_the_municipality_decides_within_fourteen_days_of_registration():
    # Tuesday 6 October → Tuesday 20 October.
    assert request_deadline(made(date(2026, 10, 6))) == date(2026, 10, 20)


def test_a_term_ending_on_a_weekend_ends_on_the_monday():
    # Sent by e-mail on Saturday 3 October: the 14th day is Saturday 17 October.
    assert request_deadline(made(date(2026, 10, 3))) == date(2026, 10, 19)


def test_a_term_ending_at_easter_ends_after_the_easter_days_off():
    # Friday 27 March + 14 = Good Friday, 10 April; Saturday, Easter Sunday and Easter Monday
    # (13 April) follow: the term ends on Tuesday 14 April.
    assert request_deadline(made(date(2026, 3, 27))) == date(2026, 4, 14)


def test_a_term_ending_at_christmas_skips_the_holidays_and_the_day_off_for_them():
    # Thursday 10 December + 14 = Christmas Eve; 25 and 26 December are holidays, the 27th a
    # Sunday, and Monday the 28th the day off for the 26th falling on a Saturday.
    assert request_deadline(made(date(2026, 12, 10))) == date(2026, 12, 29)


def test_the_term_runs_from_the_clarification_the_municipality_asked_for():
    request = made(date(2026, 10, 1), clarified_on=date(2026, 10, 7))
    assert request_deadline(request) == date(2026, 10, 21)


def test_a_notified_extension_for_a_large_volume_adds_ten_days():
    # Thursday 8 October + 14 + 10 = Sunday 1 November → Monday 2 November.
    request = made(
        date(2026, 10, 8),
        extension=Extension.VOLUME,
        extension_notified_on=date(2026, 10, 15),
    )
    assert request_deadline(request) == date(2026, 11, 2)


def test_a_notified_extension_for_a_third_partys_consent_adds_fourteen_days():
    request = made(
        date(2026, 10, 5),
        extension=Extension.THIRD_PARTY,
        extension_notified_on=date(2026, 10, 19),
    )
    assert request_deadline(request) == date(2026, 11, 2)


def test_an_extension_not_notified_moves_nothing():
    request = made(date(2026, 10, 6), extension=Extension.VOLUME)
    assert request_deadline(request) == date(2026, 10, 20)


def test_an_extension_notified_after_the_term_ran_out_moves_nothing():
    request = made(
        date(2026, 10, 6), extension=Extension.VOLUME, extension_notified_on=date(2026, 10, 21)
    )
    assert request_deadline(request) == date(2026, 10, 20)


def test_an_extension_notified_on_the_last_day_of_the_term_counts():
    request = made(
        date(2026, 10, 6), extension=Extension.VOLUME, extension_notified_on=date(2026, 10, 20)
    )
    assert request_deadline(request) == date(2026, 10, 30)


@pytest.mark.parametrize(
    ("day", "working"),
    [
        (date(2026, 10, 16), True),
        (date(2026, 10, 17), False),
        (date(2026, 3, 3), False),  # Liberation Day
        (date(2026, 9, 7), False),  # the day off for Unification Day on a Sunday
    ],
)
def test_working_days_are_weekdays_that_are_not_days_off(day, working):
    assert is_working_day(day) is working


def test_a_request_is_overdue_only_after_its_last_day_without_an_answer():
    request = made(date(2026, 10, 6))
    assert not is_overdue(request, today=date(2026, 10, 20))
    assert is_overdue(request, today=date(2026, 10, 21))


@pytest.mark.parametrize("answer", [Answer.FULL, Answer.PARTIAL, Answer.REFUSAL, Answer.NONE])
def test_a_request_with_its_answer_recorded_is_not_overdue(answer):
    request = made(date(2026, 10, 6), answer=answer)
    assert not is_overdue(request, today=date(2026, 12, 1))


def test_overdue_counts_from_sofias_date_by_default(monkeypatch):
    request = made(date(2026, 10, 6))
    # 22:30 UTC on the last day is already the next day in Sofia (UTC+3 in summer time).
    monkeypatch.setattr(timezone, "now", lambda: datetime(2026, 10, 20, 20, 30, tzinfo=UTC))
    assert not is_overdue(request)
    monkeypatch.setattr(timezone, "now", lambda: datetime(2026, 10, 20, 22, 30, tzinfo=UTC))
    assert is_overdue(request)


def test_an_extension_counts_the_days_its_notice_gave(round_, centre, monitor):
    request = InformationRequest(
        round=round_,
        settlement=centre,
        submitted_on=date(2026, 6, 1),
        extension=InformationRequest.Extension.VOLUME,
        extension_notified_on=date(2026, 6, 10),
        extension_days=5,
    )
    # 01.06 + 14 days = 15.06 (a Monday), + 5 days = 20.06, a Saturday: Monday 22.06.
    assert request_deadline(request) == date(2026, 6, 22)
    request.extension_days = None  # not given: the most the law allows, 10 days
    assert request_deadline(request) == date(2026, 6, 25)
