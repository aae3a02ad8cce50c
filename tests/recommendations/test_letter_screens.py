"""The letter's steps through the screens, and what the public timeline shows of them."""

import re

import pytest
from django.urls import reverse
from django.utils import translation

from ivanovo_portal.recommendations.models import Recommendation, RegistrySubmission, TimelineEntry

from .helpers import FILED_ON, at_status, filed, prepared, refused

pytestmark = pytest.mark.django_db
Status = Recommendation.Status


def public_page(client, recommendation):
    client.logout()
    with translation.override("en"):
        response = client.get(recommendation.get_absolute_url())
    assert response.status_code == 200
    return " ".join(response.content.decode().split())


def test_staff_record_the_filing_on_the_letters_page(as_staff, staff):
    letter = prepared(staff)

    response = as_staff.post(
        reverse("recommendations:file", args=[letter.pk]),
        {"filed_on": "2023-06-05", "registry_number": "94-00-312", "registry_date": ""},
    )

    assert response.url == letter.get_absolute_url()
    letter.refresh_from_db()
    assert (letter.status, letter.registry_number, letter.registry_date) == (
        RegistrySubmission.Status.FILED,
        "94-00-312",
        FILED_ON,
    )


def test_a_filing_dated_before_the_letter_is_refused_by_its_field_keeping_the_number(
    as_staff, staff
):
    letter = prepared(staff)

    errors, page = refused(
        as_staff,
        reverse("recommendations:file", args=[letter.pk]),
        {"filed_on": "2023-06-01", "registry_number": "94-00-312", "registry_date": ""},
        form="filing_form",
    )

    assert "filed_on" in errors
    assert 'value="94-00-312"' in page
    letter.refresh_from_db()
    assert letter.is_prepared


def test_staff_correct_a_letter_before_filing(as_staff, staff):
    letter = prepared(staff)
    recommendation = letter.recommendations.get()
    url = reverse("recommendations:correct", args=[letter.pk])
    form = as_staff.get(url).context["form"]
    assert form.initial["outgoing_number"] == letter.outgoing_number

    refused = as_staff.post(
        url,
        {
            "recommendations": [recommendation.pk],
            "outgoing_number": "И-7",
            "outgoing_date": "2023-06-02",
        },
    )
    assert "reason" in refused.context["form"].errors
    response = as_staff.post(
        url,
        {
            "recommendations": [recommendation.pk],
            "outgoing_number": "И-7",
            "outgoing_date": "2023-06-02",
            "reason": "Номерът е от дневника за входящи писма.",
        },
    )

    assert response.url == letter.get_absolute_url()
    letter.refresh_from_db()
    assert letter.outgoing_number == "И-7"


def test_a_filed_letter_offers_no_correction_of_its_text(as_staff, staff):
    letter = filed(staff)

    response = as_staff.get(reverse("recommendations:correct", args=[letter.pk]))

    assert response.url == letter.get_absolute_url()
    assert (
        reverse("recommendations:correct", args=[letter.pk])
        not in as_staff.get(letter.get_absolute_url()).content.decode()
    )


def test_staff_cancel_a_letter_with_a_reason(as_staff, staff):
    letter = prepared(staff)

    as_staff.post(reverse("recommendations:cancel", args=[letter.pk]), {"reason": "Обединено."})

    letter.refresh_from_db()
    assert letter.status == RegistrySubmission.Status.CANCELLED
    assert letter.recommendations.get().status == Status.APPROVED


def test_the_public_timeline_shows_a_registry_correction_beside_what_was_recorded(
    client, as_staff, staff
):
    letter = filed(staff, registry_number="94-00-321")
    as_staff.post(
        reverse("recommendations:correct_filing", args=[letter.pk]),
        {
            "filed_on": "2023-06-05",
            "registry_number": "94-00-312",
            "registry_date": "2023-06-05",
            "reason": "Две цифри бяха разменени.",
        },
    )
    correction = TimelineEntry.objects.get(kind=TimelineEntry.Kind.CORRECTED)

    html = public_page(client, letter.recommendations.get())

    assert "registry entry No. 94-00-312 of 05.06.2023" in html  # where it stands now
    assert "No. 94-00-321" in html  # what was recorded, still there
    assert f'Corrected later: <a href="#entry-{correction.pk}">' in html
    assert "<del>94-00-321</del>" in html and "<ins>94-00-312</ins>" in html
    assert "Two digits" not in html and "Две цифри бяха разменени." in html


def test_an_event_added_by_staff_appears_on_the_public_timeline(client, as_staff, staff):
    recommendation = at_status(Status.FILED, staff)

    as_staff.post(
        reverse("recommendations:event", args=[recommendation.pk]),
        {
            "event-kind": "council_decision",
            "event-date": "2023-07-27",
            "event-text": "Общинският съвет прие решение.",
            "event-reference": "512",
        },
    )

    html = public_page(client, recommendation)
    assert '<time datetime="2023-07-27"' in html
    assert "Municipal council decision</strong> — No. 512" in html
    assert "Общинският съвет прие решение." in html


def test_the_public_page_says_a_letter_is_prepared_not_filed(client, staff):
    recommendation = prepared(staff).recommendations.get()

    html = public_page(client, recommendation)

    assert "In a letter not filed yet" in html
    assert "Filed with the municipality" not in html
    assert "Letter to the municipality prepared" in html


def test_the_public_page_shows_the_answers_due_date_and_overdue(client, staff):
    recommendation = at_status(Status.FILED, staff)  # filed 5 June 2023

    html = public_page(client, recommendation)

    overdue = '<span class="badge text-bg-danger">Overdue</span>'
    assert f'<time datetime="2023-07-05">05.07.2023</time> {overdue}' in html


def test_an_answered_recommendation_shows_no_due_date(client, staff):
    recommendation = at_status(Status.ANSWERED, staff)

    assert "Answer due by" not in public_page(client, recommendation)


def test_the_manage_page_offers_the_event_form_to_staff_only(client, staff, official):
    recommendation = at_status(Status.FILED, staff)
    url = reverse("recommendations:manage", args=[recommendation.pk])

    client.force_login(staff)
    assert "event_form" in client.get(url).context
    client.force_login(official)
    assert "event_form" not in client.get(url).context


def test_a_correction_is_offered_to_staff_and_not_to_the_official(client, staff, official):
    letter = filed(staff)

    client.force_login(official)
    assert "correction_form" not in client.get(letter.get_absolute_url()).context
    client.force_login(staff)
    assert "correction_form" in client.get(letter.get_absolute_url()).context


@pytest.mark.parametrize("status", [Status.FILED, Status.ACCEPTED])
def test_the_manage_page_with_several_forms_repeats_no_id(as_staff, staff, status):
    recommendation = at_status(status, staff)

    html = as_staff.get(reverse("recommendations:manage", args=[recommendation.pk]))

    ids = re.findall(r'\bid="([^"]+)"', html.content.decode())
    assert len(ids) == len(set(ids))
