"""A letter's true steps: prepared (corrected or cancelled while not filed), filed, entered in the
registry under a number that may come later, and corrected with a reason when typed wrong."""

from datetime import date, timedelta

import pytest
from django.db import IntegrityError, transaction

from ivanovo_portal.documents.models import GeneratedDocument
from ivanovo_portal.recommendations import letters, services
from ivanovo_portal.recommendations.models import Recommendation, RegistrySubmission, TimelineEntry
from ivanovo_portal.refusals import Refused

from .helpers import FILED_ON, LETTER_DATE, approved, at_status, filed, prepared, write

pytestmark = pytest.mark.django_db
Status = Recommendation.Status
Kind = TimelineEntry.Kind


def kinds(recommendation):
    return list(recommendation.timeline.order_by("pk").values_list("kind", flat=True))


def refused(call, field=None):
    with pytest.raises(Refused) as refusal:
        call()
    assert refusal.value.field == field
    return refusal.value


# Prepared: nothing is filed yet.


def test_preparing_a_letter_files_nothing(staff):
    first, second = approved(staff), approved(staff, title="Второ")

    letter = letters.prepare_letter(
        [first, second], outgoing_number="15", outgoing_date=LETTER_DATE, user=staff
    )

    assert set(letter.recommendations.all()) == {first, second}
    assert letter.status == RegistrySubmission.Status.PREPARED
    assert letter.filed_on is None and letter.answer_due is None
    assert not Recommendation.objects.filed().exists()
    for recommendation in (first, second):
        recommendation.refresh_from_db()
        assert recommendation.status == Status.IN_LETTER
        assert kinds(recommendation) == [Kind.APPROVED, Kind.LETTER_PREPARED]
        assert recommendation.timeline.last().reference == "15"


def test_preparing_requests_the_letter_document(staff, monkeypatch):
    requested = []
    monkeypatch.setattr(
        services, "request_document", lambda *args, **kwargs: requested.append((args, kwargs))
    )

    letter = prepared(staff)

    title = f"Писмо изх. № {letter.outgoing_number} от 02.06.2023 г. до Кмета на Община Иваново"
    assert requested == [((letter, "recommendations.letter"), {"user": staff, "title": title})]


def test_a_draft_keeps_the_whole_letter_from_being_made(staff):
    ready, draft = approved(staff), write(staff)

    refused(
        lambda: letters.prepare_letter(
            [ready, draft], outgoing_number="15", outgoing_date=LETTER_DATE, user=staff
        )
    )

    ready.refresh_from_db()
    assert ready.status == Status.APPROVED
    assert not RegistrySubmission.objects.exists()
    assert not GeneratedDocument.objects.exists()


def test_a_recommendation_cannot_go_into_two_letters(staff):
    recommendation = at_status(Status.IN_LETTER, staff)

    refused(
        lambda: letters.prepare_letter(
            [recommendation], outgoing_number="16", outgoing_date=LETTER_DATE, user=staff
        )
    )


def test_a_letter_needs_a_recommendation_and_an_unused_number(staff):
    used = prepared(staff).outgoing_number

    refused(
        lambda: letters.prepare_letter(
            [], outgoing_number="15", outgoing_date=LETTER_DATE, user=staff
        ),
        "recommendations",
    )
    refused(
        lambda: letters.prepare_letter(
            [approved(staff)], outgoing_number=used, outgoing_date=LETTER_DATE, user=staff
        ),
        "outgoing_number",
    )


def test_a_letter_cannot_be_dated_before_the_approval_of_what_it_carries(staff):
    recommendation = approved(staff)  # 25 May 2023

    refused(
        lambda: letters.prepare_letter(
            [recommendation], outgoing_number="15", outgoing_date=date(2023, 5, 20), user=staff
        ),
        "outgoing_date",
    )


# Corrected or cancelled before filing.


