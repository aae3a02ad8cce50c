"""A recommendation through the services: numbered, edited, approved, answered, decided on and
implemented, each step refused out of turn."""

from datetime import date

import pytest
from django.utils import timezone
from pypdf import PdfReader

from ivanovo_portal.recommendations import selectors, services
from ivanovo_portal.recommendations.models import Recommendation, TimelineEntry
from ivanovo_portal.refusals import Refused

from .helpers import approved, at_status, filed, timeline_kinds, write

pytestmark = pytest.mark.django_db
Status = Recommendation.Status
Kind = TimelineEntry.Kind


def test_a_new_recommendation_is_a_draft_numbered_in_its_year(staff, settlement):
    recommendation = write(staff, settlements=[settlement])

    year = timezone.localdate().year
    assert recommendation.status == Status.DRAFT
    assert recommendation.number == f"П-{year}-001"
    assert recommendation.addressee == "Кмета на Община Иваново"
    assert list(recommendation.settlements.all()) == [settlement]
    assert recommendation.created_by == staff
    assert timeline_kinds(recommendation) == []


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
    assert timeline_kinds(recommendation) == [Kind.APPROVED]
    assert recommendation.timeline.get().date == date(2023, 5, 25)


def test_an_approved_recommendation_cannot_be_approved_again(staff):
    recommendation = approved(staff)

    with pytest.raises(Refused):
        services.approve(recommendation, user=staff)
    assert timeline_kinds(recommendation) == [Kind.APPROVED]


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
    before = timeline_kinds(recommendation)

    with pytest.raises(Refused):
        services.record_progress(recommendation, progress=50, user=staff)
    assert timeline_kinds(recommendation) == before


@pytest.mark.parametrize("progress", [-1, 101])
def test_progress_outside_0_to_100_is_refused(staff, progress):
    recommendation = at_status(Status.ACCEPTED, staff)

    with pytest.raises(Refused) as refused:
        services.record_progress(recommendation, progress=progress, user=staff)
    assert refused.value.field == "progress"


def test_the_whole_path_leaves_a_dated_timeline(staff, official):
    recommendation = at_status(Status.ACCEPTED, staff)
    services.record_progress(recommendation, progress=100, date=date(2023, 10, 1), user=official)

    assert timeline_kinds(recommendation) == [
        Kind.APPROVED,
        Kind.LETTER_PREPARED,
        Kind.FILED,
        Kind.ACCEPTED,
        Kind.IMPLEMENTED,
    ]
