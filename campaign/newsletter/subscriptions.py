"""Subscribing with double opt-in, preferences and unsubscribing.

The form answers every address alike — new, awaiting confirmation, subscribed or unsubscribed —
so that nobody learns from it whether an address is on the list: the mailbox is told instead (a
link to confirm, or a note that it is subscribed already with its preferences link). Nothing but
the confirmation goes to an address until its owner confirms it."""

from datetime import timedelta

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ivanovo_portal.refusals import Refused

from .. import tasks
from ..models import Subscriber, SubscriberTopic
from ..models.newsletter import new_key
from . import links, notices

Status = Subscriber.Status
NO_CONSENT = _("Tick the box to agree, or we cannot send you the newsletter.")
NO_TOPIC = _("Choose at least one topic.")
# One e-mail about a subscription per address in this time, however often the form is sent
# for it: the form cannot be used to flood someone's mailbox.
RESEND_AFTER = timedelta(minutes=10)


def _set_topics(subscriber, topics):
    subscriber.topic_rows.all().delete()
    SubscriberTopic.objects.bulk_create(
        SubscriberTopic(subscriber=subscriber, activity=activity) for activity in topics
    )


def _may_write_again(subscriber, now):
    sent = subscriber.confirmation_sent_at
    return sent is None or sent <= now - RESEND_AFTER


@transaction.atomic
def subscribe(*, email, settlement, topics, consent, language="bg"):
    """Ask to subscribe ``email``. A new, unconfirmed or unsubscribed address gets the link to
    confirm (the topics and settlement given now); a subscribed one is left as it is and told so.
    The caller answers every address alike, whatever the subscriber returned."""
    if not consent:
        raise Refused(NO_CONSENT, field="consent")
    if not topics:
        raise Refused(NO_TOPIC, field="topics")
    now = timezone.now()
    email = email.strip().lower()
    subscriber, created = Subscriber.objects.select_for_update().get_or_create(
        email=email,
        defaults={"settlement": settlement, "language": language, "consented_at": now},
    )
    if subscriber.status == Status.CONFIRMED:
        notice = notices.ALREADY_SUBSCRIBED
    else:
        notice = notices.CONFIRM
        if subscriber.status == Status.UNSUBSCRIBED:
            subscriber.confirmed_at = subscriber.unsubscribed_at = None
        subscriber.status = Status.PENDING
        subscriber.settlement, subscriber.language, subscriber.consented_at = (
            settlement,
            language,
            now,
        )
        _set_topics(subscriber, topics)
    if created or _may_write_again(subscriber, now):
        subscriber.confirmation_sent_at = now
        tasks.write_to_subscriber(subscriber, notice)
    subscriber.save()
    return subscriber


@transaction.atomic
def confirm(token):
    """Confirm the address of a confirmation link: from then on it receives the issues. A link
    used again changes nothing; an expired one is refused."""
    read = links.read_confirm_token(token)
    subscriber = read and Subscriber.objects.select_for_update().filter(key=read[0]).first()
    if not subscriber:
        raise Refused(_("This link is not valid. Subscribe again to get a new one."))
    if subscriber.status == Status.CONFIRMED:
        return subscriber
    if subscriber.status != Status.PENDING or read[1]:
        raise Refused(
            _("This link has expired. Subscribe again, and confirm within %(days)s days.")
            % {"days": links.CONFIRM_DAYS}
        )
    subscriber.status, subscriber.confirmed_at = Status.CONFIRMED, timezone.now()
    subscriber.save(update_fields=["status", "confirmed_at"])
    return subscriber


@transaction.atomic
def update_preferences(subscriber, *, settlement, topics):
    """Change where a subscriber lives and what they follow."""
    if not topics:
        raise Refused(NO_TOPIC, field="topics")
    subscriber.settlement = settlement
    subscriber.save(update_fields=["settlement"])
    _set_topics(subscriber, topics)
    return subscriber


@transaction.atomic
def unsubscribe(subscriber):
    """Stop every e-mail to ``subscriber`` at once, the issue being sent included. The key is
    replaced, so that the old links no longer change anything; the new one, shown on the page
    only, lets the person take it back there."""
    if subscriber.status != Status.UNSUBSCRIBED:
        subscriber.status, subscriber.unsubscribed_at = Status.UNSUBSCRIBED, timezone.now()
        subscriber.key = new_key()
        subscriber.save(update_fields=["status", "unsubscribed_at", "key"])
    return subscriber


@transaction.atomic
def resubscribe(subscriber):
    """Take back an unsubscription from the page that confirmed it: the person has just shown
    that they hold the mailbox, so no new confirmation is asked."""
    if subscriber.status != Status.UNSUBSCRIBED or subscriber.confirmed_at is None:
        raise Refused(_("Subscribe again with the form: we will send you a link to confirm."))
    subscriber.status, subscriber.unsubscribed_at = Status.CONFIRMED, None
    subscriber.save(update_fields=["status", "unsubscribed_at"])
    return subscriber
