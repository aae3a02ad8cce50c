"""Evidence: photos and documents through the upload service, links on the allow-list captured
after the commit; never changed once added; removed only from a draft by its author; made public
only by the coordinator; served by the permission rule."""

import hashlib
import io
import os
from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from PIL import Image

from ivanovo_portal.audit.models import Entry
from ivanovo_portal.refusals import Refused
from monitoring.models import Criterion, Evidence, Observation, Round
from monitoring.services.observations import (
    add_link_evidence,
    remove_evidence,
    save_draft,
    set_evidence_public,
    submit,
)

Capture = Evidence.Capture


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    settings.MONITORING_CAPTURE_HOSTS = ["www.ivanovo.bg", "ivanovo.bg"]
    return tmp_path


@pytest.fixture
def current(round_):
    today = timezone.localdate()
    Round.objects.filter(pk=round_.pk).update(
        period_start=today - timedelta(days=60), period_end=today + timedelta(days=30)
    )
    round_.refresh_from_db()
    return round_


@pytest.fixture
def p2(current):
    return Criterion.objects.get(area__version=current.version, code="P2")


def photo(name="табло.png"):
    out = io.BytesIO()
    Image.new("RGB", (40, 30), "red").save(out, "PNG")
    return SimpleUploadedFile(name, out.getvalue(), content_type="image/png")


def evidence_url(round_, settlement):
    return reverse("monitoring:evidence_add", args=[round_.slug, settlement.slug, "P2"])


def test_a_photo_is_kept_with_its_name_type_size_and_checksum(
    client, current, monitor, village, p2
):
    client.force_login(monitor)
    response = client.post(
        evidence_url(current, village),
        {"kind": "file", "file-file": photo(), "file-description": "Таблото пред кметството"},
    )

    assert response.status_code == 302
    evidence = Evidence.objects.get()
    stored = evidence.file.read()
    assert evidence.name == "табло.png"
    assert evidence.content_type == "image/png"
    assert evidence.size == len(stored)
    assert evidence.sha256 == hashlib.sha256(stored).hexdigest()
    assert evidence.file.name.startswith("private/monitoring/")
    # The draft it belongs to was saved for it.
    assert evidence.observation.status == Observation.Status.DRAFT


def test_a_file_of_the_wrong_type_is_refused_by_the_field_and_saves_nothing(
    client, current, monitor, village, media
):
    client.force_login(monitor)
    fake = SimpleUploadedFile("снимка.jpg", b"MZ not a photo at all", content_type="image/jpeg")
    response = client.post(evidence_url(current, village), {"kind": "file", "file-file": fake})

    assert response.status_code == 200
    assert response.context["file_form"].errors["file"]
    assert not Evidence.objects.exists()
    assert not Observation.objects.exists()
    assert not list(media.rglob("*.*"))


def test_a_link_off_the_list_is_refused_by_the_field_and_saves_nothing(
    client, current, monitor, village
):
    client.force_login(monitor)
    response = client.post(
        evidence_url(current, village),
        {"kind": "link", "link-url": "https://example.com/obyava", "link-description": "Обява"},
    )

    assert response.status_code == 200
    assert response.context["link_form"].errors["url"]
    assert "https://example.com/obyava" in response.content.decode()
    assert not Evidence.objects.exists()
    assert not Observation.objects.exists()


@pytest.mark.parametrize("url", ["ftp://www.ivanovo.bg/x", "https://www.ivanovo.bg.evil.example/"])
def test_only_http_on_a_listed_host_is_accepted(current, monitor, village, p2, url):
    with pytest.raises(Refused) as refusal:
        add_link_evidence(current, criterion=p2, settlement=village, user=monitor, url=url)
    assert refusal.value.field == "url"
    assert not Evidence.objects.exists()


