"""The render task on a real Celery worker, against Redis and the test database."""

import hashlib
import io
import os
import signal
import time
from pathlib import Path

import pytest
from pypdf import PdfReader

from ivanovo_portal.documents.models import GeneratedDocument
from ivanovo_portal.documents.services import request_document
from ivanovo_portal.places.models import Settlement
from ivanovo_portal.project import PROJECT
from tests.documents.kinds import BOOKLET, LONG_SHEET, LONG_SHEET_PAGES, SHEET

Status = GeneratedDocument.Status
pytestmark = pytest.mark.worker


def wait_for(document, condition, worker, timeout=60):
    """Poll the row until ``condition(row)`` holds; the worker's log explains a timeout."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        document.refresh_from_db()
        if condition(document):
            return document
        time.sleep(0.05)
    pytest.fail(
        f"document stayed {document.status} ({document.error}); worker log:\n{worker.log()}"
    )


def parent_pid(pid):
    # /proc/<pid>/stat: "pid (name) state ppid ..."; the name may contain spaces.
    return int(Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[1])


def test_a_worker_renders_a_requested_document(celery_worker, settings):
    ivanovo = Settlement.objects.get(is_admin_centre=True)
    document = request_document(ivanovo, SHEET, title="Справка за Иваново")

    wait_for(document, lambda row: row.status in {Status.READY, Status.FAILED}, celery_worker)

    assert document.status == Status.READY, document.error
    assert document.attempts == 1
    with document.file.open("rb") as pdf:
        reader = PdfReader(io.BytesIO(pdf.read()))
    text = " ".join(reader.pages[0].extract_text().split())
    assert "Справка за Иваново" in text
    assert "Европейски съюз" in text
    assert PROJECT.number in text
    assert f"страница 1 от {document.pages}" in text
    assert document.pages == len(reader.pages)


def test_a_render_interrupted_by_a_dying_worker_completes_once(celery_worker, settings):
    ivanovo = Settlement.objects.get(is_admin_centre=True)
    document = request_document(ivanovo, LONG_SHEET)

    wait_for(document, lambda row: row.status == Status.RENDERING, celery_worker)
    pid = int(document.worker.rsplit(":", 1)[1])
    # Only ever kill the pool child of the worker this test started.
    assert parent_pid(pid) == celery_worker.process.pid
    os.kill(pid, signal.SIGKILL)

    wait_for(document, lambda row: row.status in {Status.READY, Status.FAILED}, celery_worker)

    assert document.status == Status.READY, document.error
    assert document.attempts == 2
    assert int(document.worker.rsplit(":", 1)[1]) != pid
    assert document.pages >= LONG_SHEET_PAGES
    assert GeneratedDocument.objects.count() == 1
    assert list((settings.MEDIA_ROOT / "documents").rglob("*.pdf")) == [
        settings.MEDIA_ROOT / document.file.name
    ]


def test_a_document_rendered_again_is_served_until_the_worker_stored_the_new_version(
    celery_worker, settings, client
):
    ivanovo = Settlement.objects.get(is_admin_centre=True)
    document = request_document(ivanovo, BOOKLET)
    wait_for(document, lambda row: row.status in {Status.READY, Status.FAILED}, celery_worker)
    first = b"".join(client.get(document.download_url).streaming_content)
    # The next version is long: the worker takes seconds over it.
    Settlement.objects.filter(pk=ivanovo.pk).update(population=LONG_SHEET_PAGES)

    request_document(ivanovo, BOOKLET)
    wait_for(document, lambda row: row.status == Status.RENDERING, celery_worker)
    response = client.get(document.download_url)

    assert response.status_code == 200
    assert b"".join(response.streaming_content) == first
    wait_for(document, lambda row: row.status in {Status.READY, Status.FAILED}, celery_worker)
    assert (document.status, document.pages) == (Status.READY, LONG_SHEET_PAGES), document.error
    second = b"".join(client.get(document.download_url).streaming_content)
    assert (
        hashlib.sha256(second).hexdigest() == document.sha256 != hashlib.sha256(first).hexdigest()
    )
    assert list((settings.MEDIA_ROOT / "documents").rglob("*.pdf")) == [
        settings.MEDIA_ROOT / document.file.name
    ]
