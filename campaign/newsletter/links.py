"""The links of the newsletter's e-mails. Every one carries the subscriber's ``key``, a random
secret that only their mailbox has seen; the confirmation link carries it signed with the time it
was sent, so that it goes stale after ``CONFIRM_DAYS`` and a copy found later confirms nothing."""

from datetime import timedelta

from django.conf import settings
from django.core import signing
from django.urls import reverse
from django.utils import translation

SALT = "campaign.newsletter.confirm"
CONFIRM_DAYS = 7


def _signer():
    return signing.TimestampSigner(salt=SALT, sep=".")


def confirm_token(subscriber):
    """The token of ``subscriber``'s confirmation link."""
    return _signer().sign(subscriber.key)


def read_confirm_token(token):
    """(the key a confirmation token names, whether the link is past ``CONFIRM_DAYS``), or None
    when the portal did not sign the token."""
    signer = _signer()
    try:
        return signer.unsign(token, max_age=timedelta(days=CONFIRM_DAYS)), False
    except signing.SignatureExpired:
        return signer.unsign(token), True
    except signing.BadSignature:
        return None


def _absolute(name, token):
    with translation.override(settings.LANGUAGE_CODE):
        return settings.PORTAL_URL + reverse(f"campaign:{name}", args=[token])


def confirm_url(subscriber):
    return _absolute("newsletter_confirm", confirm_token(subscriber))


def preferences_url(subscriber):
    return _absolute("newsletter_preferences", subscriber.key)


def unsubscribe_url(subscriber):
    """The link in the text of every issue: opening it unsubscribes."""
    return _absolute("newsletter_unsubscribe", subscriber.key)


def one_click_url(subscriber):
    """The address of the ``List-Unsubscribe`` header (RFC 8058): a mail program POSTs to it
    when the person presses its "unsubscribe" button; opening it only shows that button."""
    return _absolute("newsletter_one_click", subscriber.key)
