"""The statutory deadline of an access-to-information request (Закон за достъп до обществена
информация, ЗДОИ) and whether it has passed without an answer.

- чл. 28, ал. 1: the body decides on a request within 14 days of its registration. The portal
  counts from ``submitted_on``, the day the monitor handed it in and the registry entered it.
- чл. 29, ал. 1: when the body asks what exactly is wanted, the 14 days run from the day the
  requester clarified it (``clarified_on``).
- чл. 30, ал. 1: the term may be extended by up to 10 days for a large volume of information;
  чл. 31, ал. 2: by up to 14 days when a third party's consent is needed. Only an extension the
  body notified (``extension_notified_on``) within the term counts, by the days the notice gave
  (``extension_days``), never more than the law allows for its ground.
- A term whose last day is not a working day ends on the next working day (the general rule of
  Bulgarian procedure, ГПК чл. 60, ал. 6).
  Only the last day of the whole term moves, the extension included.

Sources: the text of чл. 29, ал. 1 as published at https://exlege.bg/normi/zdoi/eu-acts/162080
("Срокът по чл. 28, ал. 1 започва да тече от датата на уточняването…"); the 14-day count from
registration as applied in practice (a request registered on 06.01.2010 was due on 20.01.2010:
"Заявления по ЗДОИ до областния управител на Варна", http://sopa.bg/news.php?extend.57). The
numbers and terms of чл. 28, 30 and 31 are those of ДВ бр. 55/2000 as amended, as the labels of
``InformationRequest.Extension`` cite them.
"""

import functools
from dataclasses import dataclass
from datetime import date, timedelta

import holidays
from django.utils import timezone

from .models import InformationRequest

TERM = timedelta(days=14)
# The most days the law allows an extension on each ground.
EXTENSIONS = {
    InformationRequest.Extension.VOLUME: timedelta(days=10),
    InformationRequest.Extension.THIRD_PARTY: timedelta(days=14),
}


@functools.lru_cache(maxsize=16)
def _days_off(year):
    # The library's Bulgarian public holidays, with the days off that replace one falling on a
    # weekend (Кодекс на труда чл. 154) and the extra days off it knows of. Saturdays the
    # government turns into working days by decree ("отработване") are not modelled: a term
    # ending on one is moved to the Monday after, a day later than the law would.
    return frozenset(holidays.BG(years=year))


def is_working_day(day):
    return day.weekday() < 5 and day not in _days_off(day.year)


def next_working_day(day):
    """``day`` itself when it is a working day, else the first working day after it."""
    while not is_working_day(day):
        day += timedelta(days=1)
    return day


def _term_start(request):
    return request.clarified_on or request.submitted_on


def _extension(request, term_end):
    """The days an extension adds: only for one the body notified before the term ran out."""
    notified = request.extension_notified_on
    if not request.extension or notified is None or notified > next_working_day(term_end):
        return timedelta()
    allowed = EXTENSIONS[request.extension]
    if request.extension_days is None:
        return allowed
    return min(timedelta(days=request.extension_days), allowed)


def request_deadline(request) -> date:
    """The last day on which the body may decide on ``request``."""
    term_end = _term_start(request) + TERM
    return next_working_day(term_end + _extension(request, term_end))


def is_overdue(request, today=None) -> bool:
    """No answer is recorded and the deadline has passed (``today``: Europe/Sofia's date)."""
    today = today or timezone.localdate()
    return request.answer == InformationRequest.Answer.PENDING and today > request_deadline(request)


def days_left(request, today=None) -> int:
    """Days from ``today`` to the deadline: negative once it has passed."""
    return (request_deadline(request) - (today or timezone.localdate())).days


@dataclass(frozen=True)
class Deadline:
    """A request beside its deadline as a list shows it, on the day ``today``."""

    request: InformationRequest
    deadline: date
    days_left: int
    overdue: bool

    @property
    def overdue_by(self):
        return -self.days_left


def with_deadlines(requests, today=None):
    """Each of ``requests`` as a :class:`Deadline`, in their order."""
    today = today or timezone.localdate()
    return [
        Deadline(
            request,
            request_deadline(request),
            days_left(request, today),
            is_overdue(request, today),
        )
        for request in requests
    ]
