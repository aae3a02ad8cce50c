"""Each step of a recommendation and of its letter leaves one history entry: who, old → new, why."""

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from ivanovo_portal.audit.models import Entry
from ivanovo_portal.recommendations import attachments, letters, services
from ivanovo_portal.recommendations.models import Attachment, Recommendation
from ivanovo_portal.refusals import Refused
from tests.recommendations.helpers import approved, checked_pdf, filed, prepared, write

from .conftest import actions, last

pytestmark = pytest.mark.django_db
Status = Recommendation.Status


def test_approving_a_recommendation_on_its_page_records_who_did_it_and_the_status_it_left(
    client, staff
):
    recommendation = write(staff)
    client.force_login(staff)

    client.post(reverse("recommendations:approve", args=[recommendation.pk]))

    entry = last(recommendation)
    assert entry.action == "recommendation.approved"
    assert entry.actor == staff
    assert entry.actor_name == str(staff)
    assert entry.changes == {"status": [str(Status.DRAFT.label), str(Status.APPROVED.label)]}


def test_each_step_of_a_recommendation_is_recorded_once(staff, official):
    recommendation = approved(staff)
    letter = filed(staff, prepared(staff, recommendation), registry_number="")
    letters.record_registry_entry(letter, number="94-00-1", date=date(2023, 6, 6), user=official)
    services.record_response(
        recommendation, text="Приемаме.", date=date(2023, 6, 28), user=official
    )
    services.record_decision(recommendation, decision=Status.ACCEPTED, user=official)
    services.record_progress(recommendation, progress=40, user=official)

    assert actions(recommendation, letter) == [
        "recommendation.created",
        "recommendation.approved",
        "letter.prepared",
        "letter.filed",
        "letter.registry_entry_recorded",
        "recommendation.response_recorded",
        "recommendation.decision_recorded",
        "recommendation.progress_recorded",
    ]
    assert last(letter).changes == {
        "registry_number": ["", "94-00-1"],
        "registry_date": ["", "06.06.2023"],
    }
    assert last(recommendation).changes == {"progress": ["0", "40"]}
    assert last(recommendation).actor == official


def test_a_response_records_its_text_date_and_the_status_it_moved_from(staff, official):
    recommendation = filed(staff).recommendations.get()

    services.record_response(
        recommendation, text="Приемаме.", date=date(2023, 6, 28), reference="12", user=official
    )

    assert last(recommendation).changes == {
        "status": [str(Status.FILED.label), str(Status.ANSWERED.label)],
        "response_text": ["", "Приемаме."],
        "response_date": ["", "28.06.2023"],
        "response_reference": ["", "12"],
    }


def test_a_corrected_filing_records_old_and_new_and_why(staff):
    letter = filed(staff, registry_number="94-00-312")

    letters.correct_filing(
        letter,
        filed_on=letter.filed_on,
        registry_number="94-00-321",
        registry_date=letter.registry_date,
        reason="Сгрешена цифра.",
        user=staff,
    )

    entry = last(letter)
    assert entry.action == "letter.filing_corrected"
    assert entry.changes == {"registry_number": ["94-00-312", "94-00-321"]}
    assert entry.reason == "Сгрешена цифра."


def test_a_cancelled_letter_records_why(staff):
    letter = prepared(staff)

    letters.cancel_letter(letter, reason="Ще го пренапишем.", user=staff)

    assert last(letter).action == "letter.cancelled"
    assert last(letter).reason == "Ще го пренапишем."


def test_publishing_a_scan_records_the_user_the_service_used_to_drop(staff):
    letter = prepared(staff)
    scan = attachments.attach(
        letter, kind=Attachment.Kind.SIGNED_LETTER, file=checked_pdf(), user=staff
    )

    attachments.set_attachment_public(scan, is_public=True, user=staff)

    entry = last(scan)
    assert (entry.action, entry.actor) == ("attachment.published", staff)
    assert entry.changes == {"is_public": ["не", "да"]}


def test_a_refused_step_records_nothing(staff):
    recommendation = approved(staff)
    before = Entry.objects.count()

    with pytest.raises(Refused):
        services.approve(recommendation, user=staff)
    with pytest.raises(Refused):
        services.record_progress(recommendation, progress=10, user=staff)

    assert Entry.objects.count() == before


def test_the_staff_page_shows_the_history_and_the_public_page_does_not(client, staff):
    recommendation = approved(staff)
    client.force_login(staff)

    staff_page = client.get(reverse("recommendations:manage", args=[recommendation.pk]))
    public_page = client.get(recommendation.get_absolute_url())

    assert 'id="history-heading"' in staff_page.content.decode()
    assert str(staff) in staff_page.content.decode()
    assert 'id="history-heading"' not in public_page.content.decode()


def test_the_staff_page_runs_as_many_queries_for_a_long_history_as_for_a_short_one(
    client, staff, django_assert_num_queries
):
    recommendation = filed(staff).recommendations.get()
    url = reverse("recommendations:manage", args=[recommendation.pk])
    client.force_login(staff)
    client.get(url)

    with CaptureQueriesContext(connection) as short:
        client.get(url)
    for number in range(5):
        services.record_event(
            recommendation,
            kind="meeting",
            date=date(2023, 6, 10),
            text=f"Среща {number}",
            user=staff,
        )

    with django_assert_num_queries(len(short)):
        page = client.get(url)
    assert page.content.decode().count("Среща 4") == 2
