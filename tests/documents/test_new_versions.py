"""A ready document rendered again: its last good PDF stays at the same address while the new
version is queued, rendering, stalled or failed, and the new one replaces it once stored."""

import hashlib
from datetime import timedelta
from unittest import mock

import pytest
from django.core.files.storage import FileSystemStorage
from django.db.models.fields.files import FieldFile
from django.urls import reverse
from django.utils import timezone
from kombu.exceptions import OperationalError as BrokerError

from ivanovo_portal.documents.models import GeneratedDocument
from ivanovo_portal.documents.registry import kinds
from ivanovo_portal.documents.services import request_document
from ivanovo_portal.documents.tasks import render_document
from ivanovo_portal.places.models import Settlement
from tests.documents.kinds import BOOKLET, booklet, render_booklet

Status = GeneratedDocument.Status


def downloaded(client, document):
    response = client.get(document.download_url)
    assert response.status_code == 200
    return b"".join(response.streaming_content)


def sha256(pdf):
    return hashlib.sha256(pdf).hexdigest()


def stored_pdfs(settings):
    return sorted((settings.MEDIA_ROOT / "documents").rglob("*.pdf"))


@pytest.fixture
def published(ivanovo, django_capture_on_commit_callbacks):
    """A public booklet rendered once (one page): the version people download."""
    with django_capture_on_commit_callbacks(execute=True):
        document = request_document(ivanovo, BOOKLET, title="Брошура за Иваново")
    document.refresh_from_db()
    assert (document.status, document.pages) == (Status.READY, 1)
    return document


@pytest.fixture
def longer(ivanovo):
    """The next version of the booklet has two pages."""
    Settlement.objects.filter(pk=ivanovo.pk).update(population=2)


def booklet_rendered_by(renderer):
    return kinds.override({BOOKLET: booklet(renderer)})


def test_the_last_version_is_downloaded_while_a_new_one_is_queued(client, published, ivanovo):
    first = downloaded(client, published)

    document = request_document(ivanovo, BOOKLET)  # not committed: no worker has it yet

    assert document.status == Status.QUEUED
    assert downloaded(client, document) == first
    html = client.get(document.fragment_url).content.decode()
    assert "A new version of the PDF is being prepared" in html
    assert f'href="{document.download_url}"' in html
    assert 'data-hx-trigger="every 2s"' in html


def test_the_last_version_is_downloaded_while_the_new_one_renders_and_replaced_after(
    client, published, ivanovo, longer, settings, django_capture_on_commit_callbacks
):
    first = downloaded(client, published)
    seen = {}

    def render_watching(settlement):
        row = GeneratedDocument.objects.get(pk=published.pk)
        seen.update(status=row.status, pdf=downloaded(client, row), files=stored_pdfs(settings))
        return render_booklet(settlement)

    with booklet_rendered_by(render_watching), django_capture_on_commit_callbacks(execute=True):
        request_document(ivanovo, BOOKLET)

    assert seen == {
        "status": Status.RENDERING,
        "pdf": first,
        "files": [settings.MEDIA_ROOT / published.file.name],
    }
    published.refresh_from_db()
    assert (published.status, published.pages) == (Status.READY, 2)
    second = downloaded(client, published)
    assert second != first
    assert sha256(second) == published.sha256
    # The first version's file went once the row pointed at the second.
    assert stored_pdfs(settings) == [settings.MEDIA_ROOT / published.file.name]


def test_the_last_version_stays_after_a_new_one_failed(
    client, staff, published, ivanovo, settings, django_capture_on_commit_callbacks
):
    first = downloaded(client, published)

    def broken(settlement):
        raise ValueError("The template lost a block")

    with booklet_rendered_by(broken), django_capture_on_commit_callbacks(execute=True):
        request_document(ivanovo, BOOKLET)

    published.refresh_from_db()
    assert published.status == Status.FAILED
    assert downloaded(client, published) == first
    assert stored_pdfs(settings) == [settings.MEDIA_ROOT / published.file.name]
    html = client.get(published.get_absolute_url()).content.decode()
    assert "A new version of the PDF could not be rendered. The current version is below." in html
    assert f'href="{published.download_url}"' in html
    assert "please come back later" not in html
    assert "The template lost a block" not in html
    client.force_login(staff)
    html = client.get(published.get_absolute_url()).content.decode()
    assert "ValueError: The template lost a block" in html
    assert reverse("documents:retry", args=[published.pk]) in html


def test_the_last_version_stays_while_the_broker_is_down_and_after_the_job_stalled(
    client, published, ivanovo, django_capture_on_commit_callbacks
):
    first = downloaded(client, published)
    refused = BrokerError("Error 111 connecting to 127.0.0.1:6379. Connection refused.")

    with (
        mock.patch.object(render_document, "apply_async", side_effect=refused),
        django_capture_on_commit_callbacks(execute=True),
    ):
        request_document(ivanovo, BOOKLET)

    published.refresh_from_db()
    assert published.status == Status.QUEUED
    assert downloaded(client, published) == first
    GeneratedDocument.objects.filter(pk=published.pk).update(
        updated_at=timezone.now() - timedelta(hours=1)
    )
    html = client.get(published.get_absolute_url()).content.decode()
    assert "A new version of the PDF has not been rendered in time" in html
    assert f'href="{published.download_url}"' in html
    assert downloaded(client, published) == first


def test_a_download_that_meets_the_swap_serves_the_new_version(
    client, published, ivanovo, longer, django_capture_on_commit_callbacks
):
    """The row is read with the first version's file, which the swap then removes."""
    original_open = FieldFile.open
    swapped = []

    def open_after_a_swap(field_file, mode="rb"):
        if not swapped:
            swapped.append(True)
            with django_capture_on_commit_callbacks(execute=True):
                request_document(ivanovo, BOOKLET)
        return original_open(field_file, mode)

    with mock.patch.object(FieldFile, "open", autospec=True, side_effect=open_after_a_swap):
        pdf = downloaded(client, published)

    published.refresh_from_db()
    assert published.pages == 2
    assert sha256(pdf) == published.sha256


def test_a_replaced_file_the_storage_keeps_does_not_undo_the_new_version(
    client, published, ivanovo, longer, caplog, django_capture_on_commit_callbacks
):
    first_file = published.file.name
    refused = OSError(13, "Permission denied")

    with (
        mock.patch.object(FileSystemStorage, "delete", autospec=True, side_effect=refused),
        django_capture_on_commit_callbacks(execute=True),
    ):
        request_document(ivanovo, BOOKLET)

    published.refresh_from_db()
    assert (published.status, published.pages, published.attempts) == (Status.READY, 2, 1)
    assert sha256(downloaded(client, published)) == published.sha256
    assert f"Could not delete the replaced file {first_file}" in caplog.text


def test_a_document_never_rendered_has_nothing_to_download(client, ivanovo):
    document = request_document(ivanovo, BOOKLET)
    assert client.get(document.download_url).status_code == 404
    html = client.get(document.fragment_url).content.decode()
    assert "The PDF is waiting to be rendered." in html
    assert document.download_url not in html
