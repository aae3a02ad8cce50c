"""Status page, htmx fragment, download permissions, retry and the staff list."""

from datetime import timedelta
from unittest import mock
from urllib.parse import quote

import pytest
from django.urls import reverse
from django.utils import timezone
from kombu.exceptions import OperationalError as BrokerError

from ivanovo_portal.documents.models import GeneratedDocument
from ivanovo_portal.documents.services import request_document
from ivanovo_portal.documents.tasks import render_document
from ivanovo_portal.places.models import Settlement
from tests.conftest import make_user
from tests.documents.kinds import CENSUS, PUBLIC_SHEET, SHEET

Status = GeneratedDocument.Status


@pytest.fixture
def render(django_capture_on_commit_callbacks):
    def render(source, kind, **options):
        with django_capture_on_commit_callbacks(execute=True):
            document = request_document(source, kind, **options)
        document.refresh_from_db()
        return document

    return render


@pytest.fixture
def private_document(render, ivanovo):
    return render(ivanovo, SHEET, title="Справка за Иваново")


@pytest.fixture
def public_document(render, ivanovo):
    return render(ivanovo, PUBLIC_SHEET, title="Публична справка за Иваново")


@pytest.fixture
def failed_document(render, village):
    return render(village, CENSUS, title="Преброяване в Красен")


def as_user(client, user):
    if user is not None:
        client.force_login(user)
    return client


