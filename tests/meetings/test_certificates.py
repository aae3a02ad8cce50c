"""Certificates of attendance: only for registrants checked in at a closed meeting that gives
them, e-mailed once with the link that downloads the PDF with the registration code; a code of
someone who did not come gets a refusal, never a PDF."""

import io
import time as clock
from datetime import timedelta

import pytest
from django.urls import reverse
from pypdf import PdfReader

from ivanovo_portal.audit.models import Entry
from ivanovo_portal.documents.models import GeneratedDocument
from ivanovo_portal.meetings import certificates, emails, tasks
from ivanovo_portal.meetings.models import Attendance, Meeting, ProgrammeItem
from ivanovo_portal.meetings.services import attendance as services
from ivanovo_portal.places.models import Settlement, StakeholderGroup
from ivanovo_portal.refusals import Refused
from tests.meetings.conftest import build_meeting, register

pytestmark = pytest.mark.django_db
FAILING_MAIL = {"default": {"BACKEND": "tests.recommendations.failing_mail.EmailBackend"}}


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def conference(db):
    """A conference held yesterday that gives certificates: Ana came (e-mail), Boris came (phone
    only), Vera registered and did not come, and one walk-in."""
    meeting = build_meeting(
        slug="konferentsiya",
        title="Заключителна конференция",
        kind=Meeting.Kind.CONFERENCE,
        days=-1,
        capacity=None,
        certificates=True,
        venue="Областна администрация Русе, зала 1",
        address="гр. Русе, пл. „Свобода“ 6",
    )
    meeting.ana = register(meeting, "Ана Петрова", email="ana@example.org")
    meeting.boris = register(meeting, "Борис Илиев", email="", phone="0888 123456")
    meeting.vera = register(meeting, "Вера Колева", email="vera@example.org")
    for registration in (meeting.ana, meeting.boris):
        services.check_in(registration, way=Attendance.Way.CODE, user=None)
    services.record_walk_in(
        meeting,
        settlement=Settlement.objects.get(slug="krasen"),
        group=StakeholderGroup.objects.get(slug="citizens"),
        user=None,
    )
    return meeting


def close(meeting, staff, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        services.close_meeting(meeting, user=staff)


def certificate_url(registration):
    return reverse("meetings:certificate", args=[registration.code])


def pdf_text(content):
    return "".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)


def test_closing_emails_a_certificate_only_to_those_checked_in_with_an_address(
    conference, staff, mailoutbox, django_capture_on_commit_callbacks, english
):
    close(conference, staff, django_capture_on_commit_callbacks)

    assert [message.to for message in mailoutbox] == [["ana@example.org"]]
    message = mailoutbox[0]
    assert message.subject.endswith(": „Заключителна конференция“")
    assert emails.certificate_url(conference.ana) in message.body
    assert "Ана Петрова" in message.body
    sent = Attendance.objects.filter(certificate_sent_at__isnull=False)
    assert list(sent.values_list("registration", flat=True)) == [conference.ana.pk]


def test_a_certificate_is_emailed_once_however_often_it_is_sent(
    conference, staff, mailoutbox, django_capture_on_commit_callbacks
):
    close(conference, staff, django_capture_on_commit_callbacks)
    with django_capture_on_commit_callbacks(execute=True):
        assert services.send_certificates(Meeting.objects.get(pk=conference.pk)) == 0
    attendance = Attendance.objects.get(registration=conference.ana)

    assert tasks.send_certificate(attendance.pk) == 0
    assert len(mailoutbox) == 1


def test_a_certificate_that_could_not_be_sent_is_sent_later(
    conference, staff, mailoutbox, settings, django_capture_on_commit_callbacks
):
    conference.closed_at = conference.ends_at + timedelta(hours=1)
    conference.save()
    attendance = Attendance.objects.get(registration=conference.ana)
    working, settings.MAILERS = settings.MAILERS, FAILING_MAIL

    with pytest.raises(OSError):
        emails.send_certificate(attendance.pk)
    attendance.refresh_from_db()
    assert attendance.certificate_sent_at is None

    settings.MAILERS = working
    assert emails.send_certificate(attendance.pk) == 1
    assert len(mailoutbox) == 1


def test_a_meeting_without_certificates_sends_none_and_refuses_to(
    conference, staff, mailoutbox, client, django_capture_on_commit_callbacks
):
    Meeting.objects.filter(pk=conference.pk).update(certificates=False)
    conference.refresh_from_db()
    close(conference, staff, django_capture_on_commit_callbacks)

    assert mailoutbox == []
    with pytest.raises(Refused):
        services.send_certificates(conference)
    assert client.get(certificate_url(conference.ana)).status_code == 404


def test_certificates_are_not_sent_before_the_meeting_is_closed(
    conference, mailoutbox, client, english
):
    with pytest.raises(Refused, match="closed"):
        services.send_certificates(conference)

    assert client.get(certificate_url(conference.ana)).status_code == 404
    assert emails.send_certificate(Attendance.objects.get(registration=conference.ana).pk) == 0
    assert mailoutbox == []


