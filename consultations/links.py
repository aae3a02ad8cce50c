"""The link a commenter confirms their comment with: the comment's number signed by the portal
with the time it was sent, so that nobody can confirm a comment made with someone else's address,
and a link left unused goes stale after ``CONFIRM_DAYS``."""

from datetime import timedelta

from django.conf import settings
from django.core import signing
from django.urls import reverse
from django.utils import translation

SALT = "consultations.comment.confirm"
CONFIRM_DAYS = 7


def _signer():
    return signing.TimestampSigner(salt=SALT, sep=".")


def confirm_token(comment):
    """The token of ``comment``'s confirmation link."""
    return _signer().sign(str(comment.pk))


def read_token(token):
    """(the number of the comment a token names, whether the link is past ``CONFIRM_DAYS``), or
    None when the portal did not sign the token."""
    signer = _signer()
    try:
        return int(signer.unsign(token, max_age=timedelta(days=CONFIRM_DAYS))), False
    except signing.SignatureExpired:
        return int(signer.unsign(token)), True
    except (signing.BadSignature, ValueError):
        return None


def confirm_url(comment):
    """The full address of ``comment``'s confirmation link, in the portal's language."""
    with translation.override(settings.LANGUAGE_CODE):
        return settings.PORTAL_URL + reverse(
            "consultations:comment_confirm", args=[confirm_token(comment)]
        )