def test_anyone_downloads_a_public_document(client, public_document):
    response = client.get(public_document.download_url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert quote("Публична справка за Иваново.pdf") in response["Content-Disposition"]
    assert b"".join(response.streaming_content).startswith(b"%PDF")


def test_staff_download_a_private_document(client, staff, private_document):
    response = as_user(client, staff).get(private_document.download_url)
    assert response.status_code == 200
    assert "private" in response["Cache-Control"]
    with private_document.file.open("rb") as stored:
        assert b"".join(response.streaming_content) == stored.read()


@pytest.mark.parametrize("persona", ["official", "outsider", "resident", None])
def test_others_cannot_download_a_private_document(client, request, persona, private_document):
    user = request.getfixturevalue(persona) if persona else None
    assert as_user(client, user).get(private_document.download_url).status_code == 403
    assert as_user(client, user).get(private_document.get_absolute_url()).status_code == 403


def test_a_public_kind_is_private_when_its_source_is_not_public(client, render, village):
    document = render(village, PUBLIC_SHEET)
    assert not document.is_public
    assert client.get(document.download_url).status_code == 403


def test_a_document_that_is_not_ready_cannot_be_downloaded(client, staff, ivanovo):
    document = request_document(ivanovo, SHEET)
    assert as_user(client, staff).get(document.download_url).status_code == 404


def test_a_pending_document_polls_its_status_fragment(client, staff, ivanovo):
    document = request_document(ivanovo, SHEET)
    response = as_user(client, staff).get(document.get_absolute_url(), HTTP_HX_REQUEST="true")
    html = response.content.decode()
    assert response.status_code == 200
    assert "<html" not in html
    assert f'data-hx-get="{document.get_absolute_url()}?fragment=1"' in html
    assert 'data-hx-trigger="every 2s"' in html
    assert 'data-hx-swap="outerHTML"' in html
    assert "Refresh the status" in html


def test_a_ready_document_stops_polling_and_offers_the_download(client, public_document):
    response = client.get(public_document.get_absolute_url() + "?fragment")
    html = response.content.decode()
    assert "<html" not in html
    assert "hx-get" not in html
    assert f'href="{public_document.download_url}"' in html


def test_the_status_page_is_a_whole_page_with_the_status(client, public_document):
    response = client.get(public_document.get_absolute_url())
    html = response.content.decode()
    assert "<html" in html
    assert "<h1>Публична справка за Иваново</h1>" in html
    assert f'id="document-status-{public_document.pk}"' in html
    assert "Technical details" not in html


def test_staff_see_the_error_and_a_retry_button_on_a_failed_document(
    client, staff, failed_document
):
    html = as_user(client, staff).get(failed_document.get_absolute_url()).content.decode()
    assert "No population figure for Красен" in html
    assert reverse("documents:retry", args=[failed_document.pk]) in html
    assert "Technical details" in html


@pytest.mark.parametrize("persona", ["official", "resident", None])
def test_others_see_a_plain_sentence_instead_of_the_error_of_a_failed_public_document(
    client, request, persona, public_document
):
    # Its first render failed: there is no earlier version to offer.
    GeneratedDocument.objects.filter(pk=public_document.pk).update(
        status=Status.FAILED,
        file="",
        error="OperationalError: connection to server at 10.0.0.5 failed",
    )
    user = request.getfixturevalue(persona) if persona else None

    for url in (public_document.get_absolute_url(), public_document.fragment_url):
        html = as_user(client, user).get(url).content.decode()
        assert "The PDF could not be rendered." in html
        assert "please come back later" in html
        assert "10.0.0.5" not in html
        assert "OperationalError" not in html


def test_staff_retry_a_failed_document_from_the_status_fragment(
    client, staff, village, failed_document, django_capture_on_commit_callbacks
):
    Settlement.objects.filter(pk=village.pk).update(population=1200)
    url = reverse("documents:retry", args=[failed_document.pk])
    with django_capture_on_commit_callbacks(execute=True):
        response = as_user(client, staff).post(url, HTTP_HX_REQUEST="true")
    html = response.content.decode()
    assert response.status_code == 200
    assert "<html" not in html
    assert 'data-hx-trigger="every 2s"' in html
    failed_document.refresh_from_db()
    assert failed_document.status == Status.READY


def test_a_retry_without_javascript_returns_to_the_page_it_came_from(
    client, staff, failed_document
):
    url = reverse("documents:retry", args=[failed_document.pk])
    response = as_user(client, staff).post(url, {"next": reverse("documents:list")})
    assert response.status_code == 302
    assert response["Location"] == reverse("documents:list")


def test_an_official_cannot_retry(client, official, failed_document):
    url = reverse("documents:retry", args=[failed_document.pk])
    assert as_user(client, official).post(url).status_code == 403
    failed_document.refresh_from_db()
    assert failed_document.status == Status.FAILED


def test_the_staff_list_shows_every_document_in_a_bounded_number_of_queries(
    client, staff, render, django_assert_max_num_queries, failed_document
):
    for settlement in Settlement.objects.all()[:6]:
        request_document(settlement, SHEET, user=staff)
        request_document(settlement, PUBLIC_SHEET)
    as_user(client, staff)
    with django_assert_max_num_queries(12):
        response = client.get(reverse("documents:list"))
    html = response.content.decode()
    assert response.status_code == 200
    assert html.count("<tr>") == 1 + 13
    assert "Преброяване в Красен" in html
    assert "Failed" in html and "Queued" in html
    assert reverse("documents:retry", args=[failed_document.pk]) in html


def test_the_staff_list_filters_by_status(client, staff, failed_document, private_document):
    html = as_user(client, staff).get(reverse("documents:list"), {"status": "failed"}).content
    assert "Преброяване в Красен" in html.decode()
    assert "Справка за Иваново" not in html.decode()


def test_the_staff_list_is_for_staff_only(client, official):
    assert as_user(client, official).get(reverse("documents:list")).status_code == 403
    client.logout()
    assert client.get(reverse("documents:list")).status_code == 302


def test_project_staff_hold_the_document_permissions(staff, official):
    assert staff.has_perm("documents.view_generateddocument")
    assert staff.has_perm("documents.change_generateddocument")
    assert not official.has_perm("documents.view_generateddocument")
    assert not make_user("nobody").has_perm("documents.change_generateddocument")


def stall(document):
    """Leave the document queued and unchanged for an hour, as a job whose message was lost."""
    GeneratedDocument.objects.filter(pk=document.pk).update(
        status=Status.QUEUED, updated_at=timezone.now() - timedelta(hours=1)
    )
    document.refresh_from_db()
    return document


def test_a_stalled_document_stops_polling_and_offers_staff_a_retry(client, staff, ivanovo):
    document = stall(request_document(ivanovo, SHEET))

    html = as_user(client, staff).get(document.fragment_url).content.decode()

    assert "hx-get" not in html
    assert "Stalled" in html
    assert "its rendering has stopped" in html
    assert reverse("documents:retry", args=[document.pk]) in html


def test_the_public_see_a_stalled_public_document_without_a_retry(client, public_document):
    GeneratedDocument.objects.filter(pk=public_document.pk).update(file="")  # never rendered
    document = stall(public_document)

    html = client.get(document.get_absolute_url()).content.decode()

    assert "its rendering has stopped" in html
    assert "please come back later" in html
    assert reverse("documents:retry", args=[document.pk]) not in html


def test_staff_retry_a_stalled_document(client, staff, ivanovo, django_capture_on_commit_callbacks):
    document = stall(request_document(ivanovo, SHEET))
    url = reverse("documents:retry", args=[document.pk])

    with django_capture_on_commit_callbacks(execute=True):
        response = as_user(client, staff).post(url, {"next": reverse("documents:list")})

    assert response.status_code == 302
    document.refresh_from_db()
    assert document.status == Status.READY


def test_a_fresh_queued_document_is_not_retried(client, staff, ivanovo):
    document = request_document(ivanovo, SHEET)
    task_id = document.task_id

    as_user(client, staff).post(reverse("documents:retry", args=[document.pk]))

    document.refresh_from_db()
    assert (document.status, document.task_id) == (Status.QUEUED, task_id)


def test_the_staff_list_marks_stalled_documents_and_offers_their_retry(client, staff, ivanovo):
    document = stall(request_document(ivanovo, SHEET))

    html = as_user(client, staff).get(reverse("documents:list")).content.decode()

    assert "Stalled" in html
    assert reverse("documents:retry", args=[document.pk]) in html


def test_the_admin_action_renders_failed_and_stalled_documents_again(
    client, failed_document, village, ivanovo, django_capture_on_commit_callbacks
):
    admin = make_user("admin", is_staff=True, is_superuser=True)
    Settlement.objects.filter(pk=village.pk).update(population=1200)
    stalled = stall(request_document(village, SHEET))
    pending = request_document(ivanovo, SHEET)

    with django_capture_on_commit_callbacks(execute=True):
        as_user(client, admin).post(
            reverse("admin:documents_generateddocument_changelist"),
            {
                "action": "render_again",
                "_selected_action": [failed_document.pk, stalled.pk, pending.pk],
            },
        )

    assert dict(GeneratedDocument.objects.values_list("pk", "status")) == {
        failed_document.pk: Status.READY,
        stalled.pk: Status.READY,
        pending.pk: Status.QUEUED,
    }


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_retry_while_the_broker_is_down_still_answers_and_leaves_the_document_queued(
    client, staff, failed_document
):
    refused = BrokerError("Error 111 connecting to 127.0.0.1:6379. Connection refused.")
    url = reverse("documents:retry", args=[failed_document.pk])

    with mock.patch.object(render_document, "apply_async", side_effect=refused):
        response = as_user(client, staff).post(url)

    assert response.status_code == 302
    failed_document.refresh_from_db()
    assert failed_document.status == Status.QUEUED
