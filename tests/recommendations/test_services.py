from datetime import date, timedelta

import pytest
from django.utils import timezone
from pypdf import PdfReader

from ivanovo_portal.recommendations import letters, selectors, services
from ivanovo_portal.recommendations.models import Recommendation, TimelineEntry
from ivanovo_portal.refusals import Refused

from .helpers import LETTER_DATE, approved, at_status, filed, prepared, write

pytestmark = pytest.mark.django_db
Status = Recommendation.Status
Kind = TimelineEntry.Kind


def kinds(recommendation):
    return list(recommendation.timeline.values_list("kind", flat=True))


def test_a_new_recommendation_is_a_draft_numbered_in_its_year(staff, settlement):
    recommendation = write(staff, settlements=[settlement])

    year = timezone.localdate().year
    assert recommendation.status == Status.DRAFT
    assert recommendation.number == f"П-{year}-001"
    assert recommendation.addressee == "Кмета на Община Иваново"
    assert list(recommendation.settlements.all()) == [settlement]
    assert recommendation.created_by == staff
    assert kinds(recommendation) == []


def test_numbers_follow_each_other(staff):
    first, second = write(staff), write(staff)

    assert int(second.number[-3:]) == int(first.number[-3:]) + 1


def test_a_number_taken_meanwhile_by_someone_else_is_skipped(staff, monkeypatch):
    taken = write(staff).number
    offered = iter([taken])
    real_next_number = services._next_number
    monkeypatch.setattr(
        services, "_next_number", lambda year: next(offered, None) or real_next_number(year)
    )

    recommendation = write(staff)

    assert recommendation.number != taken
    assert Recommendation.objects.count() == 2


def test_a_draft_can_be_edited(staff, settlement):
    recommendation = write(staff)

    services.update_recommendation(
        recommendation, user=staff, title="Нов заглавен текст", settlements=[settlement]
    )

    recommendation.refresh_from_db()
    assert recommendation.title == "Нов заглавен текст"
    assert list(recommendation.settlements.all()) == [settlement]


def test_an_approved_recommendation_can_still_be_edited(staff):
    recommendation = approved(staff)

    services.update_recommendation(recommendation, user=staff, text="По-ясен текст.")

    recommendation.refresh_from_db()
    assert recommendation.text == "По-ясен текст."
    assert recommendation.status == Status.APPROVED


