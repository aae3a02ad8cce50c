"""Staff and officials moving recommendations along through the screens, and bad input."""

import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape

from ivanovo_portal.documents.models import GeneratedDocument
from ivanovo_portal.recommendations.models import Recommendation, RegistrySubmission

from .helpers import approved, at_status, filed, prepared, refused, write

pytestmark = pytest.mark.django_db
Status = Recommendation.Status


def test_staff_write_a_recommendation_as_a_draft(as_staff, settlement):
    response = as_staff.post(
        reverse("recommendations:create"),
        {
            "title": "Обществен съвет по въпросите на младежта",
            "text": "Да се създаде обществен съвет.",
            "rationale": "Младите хора нямат глас.",
            "addressee": "Кмета на Община Иваново",
            "activity": "campaign",
            "source_label": "Кръгла маса в Иваново, 15.05.2023",
            "settlements": [settlement.pk],
        },
    )

    recommendation = Recommendation.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("recommendations:manage", args=[recommendation.pk])
    assert recommendation.status == Status.DRAFT
    assert list(recommendation.settlements.all()) == [settlement]


def test_the_form_offers_settlements_as_checkboxes(as_staff):
    html = as_staff.get(reverse("recommendations:create")).content.decode()

    assert len(re.findall(r'<input type="checkbox"[^>]*name="settlements"', html)) == 13


def test_a_recommendation_without_title_is_refused_and_keeps_what_was_typed(as_staff):
    response = as_staff.post(
        reverse("recommendations:create"),
        {"title": "", "text": "Текстът остава.", "rationale": "", "addressee": "Кмета"},
    )

    assert response.status_code == 200
    assert response.context["form"].errors.keys() == {"title", "rationale"}
    assert "Текстът остава." in response.content.decode()
    assert not Recommendation.objects.exists()


def test_staff_edit_an_approved_recommendation(as_staff, staff):
    recommendation = approved(staff)

    as_staff.post(
        reverse("recommendations:edit", args=[recommendation.pk]),
        {
            "title": "Ново заглавие",
            "text": recommendation.text,
            "rationale": recommendation.rationale,
            "addressee": recommendation.addressee,
            "activity": "surveys",
        },
    )

    recommendation.refresh_from_db()
    assert recommendation.title == "Ново заглавие"


def test_a_filed_recommendation_cannot_be_opened_for_editing(as_staff, staff):
    recommendation = filed(staff).recommendations.get()

    response = as_staff.get(reverse("recommendations:edit", args=[recommendation.pk]))

    assert response.status_code == 302
    assert response.url == reverse("recommendations:manage", args=[recommendation.pk])


def test_staff_approve_a_draft(as_staff, staff):
    recommendation = write(staff)

    as_staff.post(reverse("recommendations:approve", args=[recommendation.pk]))

    recommendation.refresh_from_db()
    assert recommendation.status == Status.APPROVED


def test_approving_twice_says_why_it_is_refused(as_staff, staff):
    recommendation = approved(staff)

    response = as_staff.post(
        reverse("recommendations:approve", args=[recommendation.pk]), follow=True
    )

    assert "Могат да се одобряват само препоръки със статус „Чернова“." in response.content.decode()


def test_staff_pick_approved_recommendations_and_create_the_letter(
    as_staff, staff, django_capture_on_commit_callbacks
):
    first, second = approved(staff), approved(staff)
    draft = write(staff, title="Още чернова")
    form_page = as_staff.get(reverse("recommendations:submission_create")).content.decode()
    assert "Още чернова" not in form_page

    with django_capture_on_commit_callbacks(execute=True):
        response = as_staff.post(
            reverse("recommendations:submission_create"),
            {
                "recommendations": [first.pk, second.pk],
                "outgoing_number": "15",
                "outgoing_date": "2023-06-02",
            },
        )

    submission = RegistrySubmission.objects.get()
    assert response.url == submission.get_absolute_url()
    assert set(submission.recommendations.all()) == {first, second}
    draft.refresh_from_db()
    assert draft.status == Status.DRAFT
    page = as_staff.get(response.url).content.decode()
    document = GeneratedDocument.objects.get()
    assert document.status == GeneratedDocument.Status.READY
    assert reverse("documents:download", args=[document.pk]) in page


def test_a_letter_without_recommendations_is_refused_by_the_field(as_staff, staff):
    approved(staff)

    errors, page = refused(
        as_staff,
        reverse("recommendations:submission_create"),
        {"outgoing_number": "15", "outgoing_date": "2023-06-02"},
    )

    assert "recommendations" in errors
    assert 'value="15"' in page
    assert not RegistrySubmission.objects.exists()


def test_a_repeated_outgoing_number_is_refused_by_the_field(as_staff, staff):
    used = prepared(staff).outgoing_number
    recommendation = approved(staff)

    errors, _page = refused(
        as_staff,
        reverse("recommendations:submission_create"),
        {
            "recommendations": [recommendation.pk],
            "outgoing_number": used,
            "outgoing_date": "2023-06-02",
        },
    )

    assert "outgoing_number" in errors
    assert RegistrySubmission.objects.count() == 1


def test_an_official_records_the_registry_entry_learnt_after_the_filing(as_official, staff):
    submission = filed(staff, registry_number="")

    as_official.post(
        reverse("recommendations:registry_entry", args=[submission.pk]),
        {"number": "94-00-312", "date": "2023-06-05"},
    )

    submission.refresh_from_db()
    assert submission.registry_number == "94-00-312"


