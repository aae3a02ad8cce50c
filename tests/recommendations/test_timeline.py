"""The public timeline: its dates read in order and hold nothing that has not happened yet, and
staff add dated events of their own."""

from datetime import date, timedelta

import pytest
from django.utils import timezone

from ivanovo_portal.recommendations import letters, services
from ivanovo_portal.recommendations.models import Recommendation, TimelineEntry
from ivanovo_portal.refusals import Refused

from .helpers import LETTER_DATE, approved, at_status, filed, prepared, timeline_kinds, write

pytestmark = pytest.mark.django_db
Status = Recommendation.Status
Kind = TimelineEntry.Kind


# Dates: the public timeline reads in order and holds nothing that has not happened yet.


def refused_date(call, field="date"):
    """Run ``call``, which must be refused for its date; return the refusal's message."""
    with pytest.raises(Refused) as refused:
        call()
    assert refused.value.field == field
    return refused.value.message


def tomorrow():
    return timezone.localdate() + timedelta(days=1)


def test_a_response_cannot_predate_the_registry_entry(staff, official):
    recommendation = at_status(Status.FILED, staff)  # letter 2 June, filed 5 June

    refused_date(
        lambda: services.record_response(
            recommendation, text="Отговор.", date=date(2023, 6, 3), user=official
        )
    )
    recommendation.refresh_from_db()
    assert recommendation.status == Status.FILED
    assert timeline_kinds(recommendation) == [Kind.APPROVED, Kind.LETTER_PREPARED, Kind.FILED]


def test_a_decision_cannot_predate_the_response(staff, official):
    recommendation = at_status(Status.ANSWERED, staff)  # answered 28 June

    refused_date(
        lambda: services.record_decision(
            recommendation, decision="accepted", date=date(2023, 6, 27), user=official
        )
    )
    recommendation.refresh_from_db()
    assert recommendation.status == Status.ANSWERED

    services.record_decision(
        recommendation, decision="accepted", date=date(2023, 6, 28), user=official
    )
    recommendation.refresh_from_db()
    assert recommendation.status == Status.ACCEPTED


def test_progress_cannot_predate_the_decision(staff, official):
    recommendation = at_status(Status.ACCEPTED, staff)  # accepted with the response, 28 June

    refused_date(
        lambda: services.record_progress(
            recommendation, progress=30, date=date(2023, 6, 20), user=official
        )
    )
    recommendation.refresh_from_db()
    assert recommendation.progress == 0


def test_progress_cannot_predate_an_earlier_update(staff, official):
    recommendation = at_status(Status.ACCEPTED, staff)
    services.record_progress(recommendation, progress=30, date=date(2023, 9, 1), user=official)

    refused_date(
        lambda: services.record_progress(
            recommendation, progress=60, date=date(2023, 8, 1), user=official
        )
    )
    assert timeline_kinds(recommendation)[-1] == Kind.PROGRESS
    assert recommendation.timeline.filter(kind=Kind.PROGRESS).count() == 1


def test_no_step_is_dated_in_the_future(staff, official):
    draft = write(staff)
    approved_one = approved(staff)
    letter = prepared(staff)
    unregistered = filed(staff, registry_number="")
    answered = at_status(Status.ANSWERED, staff)
    accepted = at_status(Status.ACCEPTED, staff)
    before = TimelineEntry.objects.count()

    steps = {
        "approve": lambda: services.approve(draft, date=tomorrow(), user=staff),
        "prepare": lambda: letters.prepare_letter(
            [approved_one], outgoing_number="99", outgoing_date=tomorrow(), user=staff
        ),
        "file": lambda: letters.file_letter(letter, filed_on=tomorrow(), user=staff),
        "registry": lambda: letters.record_registry_entry(
            unregistered, number="1", date=tomorrow(), user=official
        ),
        "response": lambda: services.record_response(
            unregistered.recommendations.get(), text="Отговор.", date=tomorrow(), user=official
        ),
        "decision": lambda: services.record_decision(
            answered, decision="rejected", date=tomorrow(), user=official
        ),
        "progress": lambda: services.record_progress(
            accepted, progress=10, date=tomorrow(), user=official
        ),
        "event": lambda: services.record_event(
            accepted, kind=Kind.MEETING, text="Среща.", date=tomorrow(), user=staff
        ),
    }
    fields = {"prepare": "outgoing_date", "file": "filed_on"}
    for name, step in steps.items():
        assert refused_date(step, field=fields.get(name, "date")), name

    assert TimelineEntry.objects.count() == before


def test_approval_on_an_earlier_day_is_dated_that_day(staff):
    recommendation = services.approve(write(staff), user=staff, date=date(2023, 5, 25))

    assert timezone.localdate(recommendation.approved_at) == date(2023, 5, 25)


# Events of the staff's own on the public timeline.


def test_staff_add_a_dated_event_to_the_timeline(staff):
    recommendation = at_status(Status.FILED, staff)

    entry = services.record_event(
        recommendation,
        kind=Kind.REMINDER,
        date=date(2023, 8, 16),
        reference="27",
        text="Напомнително писмо.",
        user=staff,
    )

    assert (entry.kind, entry.date, entry.reference) == (Kind.REMINDER, date(2023, 8, 16), "27")
    assert list(recommendation.timeline.order_by("date").values_list("kind", flat=True))[-1] == (
        Kind.REMINDER
    )


def test_an_event_may_fall_between_steps_and_later_steps_still_follow_the_steps(staff):
    recommendation = at_status(Status.ACCEPTED, staff)  # accepted 28 June
    services.record_event(
        recommendation, kind=Kind.MEETING, date=date(2023, 10, 1), text="Среща.", user=staff
    )

    services.record_progress(recommendation, progress=30, date=date(2023, 9, 1), user=staff)

    dates = list(recommendation.timeline.values_list("date", flat=True))
    assert dates == sorted(dates)


def test_an_event_before_the_approval_is_refused(staff):
    recommendation = approved(staff)  # 25 May

    refused_date(
        lambda: services.record_event(
            recommendation, kind=Kind.MEETING, date=date(2023, 5, 1), text="Среща.", user=staff
        )
    )


def test_a_draft_takes_no_event_and_an_event_needs_words_and_a_known_kind(staff):
    draft, public = write(staff), approved(staff)

    with pytest.raises(Refused):
        services.record_event(draft, kind=Kind.MEETING, date=LETTER_DATE, text="Среща.", user=staff)
    with pytest.raises(Refused) as no_text:
        services.record_event(public, kind=Kind.MEETING, date=LETTER_DATE, text=" ", user=staff)
    with pytest.raises(Refused) as step_kind:
        services.record_event(
            public, kind=Kind.FILED, date=LETTER_DATE, text="Входиран.", user=staff
        )
    assert (no_text.value.field, step_kind.value.field) == ("text", "kind")
