"""Capturing a linked page, against a local web server on 127.0.0.1 (allow-listed for the test):
stored with its checksum and time; refused off the list, too large or too slow; once through a
real worker."""

import hashlib
import time
from datetime import timedelta

import pytest
from django.utils import timezone

from monitoring import capture
from monitoring.models import Criterion, Evidence, Observation, Round
from monitoring.services.observations import add_link_evidence
from tests.monitoring.conftest import PAGE

Capture = Evidence.Capture


@pytest.fixture(autouse=True)
def allow_the_test_site(settings, tmp_path):
    settings.MONITORING_CAPTURE_HOSTS = ["127.0.0.1"]
    settings.MONITORING_CAPTURE_TIMEOUT = 1
    settings.MONITORING_CAPTURE_MAX_BYTES = 1000
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def pending(round_, monitor, village):
    observation = Observation.objects.create(
        round=round_,
        criterion=Criterion.objects.get(area__version=round_.version, code="P2"),
        settlement=village,
        monitor=monitor,
    )

    def make(url):
        return Evidence.objects.create(
            observation=observation, kind=Evidence.Kind.LINK, url=url, capture=Capture.PENDING
        )

    return make


def test_a_page_is_stored_with_its_checksum_type_and_time(site, pending):
    evidence = pending(f"{site}/page")
    before = timezone.now()

    capture.capture(evidence.pk)

    evidence.refresh_from_db()
    assert evidence.capture == Capture.CAPTURED
    assert evidence.file.read() == PAGE
    assert evidence.sha256 == hashlib.sha256(PAGE).hexdigest()
    assert evidence.content_type == "text/html"
    assert evidence.size == len(PAGE)
    assert before <= evidence.captured_at <= timezone.now()
    assert evidence.name.endswith(".html")


def test_a_redirect_on_the_same_host_is_followed(site, pending):
    evidence = pending(f"{site}/moved")
    capture.capture(evidence.pk)
    evidence.refresh_from_db()
    assert evidence.capture == Capture.CAPTURED
    assert evidence.file.read() == PAGE


def test_a_redirect_to_a_host_off_the_list_fails(site, pending):
    evidence = pending(f"{site}/away")
    capture.capture(evidence.pk)
    evidence.refresh_from_db()
    assert evidence.capture == Capture.FAILED
    assert not evidence.file
    assert "localhost" in evidence.capture_error


def test_a_page_over_the_size_limit_fails(site, pending):
    evidence = pending(f"{site}/big")
    capture.capture(evidence.pk)
    evidence.refresh_from_db()
    assert (evidence.capture, bool(evidence.file)) == (Capture.FAILED, False)
    assert evidence.capture_error


def test_a_page_over_the_time_limit_fails(site, pending):
    evidence = pending(f"{site}/slow")
    started = time.monotonic()
    capture.capture(evidence.pk)
    assert time.monotonic() - started < 2.5
    evidence.refresh_from_db()
    assert (evidence.capture, bool(evidence.file)) == (Capture.FAILED, False)


def test_an_error_page_fails_with_its_code(site, pending):
    evidence = pending(f"{site}/missing")
    capture.capture(evidence.pk)
    evidence.refresh_from_db()
    assert evidence.capture == Capture.FAILED
    assert "404" in evidence.capture_error


def test_a_capture_delivered_twice_stores_the_page_once(site, pending, tmp_path):
    evidence = pending(f"{site}/page")
    capture.capture(evidence.pk)
    capture.capture(evidence.pk)
    assert len(list((tmp_path / "private").rglob("*"))) == 2  # the folder and one file


@pytest.fixture
def current(round_):
    today = timezone.localdate()
    Round.objects.filter(pk=round_.pk).update(
        period_start=today - timedelta(days=60), period_end=today + timedelta(days=30)
    )
    round_.refresh_from_db()
    return round_


def test_a_link_added_is_captured_once_committed(
    site, current, monitor, village, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        evidence = add_link_evidence(
            current,
            criterion=Criterion.objects.get(area__version=current.version, code="P2"),
            settlement=village,
            user=monitor,
            url=f"{site}/page",
        )
    evidence.refresh_from_db()
    assert evidence.capture == Capture.CAPTURED


# Through a real worker


@pytest.fixture
def celery_worker_includes(monkeypatch):
    """The worker reads its settings from the environment it starts with."""
    monkeypatch.setenv("MONITORING_CAPTURE_HOSTS", "127.0.0.1")
    monkeypatch.setenv("MONITORING_CAPTURE_TIMEOUT", "5")
    return []


@pytest.mark.worker
def test_a_worker_captures_a_link(site, current, monitor, village, celery_worker, settings):
    settings.MONITORING_CAPTURE_TIMEOUT = 5
    evidence = add_link_evidence(
        current,
        criterion=Criterion.objects.get(area__version=current.version, code="P2"),
        settlement=village,
        user=monitor,
        url=f"{site}/page",
    )

    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        evidence.refresh_from_db()
        if evidence.capture != Capture.PENDING:
            break
        time.sleep(0.1)

    assert evidence.capture == Capture.CAPTURED, f"{evidence.capture_error}\n{celery_worker.log()}"
    assert evidence.sha256 == hashlib.sha256(PAGE).hexdigest()
    assert evidence.file.read() == PAGE