def test_correcting_a_letter_shows_old_and_new_with_the_reason_and_renders_it_again(
    staff, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        letter = prepared(staff)
    recommendation = letter.recommendations.get()
    prepared_entry = recommendation.timeline.get(kind=Kind.LETTER_PREPARED)

    with django_capture_on_commit_callbacks(execute=True):
        letters.correct_letter(
            letter,
            outgoing_number="И-77",
            outgoing_date=date(2023, 6, 3),
            recommendations=[recommendation],
            reason="Номерът е от друг регистър.",
            date=date(2023, 6, 4),
            user=staff,
        )

    letter.refresh_from_db()
    assert (letter.outgoing_number, letter.outgoing_date) == ("И-77", date(2023, 6, 3))
    correction = recommendation.timeline.get(kind=Kind.CORRECTED)
    assert correction.corrects == prepared_entry
    assert correction.text == "Номерът е от друг регистър."
    label = RegistrySubmission._meta.get_field
    assert correction.changes_display == [
        (label("outgoing_number").verbose_name, prepared_entry.reference, "И-77"),
        (label("outgoing_date").verbose_name, "02.06.2023", "03.06.2023"),
    ]
    prepared_entry.refresh_from_db()
    assert prepared_entry.reference != "И-77"  # what was recorded stays as it was
    document = GeneratedDocument.objects.get()
    assert document.status == GeneratedDocument.Status.READY
    assert document.title.startswith("Писмо изх. № И-77 от 03.06.2023")


def test_a_recommendation_taken_out_of_a_letter_is_free_again_and_one_put_in_joins(staff):
    letter = prepared(staff)
    out = letter.recommendations.get()
    joining = approved(staff, title="Добавена")

    letters.correct_letter(
        letter,
        outgoing_number=letter.outgoing_number,
        outgoing_date=letter.outgoing_date,
        recommendations=[joining],
        reason="Първата ще отиде с друго писмо.",
        user=staff,
    )

    out.refresh_from_db()
    joining.refresh_from_db()
    assert out.status == Status.APPROVED
    assert kinds(out)[-1] == Kind.LETTER_WITHDRAWN
    assert joining.status == Status.IN_LETTER
    assert list(letter.recommendations.all()) == [joining]


def test_a_correction_needs_a_reason_and_a_change(staff):
    letter = prepared(staff)
    same = {
        "outgoing_number": letter.outgoing_number,
        "outgoing_date": letter.outgoing_date,
        "recommendations": list(letter.recommendations.all()),
        "user": staff,
    }

    refused(lambda: letters.correct_letter(letter, reason=" ", **same), "reason")
    refused(lambda: letters.correct_letter(letter, reason="Проверка.", **same))


def test_cancelling_a_letter_frees_its_recommendations_and_keeps_it_on_record(staff):
    letter = prepared(staff)
    recommendation = letter.recommendations.get()

    letters.cancel_letter(letter, reason="Писмото ще бъде обединено с друго.", user=staff)

    letter.refresh_from_db()
    recommendation.refresh_from_db()
    assert letter.status == RegistrySubmission.Status.CANCELLED
    assert letter.cancel_reason == "Писмото ще бъде обединено с друго."
    assert recommendation.status == Status.APPROVED
    assert recommendation.timeline.last().kind == Kind.LETTER_WITHDRAWN
    again = prepared(staff, recommendation)
    assert again.recommendations.get() == recommendation
    refused(lambda: letters.file_letter(letter, filed_on=FILED_ON, user=staff))


def test_a_filed_letter_can_be_neither_corrected_nor_cancelled(staff):
    letter = filed(staff)

    refused(lambda: letters.cancel_letter(letter, reason="Късно.", user=staff))
    refused(
        lambda: letters.correct_letter(
            letter,
            outgoing_number="99",
            outgoing_date=LETTER_DATE,
            recommendations=list(letter.recommendations.all()),
            reason="Късно.",
            user=staff,
        )
    )


# Filed, with the registry entry then or later.


def test_filing_without_the_registry_number_files_and_sets_the_answer_due(staff):
    letter = prepared(staff)
    recommendation = letter.recommendations.get()

    letters.file_letter(letter, filed_on=FILED_ON, user=staff)

    letter.refresh_from_db()
    recommendation.refresh_from_db()
    assert letter.is_filed and not letter.has_registry_entry
    assert letter.answer_due == FILED_ON + timedelta(days=30)
    assert recommendation.status == Status.FILED
    assert list(Recommendation.objects.filed()) == [recommendation]
    entry = recommendation.timeline.last()
    assert (entry.kind, entry.date, entry.reference) == (Kind.FILED, FILED_ON, "")


def test_filing_with_the_number_given_on_the_spot_is_one_step(staff):
    letter = filed(staff)  # 5 June, No. 94-00-312

    recommendation = letter.recommendations.get()
    assert letter.registry_date == FILED_ON
    assert kinds(recommendation)[-1] == Kind.FILED
    assert recommendation.timeline.last().reference == "94-00-312"


def test_a_letter_sent_by_post_is_due_from_the_day_the_registry_entered_it(staff, settings):
    settings.RECOMMENDATIONS_ANSWER_DAYS = 14
    letter = prepared(staff)

    letters.file_letter(
        letter,
        filed_on=date(2023, 6, 5),
        registry_number="94-00-330",
        registry_date=date(2023, 6, 8),
        user=staff,
    )

    letter.refresh_from_db()
    assert letter.answer_due == date(2023, 6, 22)
    assert kinds(letter.recommendations.get())[-2:] == [Kind.FILED, Kind.REGISTERED]


def test_filing_dates_read_in_order(staff):
    letter = prepared(staff)  # dated 2 June

    refused(lambda: letters.file_letter(letter, filed_on=date(2023, 6, 1), user=staff), "filed_on")
    refused(
        lambda: letters.file_letter(
            letter,
            filed_on=FILED_ON,
            registry_number="1",
            registry_date=date(2023, 6, 4),
            user=staff,
        ),
        "registry_date",
    )
    refused(
        lambda: letters.file_letter(letter, filed_on=FILED_ON, registry_date=FILED_ON, user=staff),
        "registry_number",
    )
    letter.refresh_from_db()
    assert letter.is_prepared


def test_a_letter_is_filed_once(staff):
    letter = filed(staff)

    refused(lambda: letters.file_letter(letter, filed_on=FILED_ON, user=staff))


def test_the_database_refuses_filed_without_a_filing_day(staff):
    letter = prepared(staff)

    with pytest.raises(IntegrityError), transaction.atomic():
        RegistrySubmission.objects.filter(pk=letter.pk).update(status="filed")
    with pytest.raises(IntegrityError), transaction.atomic():
        RegistrySubmission.objects.filter(pk=letter.pk).update(registry_number="94-00-1")


def test_the_registry_entry_learnt_later_is_recorded_once_and_moves_the_due_date(staff, official):
    letter = filed(staff, registry_number="")

    letters.record_registry_entry(letter, number="94-00-312", date=date(2023, 6, 7), user=official)

    letter.refresh_from_db()
    assert (letter.registry_number, letter.recorded_by) == ("94-00-312", official)
    assert letter.answer_due == date(2023, 7, 7)
    entry = letter.recommendations.get().timeline.last()
    assert (entry.kind, entry.reference, entry.date) == (
        Kind.REGISTERED,
        "94-00-312",
        date(2023, 6, 7),
    )
    refused(lambda: letters.record_registry_entry(letter, number="2", date=FILED_ON, user=staff))


def test_the_registry_entry_waits_for_the_filing_and_cannot_predate_it(staff, official):
    unfiled, letter = prepared(staff), filed(staff, registry_number="")

    refused(
        lambda: letters.record_registry_entry(unfiled, number="1", date=FILED_ON, user=official)
    )
    refused(
        lambda: letters.record_registry_entry(
            letter, number="1", date=date(2023, 6, 4), user=official
        ),
        "date",
    )


def test_the_registry_entry_cannot_postdate_a_response_already_recorded(staff, official):
    letter = filed(staff, registry_number="")
    services.record_response(
        letter.recommendations.get(), text="Отговор.", date=date(2023, 6, 6), user=official
    )

    refused(
        lambda: letters.record_registry_entry(
            letter, number="94-00-312", date=date(2023, 6, 7), user=official
        ),
        "date",
    )
    letters.record_registry_entry(letter, number="94-00-312", date=date(2023, 6, 6), user=official)


# Corrected after filing, with a reason, the old value kept in sight.


def test_a_mistyped_registry_number_is_corrected_with_a_visible_trace(staff):
    letter = filed(staff, registry_number="94-00-321")
    recommendation = letter.recommendations.get()
    recorded = recommendation.timeline.get(kind=Kind.FILED)

    letters.correct_filing(
        letter,
        filed_on=FILED_ON,
        registry_number="94-00-312",
        registry_date=FILED_ON,
        reason="Разменени цифри.",
        date=date(2023, 6, 9),
        user=staff,
    )

    letter.refresh_from_db()
    assert letter.registry_number == "94-00-312"
    correction = recommendation.timeline.get(kind=Kind.CORRECTED)
    assert correction.corrects == recorded
    assert correction.changes == [
        {"field": "registry_number", "old": "94-00-321", "new": "94-00-312"}
    ]
    assert correction.text == "Разменени цифри."
    recorded.refresh_from_db()
    assert recorded.reference == "94-00-321"


def test_a_corrected_registry_date_moves_the_answer_due(staff):
    letter = filed(staff)  # 5 June

    letters.correct_filing(
        letter,
        filed_on=FILED_ON,
        registry_number="94-00-312",
        registry_date=date(2023, 6, 6),
        reason="Входиран е на следващия ден.",
        user=staff,
    )

    letter.refresh_from_db()
    assert letter.answer_due == date(2023, 7, 6)
    assert letter.recommendations.get().timeline.get(kind=Kind.CORRECTED).changes == [
        {"field": "registry_date", "old": "2023-06-05", "new": "2023-06-06"}
    ]


def test_a_filing_correction_needs_a_reason_a_change_and_a_filed_letter(staff):
    letter = filed(staff)
    same = {
        "filed_on": FILED_ON,
        "registry_number": "94-00-312",
        "registry_date": FILED_ON,
        "user": staff,
    }

    refused(lambda: letters.correct_filing(letter, reason="", **same), "reason")
    refused(lambda: letters.correct_filing(letter, reason="Нищо.", **same))
    refused(lambda: letters.correct_filing(prepared(staff), reason="Рано.", **same))
    refused(
        lambda: letters.correct_filing(
            letter, **{**same, "registry_date": date(2023, 6, 1)}, reason="Грешна дата."
        ),
        "registry_date",
    )
    assert not TimelineEntry.objects.filter(kind=Kind.CORRECTED).exists()