def test_an_attendee_downloads_the_certificate_with_the_code(
    conference, staff, client, django_capture_on_commit_callbacks
):
    close(conference, staff, django_capture_on_commit_callbacks)

    # The first request queues the render (it runs once the request's transaction commits).
    with django_capture_on_commit_callbacks(execute=True):
        client.get(certificate_url(conference.boris))
    response = client.get(certificate_url(conference.boris))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert "private" in response["Cache-Control"]
    text = pdf_text(b"".join(response.streaming_content))
    assert "Борис Илиев" in text and "Заключителна конференция" in text
    assert "Европейски съюз" in text
    # A second download serves the same file, not a new render.
    again = client.get(certificate_url(conference.boris).lower())
    assert again.status_code == 200
    assert GeneratedDocument.objects.filter(kind=certificates.CERTIFICATE_KIND).count() == 1


def test_someone_who_registered_and_did_not_come_gets_no_certificate(
    conference, staff, client, english, django_capture_on_commit_callbacks
):
    close(conference, staff, django_capture_on_commit_callbacks)

    response = client.get(certificate_url(conference.vera))

    assert response.status_code == 404
    assert response["Content-Type"].startswith("text/html")
    assert "Registering alone does not earn one." in response.content.decode()
    assert not GeneratedDocument.objects.exists()


def test_an_unknown_code_is_refused_with_the_code_kept_as_typed(client, english):
    response = client.get(reverse("meetings:certificate", args=["<b>XYZ"]))

    assert response.status_code == 404
    assert "&lt;b&gt;XYZ" in response.content.decode()


def test_while_the_pdf_is_rendered_elsewhere_the_page_says_so(
    conference, staff, client, english, django_capture_on_commit_callbacks
):
    close(conference, staff, django_capture_on_commit_callbacks)

    # Without executing the commit's callbacks the render stays queued, as with a busy worker.
    response = client.get(certificate_url(conference.ana))

    assert response.status_code == 200
    assert "Your certificate is being prepared" in response.content.decode()
    assert GeneratedDocument.objects.get().status == GeneratedDocument.Status.QUEUED


def test_what_people_typed_stays_literal_in_the_certificate_and_its_email(
    conference, staff, mailoutbox, django_capture_on_commit_callbacks, english
):
    Meeting.objects.filter(pk=conference.pk).update(title="Среща <b>\n& „разговор“")
    Attendance.objects.filter(registration=conference.ana).update(name="Ана <i>Петрова</i> & Co")
    conference.refresh_from_db()
    close(conference, staff, django_capture_on_commit_callbacks)

    message = mailoutbox[0]
    # A title typed with a line break stays one line of the subject: no header injection.
    assert message.subject.endswith(": „Среща <b> & „разговор““")
    assert "Ана <i>Петрова</i> & Co" in message.body
    attendance = Attendance.objects.get(registration=conference.ana)
    text = pdf_text(certificates.render_certificate_pdf(attendance))
    assert "Ана <i>Петрова</i> & Co" in text


def test_the_certificate_is_a_tagged_pdf_with_its_title_and_language(conference):
    attendance = Attendance.objects.get(registration=conference.ana)

    reader = PdfReader(io.BytesIO(certificates.render_certificate_pdf(attendance)))

    assert reader.metadata.title.endswith(": Ана Петрова")
    assert reader.trailer["/Root"]["/Lang"] == "bg"
    assert reader.trailer["/Root"]["/MarkInfo"]["/Marked"]
    assert len(reader.pages) == 1


def test_staff_turn_certificates_on_and_put_programme_items_in_sessions(client, staff, conference):
    client.force_login(staff)
    conference.certificates = False
    conference.save()

    meeting_page = client.get(reverse("meetings:manage_edit", args=[conference.slug]))
    assert "certificates" in meeting_page.context["form"].fields
    client.post(
        reverse("meetings:manage_programme", args=[conference.slug]),
        {"time": "18:30", "title": "Резултатите", "session": " Сесия 1 ", "position": "0"},
    )
    item = ProgrammeItem.objects.get()
    assert item.session == "Сесия 1"
    edit = reverse("meetings:manage_programme_item", args=[conference.slug, item.pk])
    assert client.get(edit).context["form"].initial["session"] == "Сесия 1"
    client.post(edit, {"time": "18:30", "title": "Резултатите", "session": "", "position": "0"})
    item.refresh_from_db()
    assert item.session == ""
    assert Entry.objects.filter(action="meetings.programme_changed").count() == 2


@pytest.mark.worker
def test_a_worker_emails_each_certificate_once(celery_worker, staff):
    meeting = build_meeting(
        slug="kragla-masa", kind=Meeting.Kind.ROUND_TABLE, days=-1, certificates=True
    )
    ana = register(meeting, "Ана Петрова", email="ana@example.org")
    services.check_in(ana, way=Attendance.Way.CODE, user=None)

    services.close_meeting(meeting, user=staff)
    tasks.send_certificate.delay(Attendance.objects.get().pk)
    deadline = clock.monotonic() + 60
    while clock.monotonic() < deadline and celery_worker.log().count("succeeded") < 2:
        clock.sleep(0.1)

    log = celery_worker.log()
    assert log.count("succeeded") == 2, log
    # The console mailer prints each message the worker sent into its log.
    assert log.count(f"To: {ana.email}") == 1, log
    assert Attendance.objects.get().certificate_sent_at is not None