def test_a_registry_entry_dated_before_the_letter_is_refused_by_the_date(as_official, staff):
    submission = filed(staff, registry_number="")

    response = as_official.post(
        reverse("recommendations:registry_entry", args=[submission.pk]),
        {"number": "94-00-312", "date": "2023-01-05"},
    )

    assert response.status_code == 200
    form = response.context["entry_form"]
    assert form.errors["date"] == [
        "Датата на входящия номер не може да бъде преди датата на писмото."
    ]
    assert 'value="94-00-312"' in response.content.decode()
    submission.refresh_from_db()
    assert not submission.has_registry_entry


def test_an_official_records_the_response_with_a_decision(as_official, staff):
    recommendation = at_status(Status.FILED, staff)

    as_official.post(
        reverse("recommendations:response", args=[recommendation.pk]),
        {
            "text": "Приема се.",
            "date": "2023-06-28",
            "reference": "94-00-312-1",
            "decision": "accepted",
        },
    )

    recommendation.refresh_from_db()
    assert recommendation.status == Status.ACCEPTED


def test_a_response_to_an_unsent_recommendation_is_refused(as_official, staff):
    recommendation = approved(staff)

    response = as_official.post(
        reverse("recommendations:response", args=[recommendation.pk]),
        {"text": "Приема се.", "date": "2023-06-28", "reference": "", "decision": ""},
    )

    assert response.status_code == 200
    assert response.context["response_form"].non_field_errors()
    recommendation.refresh_from_db()
    assert recommendation.status == Status.APPROVED


def test_an_official_records_the_decision_after_the_answer(as_official, staff):
    recommendation = at_status(Status.ANSWERED, staff)

    as_official.post(
        reverse("recommendations:decision", args=[recommendation.pk]),
        {"decision": "rejected", "date": "2023-07-01", "note": "Няма средства."},
    )

    recommendation.refresh_from_db()
    assert recommendation.status == Status.REJECTED


def test_an_official_records_progress_to_implementation(as_official, staff):
    recommendation = at_status(Status.ACCEPTED, staff)
    url = reverse("recommendations:progress", args=[recommendation.pk])

    as_official.post(url, {"progress": "30", "note": "Начало.", "date": "2023-09-01"})
    recommendation.refresh_from_db()
    assert (recommendation.status, recommendation.progress) == (Status.ACCEPTED, 30)

    as_official.post(url, {"progress": "30", "date": "2023-10-01", "implemented": "on"})
    recommendation.refresh_from_db()
    assert (recommendation.status, recommendation.progress) == (Status.IMPLEMENTED, 100)


def test_progress_above_100_is_refused_by_the_field(as_official, staff):
    recommendation = at_status(Status.ACCEPTED, staff)

    errors, page = refused(
        as_official,
        reverse("recommendations:progress", args=[recommendation.pk]),
        {"progress": "150", "note": "Твърде много.", "date": "2023-09-01"},
        form="progress_form",
    )

    assert "progress" in errors
    assert "Твърде много." in page
    recommendation.refresh_from_db()
    assert recommendation.progress == 0


def test_the_manage_page_offers_only_the_next_step(as_official, staff):
    filed_one = at_status(Status.FILED, staff)
    accepted_one = at_status(Status.ACCEPTED, staff)

    first = as_official.get(reverse("recommendations:manage", args=[filed_one.pk]))
    second = as_official.get(reverse("recommendations:manage", args=[accepted_one.pk]))

    assert "response_form" in first.context and "progress_form" not in first.context
    assert "progress_form" in second.context and "response_form" not in second.context


def test_a_decision_dated_before_the_response_is_refused_by_the_date(as_official, staff):
    recommendation = at_status(Status.ANSWERED, staff)  # answered 28 June 2023

    response = as_official.post(
        reverse("recommendations:decision", args=[recommendation.pk]),
        {"decision": "rejected", "date": "2023-06-01", "note": "Няма средства."},
    )

    assert response.status_code == 200
    error = response.context["decision_form"].errors["date"][0]
    html = response.content.decode()
    assert re.search(r'id="error_\d+_id_date"[^>]*>\s*<strong>' + re.escape(escape(error)), html)
    assert "Няма средства." in html
    recommendation.refresh_from_db()
    assert recommendation.status == Status.ANSWERED


def test_progress_dated_in_the_future_is_refused_by_the_date(as_official, staff):
    recommendation = at_status(Status.ACCEPTED, staff)
    tomorrow = timezone.localdate() + timedelta(days=1)

    errors, _page = refused(
        as_official,
        reverse("recommendations:progress", args=[recommendation.pk]),
        {"progress": "30", "note": "Начало.", "date": tomorrow.isoformat()},
        form="progress_form",
    )

    assert "date" in errors
    recommendation.refresh_from_db()
    assert recommendation.progress == 0


def test_a_letter_dated_in_the_future_is_refused_by_its_date(as_staff, staff):
    recommendation = approved(staff)
    tomorrow = timezone.localdate() + timedelta(days=1)

    errors, _page = refused(
        as_staff,
        reverse("recommendations:submission_create"),
        {
            "recommendations": [recommendation.pk],
            "outgoing_number": "15",
            "outgoing_date": tomorrow.isoformat(),
        },
    )

    assert "outgoing_date" in errors
    assert not RegistrySubmission.objects.exists()
