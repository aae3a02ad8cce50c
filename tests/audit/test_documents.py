"""A generated document's life is on record: requested by whom, ready or failed (the worker),
retried by whom."""

import pytest

from ivanovo_portal.audit.selectors import history_of
from ivanovo_portal.documents.models import GeneratedDocument
from ivanovo_portal.documents.registry import DocumentKind, Rendered, kinds
from ivanovo_portal.documents.services import request_document, retry_document
from ivanovo_portal.places.models import Settlement

from .conftest import actions, last

pytestmark = pytest.mark.django_db
NOTE = "audit_tests.note"


def _render_note(settlement):
    if settlement.population is None:
        raise ValueError("No population yet")
    return Rendered("note.csv", "text/csv", f"{settlement.population}\n".encode())


@pytest.fixture(autouse=True)
def note_kind():
    with kinds.override({NOTE: DocumentKind(label="Бележка", renderer=_render_note, format="CSV")}):
        yield


@pytest.fixture
def settlement(db):
    return Settlement.objects.get(is_admin_centre=True)


def _request(settlement, user, capture):
    with capture(execute=True):
        document = request_document(settlement, NOTE, user=user)
    document.refresh_from_db()
    return document


def test_a_document_requested_by_staff_and_rendered_by_the_worker_is_on_record(
    staff, settlement, django_capture_on_commit_callbacks
):
    settlement.population = 1200
    settlement.save()

    document = _request(settlement, staff, django_capture_on_commit_callbacks)

    assert document.status == GeneratedDocument.Status.READY
    assert actions(document) == ["document.requested", "document.ready"]
    ready = last(document)
    assert ready.actor is None
    assert ready.changes["status"][1] == str(GeneratedDocument.Status.READY.label)
    assert ready.changes["sha256"][1] == document.sha256


def test_a_failed_render_and_its_retry_are_on_record(
    staff, settlement, django_capture_on_commit_callbacks
):
    settlement.population = None
    settlement.save()
    document = _request(settlement, staff, django_capture_on_commit_callbacks)
    assert document.status == GeneratedDocument.Status.FAILED

    retry_document(document, user=staff)

    assert actions(document) == ["document.requested", "document.failed", "document.retried"]
    failed = history_of(document)[1]
    assert "No population yet" in failed.changes["error"][1]
    assert last(document).actor == staff
