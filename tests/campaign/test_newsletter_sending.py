"""Sending an issue: one delivery per confirmed subscriber of its audience, frozen when staff send
it; every message names the sender, says why, links preferences and unsubscribing and carries the
RFC 8058 headers; each delivery sent once however often a task runs, a row left ``sending`` by a
killed worker sent again after the lease with the same Message-ID; retries and bounces; the
steady rate; and a real worker."""

import email.policy
import smtplib
import time
from datetime import timedelta

import pytest
from django.core.mail.backends.locmem import EmailBackend as LocmemBackend
from django.utils import timezone

from campaign import tasks
from campaign.models import Article, Delivery, NewsletterIssue, Subscriber, SubscriberTopic
from campaign.newsletter import emails, issues, links, sending, subscriptions
from ivanovo_portal.places.models import Settlement
from ivanovo_portal.refusals import Refused

pytestmark = pytest.mark.django_db
Status = Delivery.Status


@pytest.fixture(autouse=True)
def quick_rate(settings):
    settings.NEWSLETTER_RATE = 1000


def subscriber(email, *, status=Subscriber.Status.CONFIRMED, topics=("surveys",), slug="pirgovo"):
    made = Subscriber.objects.create(
        email=email,
        status=status,
        settlement=Settlement.objects.get(slug=slug) if slug else None,
        consented_at=timezone.now(),
        confirmed_at=timezone.now() if status != Subscriber.Status.PENDING else None,
    )
    SubscriberTopic.objects.bulk_create(
        SubscriberTopic(subscriber=made, activity=t) for t in topics
    )
    return made


def draft(staff, **content):
    return issues.create_issue(
        user=staff,
        **{
            "subject": "Бюлетин: резултатите от анкетите",
            "intro": "Здравейте! Ето **новините** от проекта.",
            "articles": [],
            "meetings": [],
            "publications": [],
            "topics": [],
            "settlements": [],
            **content,
        },
    )


def send(issue, staff, capture):
    with capture(execute=True):
        return issues.send_issue(issue, user=staff)


def test_an_issue_goes_once_to_each_confirmed_subscriber_of_its_audience_and_to_nobody_else(
    staff, django_capture_on_commit_callbacks, mailoutbox
):
    subscriber("ana@example.org", topics=("surveys", "toolkit"))
    subscriber("boris@example.org", topics=("surveys",), slug="krasen")
    subscriber("vera@example.org", topics=("toolkit",))
    subscriber("pending@example.org", status=Subscriber.Status.PENDING)
    subscriber("gone@example.org", status=Subscriber.Status.UNSUBSCRIBED)
    issue = draft(staff, topics=["surveys"], settlements=[Settlement.objects.get(slug="pirgovo")])

    issue = send(issue, staff, django_capture_on_commit_callbacks)

    assert issue.recipients == 1
    assert [message.to for message in mailoutbox] == [["ana@example.org"]]
    issue.refresh_from_db()
    assert issue.status == NewsletterIssue.Status.SENT
    assert issue.finished_at is not None
    assert list(issue.deliveries.values_list("status", flat=True)) == [Status.SENT]


def test_an_issue_to_everyone_reaches_those_outside_the_municipality_too(
    staff, django_capture_on_commit_callbacks, mailoutbox
):
    subscriber("ana@example.org")
    subscriber("far@example.org", slug=None, topics=("campaign",))

    send(draft(staff), staff, django_capture_on_commit_callbacks)

    assert sorted(message.to[0] for message in mailoutbox) == [
        "ana@example.org",
        "far@example.org",
    ]


