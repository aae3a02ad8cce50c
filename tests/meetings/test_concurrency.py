"""Thirty people registering at the same moment for ten places, and five cancelling at once, on
real PostgreSQL: the meeting's row lock counts them one after the other, so the places are never
overbooked, nobody is lost or registered twice, and the waiting list moves up in order."""

import threading

import pytest
from django.core import mail
from django.db import connection

from ivanovo_portal.meetings.models import Registration
from ivanovo_portal.meetings.services import registrations
from ivanovo_portal.places.models import Settlement, StakeholderGroup

from .conftest import build_meeting

Status = Registration.Status
PEOPLE = 30
PLACES = 10
CANCELLING = 5

pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL's row locks"),
]


def at_once(calls):
    """Run ``calls`` each in a thread of its own, released together, each with its own database
    connection, closed at the end; their results, or the exception one raised, in order."""
    barrier = threading.Barrier(len(calls))
    outcomes = [None] * len(calls)

    def run(index, call):
        try:
            barrier.wait()
            outcomes[index] = call()
        except Exception as error:
            outcomes[index] = error
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(index, call)) for index, call in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return outcomes


def register_all(meeting, count):
    settlement = Settlement.objects.get(slug="pirgovo")
    group = StakeholderGroup.objects.get(slug="citizens")

    def person(number):
        return lambda: registrations.register(
            meeting,
            name=f"Участник {number}",
            settlement=settlement,
            group=group,
            email=f"uchastnik-{number}@example.org",
            consent=True,
        )

    return at_once([person(number) for number in range(count)])


def test_thirty_at_once_for_ten_places_confirm_ten_and_queue_twenty():
    meeting = build_meeting(capacity=PLACES)

    outcomes = register_all(meeting, PEOPLE)

    assert all(isinstance(outcome, Registration) for outcome in outcomes), outcomes
    stored = Registration.objects.filter(meeting=meeting)
    assert stored.count() == PEOPLE
    assert stored.confirmed().count() == PLACES
    assert stored.waiting().count() == PEOPLE - PLACES
    assert len(set(stored.values_list("code", flat=True))) == PEOPLE
    assert len(set(stored.values_list("email", flat=True))) == PEOPLE
    # Whoever the lock let in first got a place: no one waiting registered before a confirmed one.
    last_confirmed = max(stored.confirmed().values_list("created_at", flat=True))
    assert not stored.waiting().filter(created_at__lt=last_confirmed).exists()
    assert len(mail.outbox) == PEOPLE


def test_five_cancelling_at_once_promote_the_first_five_waiting_in_order():
    meeting = build_meeting(capacity=PLACES)
    register_all(meeting, PEOPLE)
    queue = list(Registration.objects.filter(meeting=meeting).waiting())
    leaving = list(Registration.objects.filter(meeting=meeting).confirmed()[:CANCELLING])

    outcomes = at_once([lambda r=r: registrations.cancel(r) for r in leaving])

    assert all(outcome.status == Status.CANCELLED for outcome in outcomes), outcomes
    stored = Registration.objects.filter(meeting=meeting)
    promoted = stored.exclude(promoted_at=None)
    assert list(promoted.order_by("created_at", "pk")) == queue[:CANCELLING]
    assert not promoted.exclude(status=Status.CONFIRMED).exists()
    assert stored.confirmed().count() == PLACES
    assert list(stored.waiting()) == queue[CANCELLING:]
    assert stored.filter(status=Status.CANCELLED).count() == CANCELLING