def test_a_link_is_captured_after_the_commit(
    current, monitor, village, p2, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks() as callbacks:
        evidence = add_link_evidence(
            current,
            criterion=p2,
            settlement=village,
            user=monitor,
            url="https://www.ivanovo.bg/bg/obyavi",
        )

    assert evidence.capture == Capture.PENDING
    assert len(callbacks) == 1
    assert Entry.objects.filter(action="monitoring.evidence_added").count() == 1


def test_evidence_is_not_added_to_a_submitted_observation(current, monitor, village, p2):
    submit(
        current,
        criterion=p2,
        settlement=village,
        user=monitor,
        observed_on=timezone.localdate(),
        finding="Няма",
        score=0,
    )
    with pytest.raises(Refused):
        add_link_evidence(
            current, criterion=p2, settlement=village, user=monitor, url="https://www.ivanovo.bg/"
        )
    assert not Evidence.objects.exists()


def test_evidence_is_not_added_to_another_monitors_observation(
    current, monitor, monitor2, village, p2
):
    save_draft(current, criterion=p2, settlement=village, user=monitor)
    with pytest.raises(Refused):
        add_link_evidence(
            current, criterion=p2, settlement=village, user=monitor2, url="https://www.ivanovo.bg/"
        )
    assert not Evidence.objects.exists()


def link(round_, criterion, settlement, user):
    return add_link_evidence(
        round_, criterion=criterion, settlement=settlement, user=user, url="https://ivanovo.bg/"
    )


def test_the_author_removes_evidence_from_a_draft(
    client, current, monitor, village, p2, django_capture_on_commit_callbacks
):
    client.force_login(monitor)
    client.post(evidence_url(current, village), {"kind": "file", "file-file": photo()})
    evidence = Evidence.objects.get()
    path = evidence.file.path

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("monitoring:evidence_remove", args=[current.slug, evidence.pk])
        )

    assert response.status_code == 302
    assert not Evidence.objects.exists()
    assert Entry.objects.filter(action="monitoring.evidence_removed").count() == 1
    assert not os.path.exists(path)


def test_evidence_of_a_submitted_observation_stays(current, monitor, village, p2):
    evidence = link(current, p2, village, monitor)
    Observation.objects.update(status=Observation.Status.SUBMITTED)
    with pytest.raises(Refused):
        remove_evidence(evidence, user=monitor)
    assert Evidence.objects.exists()


def test_only_the_author_removes_evidence(current, monitor, monitor2, village, p2):
    evidence = link(current, p2, village, monitor)
    with pytest.raises(Refused):
        remove_evidence(evidence, user=monitor2)
    assert Evidence.objects.exists()


def test_the_coordinator_makes_evidence_public_on_the_record(current, monitor, staff, village, p2):
    evidence = link(current, p2, village, monitor)

    set_evidence_public(evidence, is_public=True, user=staff)

    evidence.refresh_from_db()
    assert evidence.is_public
    entry = Entry.objects.get(action="monitoring.evidence_published")
    assert entry.actor == staff


def test_a_monitor_does_not_make_evidence_public(client, current, monitor, village, p2):
    evidence = link(current, p2, village, monitor)
    with pytest.raises(Refused):
        set_evidence_public(evidence, is_public=True, user=monitor)
    client.force_login(monitor)
    response = client.post(
        reverse("monitoring:evidence_publish", args=[evidence.pk]), {"is_public": "1"}
    )
    assert response.status_code == 403
    evidence.refresh_from_db()
    assert not evidence.is_public


def test_the_coordinator_publishes_with_the_button(client, current, monitor, staff, village, p2):
    evidence = link(current, p2, village, monitor)
    client.force_login(staff)
    response = client.post(
        reverse("monitoring:evidence_publish", args=[evidence.pk]), {"is_public": "1"}
    )
    assert response.status_code == 302
    evidence.refresh_from_db()
    assert evidence.is_public


# Who downloads a file


@pytest.fixture
def stored(client, current, monitor, village):
    client.force_login(monitor)
    client.post(evidence_url(current, village), {"kind": "file", "file-file": photo()})
    client.logout()
    return Evidence.objects.get()


@pytest.mark.parametrize(
    "persona, expected",
    [("monitor", 200), ("monitor2", 200), ("staff", 200), ("official", 403), ("outsider", 403)],
)
def test_members_download_evidence_before_publication(client, stored, persona, expected, request):
    client.force_login(request.getfixturevalue(persona))
    assert client.get(reverse("monitoring:evidence_file", args=[stored.pk])).status_code == expected


def test_anonymous_visitors_are_sent_to_log_in_for_private_evidence(client, stored):
    response = client.get(reverse("monitoring:evidence_file", args=[stored.pk]))
    assert response.status_code == 302 and "login" in response.url


@pytest.mark.parametrize("is_public, expected", [(True, 200), (False, 302)])
def test_the_public_downloads_only_public_evidence_of_a_published_round(
    client, stored, current, is_public, expected
):
    Evidence.objects.update(is_public=is_public)
    Round.objects.filter(pk=current.pk).update(status=Round.Status.PUBLISHED)
    response = client.get(reverse("monitoring:evidence_file", args=[stored.pk]))
    assert response.status_code == expected


def test_public_evidence_of_a_round_not_published_stays_private(client, stored):
    Evidence.objects.update(is_public=True)
    response = client.get(reverse("monitoring:evidence_file", args=[stored.pk]))
    assert response.status_code == 302
