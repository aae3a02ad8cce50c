"""Sending an issue at a steady rate, each delivery once.

One chain of tasks (a "pump") sends an issue: each task sends up to ``rate() * BATCH_SECONDS``
messages over one SMTP connection, spaced evenly, then queues the next with no wait. A pump
holds a token kept in the cache; starting a new pump for the issue (on a worker's start, or
when the issue has been silent too long) replaces the token, and the old chain — a task the
broker delivers again after its worker died, say — stops at its next step. So the issue goes out
at the rate set, and a queue never holds more than one of its tasks.

Each delivery is claimed by a conditional update (queued → sending) just before its message
goes, and marked sent just after: a task run twice finds it claimed or sent and sends nothing.
A worker killed between the SMTP server's acceptance and that mark leaves the row ``sending``;
after ``lease()`` seconds it is queued again and sent again — at least once, never lost. That
window is one message per worker process killed, and the copy sent again has the same
Message-ID (``emails.message_id``), by which mail systems and readers can tell it.

Transient failures (a 4xx answer, the server unreachable) put the delivery back in the queue for
another try after ``RETRY_SECONDS``, up to ``MAX_ATTEMPTS``; then it is failed. A 5xx refusal of
the recipient is a bounce; of the message, a failure."""

import logging
import smtplib
import time
import uuid
from datetime import timedelta

from django.conf import settings
from django.core.cache import cache
from django.core.mail import mailers
from django.db.models import Exists, F, OuterRef, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from ..models import Delivery, NewsletterIssue, Subscriber
from . import emails

logger = logging.getLogger(__name__)
Status = Delivery.Status
# Seconds of sending per task: short beside the task time limits, long enough to keep one
# SMTP connection busy.
BATCH_SECONDS = 5
MAX_ATTEMPTS = 5
RETRY_SECONDS = 60
# An issue whose pump has not shown signs of life for this long gets a new one.
SILENCE_SECONDS = 60
PUMP_KEY = "campaign:newsletter:pump:{}"


def rate():
    """Messages per second (``NEWSLETTER_RATE``), what the mail server or provider allows."""
    return float(settings.NEWSLETTER_RATE)


def lease():
    """Seconds after which a delivery still ``sending`` counts as abandoned by a dead worker
    (``NEWSLETTER_LEASE``): well above the SMTP timeout, so a live send never outlasts it."""
    return int(settings.NEWSLETTER_LEASE)


class ServerUnavailable(Exception):
    """The mail server cannot be reached or dropped the connection: the batch stops."""


def new_pump(issue_id):
    """A token for a new pump of the issue; any pump before it stops."""
    token = uuid.uuid4().hex
    cache.set(PUMP_KEY.format(issue_id), token, timeout=None)
    return token


def is_current(issue_id, token):
    return cache.get(PUMP_KEY.format(issue_id)) == token


def _touch(issue_id, now):
    """Show that the issue's pump is alive; False when the issue is not being sent."""
    return bool(
        NewsletterIssue.objects.filter(pk=issue_id, status=NewsletterIssue.Status.SENDING).update(
            updated_at=now
        )
    )


def requeue_abandoned(issue_id, now):
    """Queue again the deliveries left ``sending`` past the lease by a worker that died (failed
    when out of tries); how many."""
    abandoned = Delivery.objects.filter(
        issue_id=issue_id, status=Status.SENDING, claimed_at__lt=now - timedelta(seconds=lease())
    )
    error = _("The worker sending it stopped; sent again.")
    given_up = abandoned.filter(attempts__gte=MAX_ATTEMPTS).update(
        status=Status.FAILED, error=error
    )
    return given_up + abandoned.update(status=Status.QUEUED, error=error)


def _claimable(issue_id, now):
    retry_from = now - timedelta(seconds=RETRY_SECONDS)
    return (
        Delivery.objects.filter(issue_id=issue_id, status=Status.QUEUED)
        .filter(Q(claimed_at__isnull=True) | Q(claimed_at__lt=retry_from))
        .order_by("pk")
        .values_list("pk", flat=True)
    )


def _finish(issue_id, now):
    """Mark the issue sent once no delivery is left to send; whether it was."""
    left = Delivery.objects.filter(issue=OuterRef("pk"), status__in=(Status.QUEUED, Status.SENDING))
    return bool(
        NewsletterIssue.objects.filter(pk=issue_id, status=NewsletterIssue.Status.SENDING)
        .filter(~Exists(left))
        .update(status=NewsletterIssue.Status.SENT, finished_at=now, updated_at=now)
    )