def test_every_message_names_the_sender_says_why_and_how_to_stop(
    staff, django_capture_on_commit_callbacks, mailoutbox
):
    ana = subscriber("ana@example.org")
    issue = send(draft(staff), staff, django_capture_on_commit_callbacks)
    message = mailoutbox[0]
    delivery = issue.deliveries.get()
    sent = message.message()
    html = message.alternatives[0].content

    assert sent["List-Unsubscribe"] == f"<{links.one_click_url(ana)}>"
    # On the wire as one plain line, as mail programs read it (not folded into encoded words).
    wire = message.message(policy=email.policy.SMTP).as_bytes()
    assert f"List-Unsubscribe: <{links.one_click_url(ana)}>\r\n".encode() in wire
    assert sent["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert sent["Message-ID"] == emails.message_id(issue.pk, delivery.pk)
    for text in (message.body, html):
        assert "Център Динамика" in text
        assert "ana@example.org" in text
        assert links.preferences_url(ana) in text
        assert links.unsubscribe_url(ana) in text
    assert "<strong>новините</strong>" in html
    assert "Проучвания и анализи" in message.body  # the topics followed, by name
    # Plain text that reads on a phone: lines wrapped, only a long address left whole.
    assert all(len(line) <= 76 or "http" in line for line in message.body.splitlines())


def test_what_staff_typed_is_escaped_in_the_html_and_kept_in_the_text(
    staff, django_capture_on_commit_callbacks, mailoutbox
):
    subscriber("ana@example.org")
    issue = draft(staff, subject="Новини <script>alert(1)</script> & още")

    send(issue, staff, django_capture_on_commit_callbacks)

    html = mailoutbox[0].alternatives[0].content
    assert "<script>alert(1)" not in html
    assert "&lt;script&gt;" in html
    assert mailoutbox[0].body.startswith("Новини <script>alert(1)</script> & още")


def test_a_subject_with_a_line_break_cannot_inject_a_header(staff):
    from campaign.forms.newsletter import IssueForm

    form = IssueForm({"subject": "Новини\r\nBcc: all@example.org"})

    assert "subject" in form.errors


def test_the_issue_links_its_published_news(staff, django_capture_on_commit_callbacks, mailoutbox):
    subscriber("ana@example.org")
    article = Article.objects.create(
        title="Кръгла маса в Иваново",
        slug="kragla-masa",
        lead="Представихме препоръките на общината.",
        body="Текст",
        published_at=timezone.now() - timedelta(hours=1),
    )
    scheduled = Article.objects.create(
        title="Утрешна новина",
        slug="utre",
        lead="—",
        body="—",
        published_at=timezone.now() + timedelta(days=1),
    )

    send(draft(staff, articles=[article, scheduled]), staff, django_capture_on_commit_callbacks)

    assert article.get_absolute_url() in mailoutbox[0].body
    assert "Утрешна новина" not in mailoutbox[0].body


def test_sending_is_refused_twice_empty_or_to_nobody(staff, django_capture_on_commit_callbacks):
    with pytest.raises(Refused):
        issues.send_issue(draft(staff, intro=""), user=staff)
    with pytest.raises(Refused):
        issues.send_issue(draft(staff, topics=["toolkit"]), user=staff)
    subscriber("ana@example.org")
    issue = send(draft(staff), staff, django_capture_on_commit_callbacks)
    with pytest.raises(Refused):
        issues.send_issue(issue, user=staff)
    with pytest.raises(Refused):
        issues.update_issue(
            issue,
            user=staff,
            subject="Поправка",
            intro="",
            articles=[],
            meetings=[],
            publications=[],
            topics=[],
            settlements=[],
        )
    assert issue.deliveries.count() == 1


def test_a_task_run_again_sends_nothing_twice(
    staff, django_capture_on_commit_callbacks, mailoutbox
):
    subscriber("ana@example.org")
    subscriber("boris@example.org")
    issue = send(draft(staff), staff, django_capture_on_commit_callbacks)
    assert len(mailoutbox) == 2

    # The broker delivers the first task again, and a new pump starts too.
    NewsletterIssue.objects.filter(pk=issue.pk).update(status=NewsletterIssue.Status.SENDING)
    tasks.send_issue_batch.delay(issue.pk, sending.new_pump(issue.pk))
    for delivery in issue.deliveries.select_related("subscriber"):
        sending.send_one(
            delivery.pk, emails.issue_content(issue), LocmemBackend(), delivery.subscriber
        )

    assert len(mailoutbox) == 2


def test_a_row_left_sending_by_a_killed_worker_goes_again_after_the_lease_with_its_message_id(
    staff, django_capture_on_commit_callbacks, mailoutbox, settings
):
    settings.NEWSLETTER_LEASE = 60
    subscriber("ana@example.org")
    subscriber("boris@example.org")
    with django_capture_on_commit_callbacks(execute=False):
        issue = issues.send_issue(draft(staff), user=staff)
    abandoned, fresh = issue.deliveries.order_by("pk")
    # A worker claimed both and died: one long ago, the other a moment ago.
    Delivery.objects.filter(pk=abandoned.pk).update(
        status=Status.SENDING, attempts=1, claimed_at=timezone.now() - timedelta(seconds=61)
    )
    Delivery.objects.filter(pk=fresh.pk).update(
        status=Status.SENDING, attempts=1, claimed_at=timezone.now()
    )

    assert sending.send_batch(issue.pk) == 0

    assert [message.to for message in mailoutbox] == [["ana@example.org"]]
    assert mailoutbox[0].message()["Message-ID"] == emails.message_id(issue.pk, abandoned.pk)
    abandoned.refresh_from_db()
    assert (abandoned.status, abandoned.attempts) == (Status.SENT, 2)
    # The other is still within its lease: it may be on its way; the issue is not finished.
    assert issue.deliveries.get(pk=fresh.pk).status == Status.SENDING
    assert sending.send_batch(issue.pk) == sending.BATCH_SECONDS
    assert NewsletterIssue.objects.get(pk=issue.pk).status == NewsletterIssue.Status.SENDING


def test_someone_who_unsubscribes_while_the_issue_goes_out_gets_nothing(
    staff, django_capture_on_commit_callbacks, mailoutbox
):
    ana = subscriber("ana@example.org")
    with django_capture_on_commit_callbacks(execute=False):
        issue = issues.send_issue(draft(staff), user=staff)

    subscriptions.unsubscribe(ana)
    while sending.send_batch(issue.pk) is not None:
        pass

    assert mailoutbox == []
    assert issue.deliveries.get().status == Status.FAILED


class Refusing(LocmemBackend):
    """A mail server that answers each address as ``ANSWERS`` says."""

    ANSWERS = {}

    def send_messages(self, messages):
        for message in messages:
            answer = self.ANSWERS.get(message.to[0])
            if answer == "down":
                raise smtplib.SMTPServerDisconnected("Connection unexpectedly closed")
            if answer:
                raise smtplib.SMTPRecipientsRefused({message.to[0]: answer})
        return super().send_messages(messages)


@pytest.fixture
def refusing_server(settings):
    settings.MAILERS = {"default": {"BACKEND": f"{__name__}.Refusing"}}
    yield Refusing.ANSWERS
    Refusing.ANSWERS.clear()


def test_a_refused_address_bounces_a_busy_one_is_tried_again_and_fails_after_five_tries(
    staff, django_capture_on_commit_callbacks, mailoutbox, refusing_server
):
    subscriber("ana@example.org")
    subscriber("unknown@example.org")
    subscriber("busy@example.org")
    refusing_server.update(
        {
            "unknown@example.org": (550, b"5.1.1 No such user"),
            "busy@example.org": (451, b"4.7.1 Try again later"),
        }
    )
    with django_capture_on_commit_callbacks(execute=False):
        issue = issues.send_issue(draft(staff), user=staff)

    sending.send_batch(issue.pk)

    by_address = {d.subscriber.email: d for d in issue.deliveries.select_related("subscriber")}
    assert by_address["ana@example.org"].status == Status.SENT
    assert by_address["unknown@example.org"].status == Status.BOUNCED
    assert "No such user" in by_address["unknown@example.org"].error
    busy = by_address["busy@example.org"]
    assert (busy.status, busy.attempts) == (Status.QUEUED, 1)
    # Tried again once its wait is over, up to five times in all.
    for _ in range(sending.MAX_ATTEMPTS - 1):
        Delivery.objects.filter(pk=busy.pk).update(claimed_at=timezone.now() - timedelta(hours=1))
        sending.send_batch(issue.pk)
    busy.refresh_from_db()
    assert (busy.status, busy.attempts) == (Status.FAILED, sending.MAX_ATTEMPTS)
    assert sending.send_batch(issue.pk) is None
    assert NewsletterIssue.objects.get(pk=issue.pk).status == NewsletterIssue.Status.SENT


def test_a_server_that_goes_down_stops_the_batch_and_loses_nothing(
    staff, django_capture_on_commit_callbacks, mailoutbox, refusing_server
):
    subscriber("ana@example.org")
    subscriber("boris@example.org")
    refusing_server["ana@example.org"] = "down"
    with django_capture_on_commit_callbacks(execute=False):
        issue = issues.send_issue(draft(staff), user=staff)

    assert sending.send_batch(issue.pk) == sending.RETRY_SECONDS

    assert mailoutbox == []
    assert set(issue.deliveries.values_list("status", flat=True)) == {Status.QUEUED}


def test_messages_leave_at_the_steady_rate(
    staff, django_capture_on_commit_callbacks, mailoutbox, settings
):
    settings.NEWSLETTER_RATE = 20
    for number in range(5):
        subscriber(f"p{number}@example.org")
    with django_capture_on_commit_callbacks(execute=False):
        issue = issues.send_issue(draft(staff), user=staff)

    started = time.monotonic()
    sending.send_batch(issue.pk)

    # Five messages at 20 a second: the last leaves four intervals (0.2 s) after the first.
    assert time.monotonic() - started >= 0.2
    assert len(mailoutbox) == 5


def test_an_old_pump_stops_when_a_new_one_takes_over(staff):
    old = sending.new_pump(7)
    new = sending.new_pump(7)

    assert not sending.is_current(7, old)
    assert sending.is_current(7, new)


def test_an_issue_whose_pump_fell_silent_is_resumed(
    staff, django_capture_on_commit_callbacks, mailoutbox
):
    subscriber("ana@example.org")
    with django_capture_on_commit_callbacks(execute=False):
        issue = issues.send_issue(draft(staff), user=staff)
    assert tasks.resume_sending() == 0
    NewsletterIssue.objects.filter(pk=issue.pk).update(
        updated_at=timezone.now() - timedelta(seconds=sending.SILENCE_SECONDS + 1)
    )

    assert tasks.resume_sending() == 1

    assert [message.to for message in mailoutbox] == [["ana@example.org"]]
    assert NewsletterIssue.objects.get(pk=issue.pk).status == NewsletterIssue.Status.SENT


@pytest.mark.worker
def test_a_worker_sends_an_issue_once_to_each_even_when_its_task_comes_twice(celery_worker, staff):
    addresses = ["ana@example.org", "boris@example.org", "vera@example.org"]
    for address in addresses:
        subscriber(address)
    # Committed at once (no test transaction around it): the pump starts in the worker.
    issue = issues.send_issue(draft(staff), user=staff)

    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if NewsletterIssue.objects.get(pk=issue.pk).status == NewsletterIssue.Status.SENT:
            break
        time.sleep(0.2)
    # The broker delivers a task of the finished issue again: it finds nothing to send.
    tasks.send_issue_batch.delay(issue.pk, sending.new_pump(issue.pk))
    time.sleep(2)

    log = celery_worker.log()
    assert NewsletterIssue.objects.get(pk=issue.pk).status == NewsletterIssue.Status.SENT, log
    for address in addresses:
        # The console mailer prints each message the worker sent into its log.
        assert log.count(f"To: {address}") == 1, log


def test_the_issue_links_its_events_with_their_day_and_place(
    staff, django_capture_on_commit_callbacks, mailoutbox
):
    from tests.meetings.conftest import build_meeting

    subscriber("ana@example.org")
    meeting = build_meeting()

    send(draft(staff, meetings=[meeting]), staff, django_capture_on_commit_callbacks)

    body = mailoutbox[0].body
    assert meeting.get_absolute_url() in body
    assert "Народно читалище „Светлина 1927“" in body
