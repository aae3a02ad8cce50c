"""The link a registrant cancels with: their registration code signed by the portal, so that
nobody can make one up for someone else's code (the code alone is read out at the door)."""

from django.conf import settings
from django.core import signing
from django.urls import reverse
from django.utils import translation

from .models import Registration

SALT = "meetings.registration.cancel"


def _signer():
    return signing.Signer(salt=SALT, sep=".")


def cancel_token(registration):
    """The token of ``registration``'s cancel link."""
    return _signer().sign(registration.code)


def registration_for_token(token):
    """The registration a cancel link's token names, or None when the portal did not sign the
    token or its registration is gone."""
    try:
        code = _signer().unsign(token)
    except signing.BadSignature:
        return None
    return Registration.objects.select_related("meeting").filter(code=code).first()


def cancel_url(registration):
    """The full address of ``registration``'s cancel link, in the portal's language."""
    with translation.override(settings.LANGUAGE_CODE):
        return settings.PORTAL_URL + reverse("meetings:cancel", args=[cancel_token(registration)])