def test_a_recommendation_in_a_letter_not_filed_yet_can_still_be_edited_and_the_letter_follows(
    staff, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        recommendation = at_status(Status.IN_LETTER, staff)
        services.update_recommendation(recommendation, user=staff, text="Поправен текст.")

    recommendation.refresh_from_db()
    assert recommendation.text == "Поправен текст."
    letter = selectors.letter_of(recommendation.submissions.get())
    with letter.file.open("rb") as pdf:
        text = " ".join(PdfReader(pdf).pages[0].extract_text().split())
    assert "Поправен текст." in text


def test_a_filed_recommendation_cannot_be_edited(staff):
    recommendation = at_status(Status.FILED, staff)

    with pytest.raises(Refused):
        services.update_recommendation(recommendation, user=staff, text="Друг текст.")

    recommendation.refresh_from_db()
    assert recommendation.text != "Друг текст."


def test_approving_a_draft_makes_it_public_with_a_timeline_entry(staff):
    recommendation = write(staff)

    recommendation = services.approve(recommendation, user=staff, date=date(2023, 5, 25))

    assert recommendation.status == Status.APPROVED
    assert recommendation.approved_by == staff
    assert recommendation.approved_at is not None
    assert Recommendation.objects.public().filter(pk=recommendation.pk).exists()
    assert kinds(recommendation) == [Kind.APPROVED]
    assert recommendation.timeline.get().date == date(2023, 5, 25)


def test_an_approved_recommendation_cannot_be_approved_again(staff):
    recommendation = approved(staff)

    with pytest.raises(Refused):
        services.approve(recommendation, user=staff)
    assert kinds(recommendation) == [Kind.APPROVED]


def test_a_response_without_a_decision_marks_the_recommendation_answered(staff, official):
    recommendation = at_status(Status.FILED, staff)

    recommendation = services.record_response(
        recommendation,
        text="Ще бъде обсъдено.",
        date=date(2023, 6, 28),
        reference="94-00-312-1",
        user=official,
    )

    assert recommendation.status == Status.ANSWERED
    assert recommendation.response_text == "Ще бъде обсъдено."
    assert recommendation.response_reference == "94-00-312-1"
    assert recommendation.decision == ""
    assert recommendation.timeline.last().kind == Kind.ANSWERED


@pytest.mark.parametrize("decision", list(Recommendation.Decision))
def test_a_response_with_a_decision_records_the_decision(staff, official, decision):
    recommendation = at_status(Status.FILED, staff)

    recommendation = services.record_response(
        recommendation, text="Отговор.", date=date(2023, 6, 28), decision=decision, user=official
    )

    assert recommendation.status == decision
    assert recommendation.decision == decision
    assert recommendation.timeline.last().kind == decision


def test_a_response_is_accepted_before_the_registry_entry_is_known(staff, official):
    recommendation = filed(staff, registry_number="").recommendations.get()

    recommendation = services.record_response(
        recommendation, text="Отговор.", date=date(2023, 6, 28), user=official
    )

    assert recommendation.status == Status.ANSWERED


@pytest.mark.parametrize(
    "status", [Status.DRAFT, Status.APPROVED, Status.IN_LETTER, Status.ANSWERED]
)
def test_only_a_recommendation_whose_letter_was_filed_can_receive_a_response(
    staff, official, status
):
    recommendation = at_status(status, staff)

    with pytest.raises(Refused):
        services.record_response(
            recommendation, text="Отговор.", date=date(2023, 6, 28), user=official
        )
    recommendation.refresh_from_db()
    assert recommendation.status == status


def test_a_response_cannot_predate_the_filing(staff, official):
    recommendation = filed(staff, registry_number="").recommendations.get()  # filed 5 June

    with pytest.raises(Refused) as refused:
        services.record_response(
            recommendation, text="Отговор.", date=date(2023, 6, 4), user=official
        )
    assert refused.value.field == "date"


def test_a_decision_follows_an_answer(staff, official):
    recommendation = at_status(Status.ANSWERED, staff)

    recommendation = services.record_decision(
        recommendation,
        decision=Recommendation.Decision.PARTLY_ACCEPTED,
        note="Частично.",
        date=date(2023, 7, 10),
        user=official,
    )

    assert recommendation.status == Status.PARTLY_ACCEPTED
    entry = recommendation.timeline.last()
    assert (entry.kind, entry.text, entry.date) == (
        Kind.PARTLY_ACCEPTED,
        "Частично.",
        date(2023, 7, 10),
    )


@pytest.mark.parametrize("status", [Status.APPROVED, Status.FILED, Status.ACCEPTED])
def test_a_decision_is_refused_without_an_open_answer(staff, official, status):
    recommendation = at_status(status, staff)

    with pytest.raises(Refused):
        services.record_decision(
            recommendation, decision=Recommendation.Decision.REJECTED, user=official
        )


def test_an_unknown_decision_is_refused(staff, official):
    recommendation = at_status(Status.ANSWERED, staff)

    with pytest.raises(Refused):
        services.record_decision(recommendation, decision="maybe", user=official)


def test_progress_on_an_accepted_recommendation_goes_on_the_timeline(staff, official):
    recommendation = at_status(Status.ACCEPTED, staff)

    recommendation = services.record_progress(
        recommendation, progress=40, note="Създаден е раздел.", date=date(2023, 9, 1), user=official
    )

    assert recommendation.status == Status.ACCEPTED
    assert recommendation.progress == 40
    entry = recommendation.timeline.last()
    assert (entry.kind, entry.progress, entry.text) == (Kind.PROGRESS, 40, "Създаден е раздел.")


def test_progress_of_100_implements_the_recommendation(staff):
    recommendation = at_status(Status.PARTLY_ACCEPTED, staff)

    recommendation = services.record_progress(recommendation, progress=100, user=staff)

    assert recommendation.status == Status.IMPLEMENTED
    assert recommendation.timeline.last().kind == Kind.IMPLEMENTED


def test_marking_implemented_completes_the_progress(staff):
    recommendation = at_status(Status.ACCEPTED, staff)

    recommendation = services.record_progress(
        recommendation, progress=80, implemented=True, user=staff
    )

    assert recommendation.status == Status.IMPLEMENTED
    assert recommendation.progress == 100


@pytest.mark.parametrize(
    "status",
    [Status.APPROVED, Status.FILED, Status.ANSWERED, Status.REJECTED, Status.IMPLEMENTED],
)
def test_progress_is_refused_before_acceptance_or_after_the_end(staff, status):
    recommendation = at_status(status, staff)
    before = kinds(recommendation)

    with pytest.raises(Refused):
        services.record_progress(recommendation, progress=50, user=staff)
    assert kinds(recommendation) == before


@pytest.mark.parametrize("progress", [-1, 101])
def test_progress_outside_0_to_100_is_refused(staff, progress):
    recommendation = at_status(Status.ACCEPTED, staff)

    with pytest.raises(Refused) as refused:
        services.record_progress(recommendation, progress=progress, user=staff)
    assert refused.value.field == "progress"


def test_the_whole_path_leaves_a_dated_timeline(staff, official):
    recommendation = at_status(Status.ACCEPTED, staff)
    services.record_progress(recommendation, progress=100, date=date(2023, 10, 1), user=official)

    assert kinds(recommendation) == [
        Kind.APPROVED,
        Kind.LETTER_PREPARED,
        Kind.FILED,
        Kind.ACCEPTED,
        Kind.IMPLEMENTED,
    ]


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
    assert kinds(recommendation) == [Kind.APPROVED, Kind.LETTER_PREPARED, Kind.FILED]


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
    assert kinds(recommendation)[-1] == Kind.PROGRESS
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
