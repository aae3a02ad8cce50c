"""The two e-mails about a subscription, each sent by a worker only while the address is still
in the state that asked for it: the confirmation link to an address awaiting confirmation, the
"already subscribed" note to a subscribed one."""

from django.core.mail import mailers

from ..models import Subscriber
from . import emails

CONFIRM = "confirm"
ALREADY_SUBSCRIBED = "already_subscribed"

NOTICES = {
    CONFIRM: (Subscriber.Status.PENDING, emails.confirmation),
    ALREADY_SUBSCRIBED: (Subscriber.Status.CONFIRMED, emails.already_subscribed),
}


def send(subscriber_id, notice):
    """Send ``notice`` to the subscriber if their address is still in its state; how many were
    sent, 0 or 1."""
    status, message = NOTICES[notice]
    subscriber = Subscriber.objects.filter(pk=subscriber_id, status=status).first()
    if subscriber is None:
        return 0
    return mailers.default.send_messages([message(subscriber)])