def send_batch(issue_id):
    """Send the issue's next batch at the steady rate. Seconds to wait before the next batch, or
    None when the issue is finished (or not being sent)."""
    now = timezone.now()
    if not _touch(issue_id, now):
        return None
    requeue_abandoned(issue_id, now)
    ids = list(_claimable(issue_id, now)[: max(1, round(rate() * BATCH_SECONDS))])
    if not ids:
        # Nothing to send now: finished, or waiting for retries and leases to come due.
        return None if _finish(issue_id, now) else BATCH_SECONDS
    content = emails.issue_content(NewsletterIssue.objects.get(pk=issue_id))
    recipients = _recipients(ids)
    interval, started, touched = 1 / rate(), time.monotonic(), time.monotonic()
    try:
        with mailers.default as connection:
            for position, delivery_id in enumerate(ids):
                # Evenly spaced: message n leaves n intervals after the batch began.
                time.sleep(max(0.0, started + position * interval - time.monotonic()))
                send_one(delivery_id, content, connection, recipients.get(delivery_id))
                if time.monotonic() - touched > 1:
                    _touch(issue_id, timezone.now())
                    touched = time.monotonic()
    except (ServerUnavailable, OSError, smtplib.SMTPException) as exc:
        logger.warning("Newsletter issue %s: the mail server is unavailable: %s", issue_id, exc)
        return RETRY_SECONDS
    return 0


def _recipients(ids):
    """The subscribers of deliveries ``ids`` with the topics they follow, read once for a batch;
    whether each is still subscribed is checked again as its message goes (``_claim``)."""
    deliveries = Delivery.objects.filter(pk__in=ids).select_related("subscriber")
    deliveries = deliveries.prefetch_related("subscriber__topic_rows")
    return {delivery.pk: delivery.subscriber for delivery in deliveries}


def _claim(delivery_id):
    """Take a queued delivery whose subscriber is still subscribed; whether it was taken."""
    return Delivery.objects.filter(
        pk=delivery_id, status=Status.QUEUED, subscriber__status=Subscriber.Status.CONFIRMED
    ).update(status=Status.SENDING, claimed_at=timezone.now(), attempts=F("attempts") + 1)


def _settle(delivery_id, status, error=""):
    """Record how a claimed delivery ended. A sent one is recorded whatever happened to its row
    meanwhile, so that nothing sends it again."""
    done = timezone.now() if status == Status.SENT else None
    Delivery.objects.filter(pk=delivery_id).exclude(status=Status.SENT).update(
        status=status, sent_at=done, error=error[:250]
    )


def _give_back(delivery_id, error):
    """Back in the queue for a later try, or failed when out of tries."""
    Delivery.objects.filter(pk=delivery_id, attempts__gte=MAX_ATTEMPTS).exclude(
        status=Status.SENT
    ).update(status=Status.FAILED, error=error[:250])
    Delivery.objects.filter(pk=delivery_id, status=Status.SENDING).update(
        status=Status.QUEUED, error=error[:250]
    )


def send_one(delivery_id, content, connection, subscriber):
    """Claim one delivery and send its message to ``subscriber`` over ``connection``; nothing
    when another worker has claimed it or it was sent, and failed when the subscriber has left
    since the issue was queued. Raises ``ServerUnavailable`` (the delivery given back) when the
    server cannot be reached."""
    if not _claim(delivery_id):
        Delivery.objects.filter(pk=delivery_id, status=Status.QUEUED).update(
            status=Status.FAILED, error=_("Unsubscribed before it was sent.")
        )
        return
    try:
        message = emails.issue_message(content, subscriber, delivery_id=delivery_id)
        connection.send_messages([message])
    except smtplib.SMTPRecipientsRefused as refused:
        code, answer = next(iter(refused.recipients.values()))
        _answered(delivery_id, code, answer, bounce=True)
    except (smtplib.SMTPServerDisconnected, smtplib.SMTPConnectError) as exc:
        _give_back(delivery_id, _describe(exc))
        raise ServerUnavailable(exc) from exc
    except smtplib.SMTPResponseException as exc:
        _answered(delivery_id, exc.smtp_code, exc.smtp_error)
    except OSError as exc:  # the network; after the SMTP errors, which are OSErrors too
        _give_back(delivery_id, _describe(exc))
        raise ServerUnavailable(exc) from exc
    except Exception as exc:
        # A message that cannot be made or sent for a reason of its own fails alone.
        logger.exception("Newsletter delivery %s failed", delivery_id)
        _settle(delivery_id, Status.FAILED, _describe(exc))
    else:
        _settle(delivery_id, Status.SENT)


def _answered(delivery_id, code, answer, *, bounce=False):
    """A refusal by the server: permanent (5xx) bounces or fails; temporary (4xx) is tried
    again."""
    if isinstance(answer, bytes):
        answer = answer.decode("utf-8", "replace")
    error = f"{code} {answer}"
    if code >= 500:
        _settle(delivery_id, Status.BOUNCED if bounce else Status.FAILED, error)
    else:
        _give_back(delivery_id, error)


def _describe(exc):
    message = str(exc).strip()
    return f"{type(exc).__name__}: {message}" if message else type(exc).__name__


def silent_issues(now=None):
    """Issues being sent whose pump has shown no sign of life for ``SILENCE_SECONDS``."""
    now = now or timezone.now()
    return NewsletterIssue.objects.filter(
        status=NewsletterIssue.Status.SENDING,
        updated_at__lt=now - timedelta(seconds=SILENCE_SECONDS),
    ).values_list("pk", flat=True)
