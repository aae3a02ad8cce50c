"""A proof of work asked of the browser before a form from a busy address is accepted: an ALTCHA
challenge (the ``altcha`` package's v2 format), self-hosted, with no third party and no cookie.

A challenge is HMAC-signed with a key drawn from SECRET_KEY, expires after ``EXPIRES`` seconds and
is accepted once: the signatures of solved challenges stay in the cache until they expire, so a
solution cannot be sent twice. The browser must find a number (the counter) whose PBKDF2 key
starts with the challenge's prefix; each ``level`` doubles the numbers to try. What the caller
puts in ``data`` (the level, what the challenge is for) is signed with it. Solved in the browser
by ``static/js/proof-of-work.js`` with Web Crypto.
"""

import base64
import binascii
import json
import secrets
import time

import altcha
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext_lazy as _

ALGORITHM = "PBKDF2/SHA-256"
# PBKDF2 rounds per number tried, and the numbers to try at level 1 (half of them on average):
# about 0.3 s on a 2-core server core or in a desktop browser, a few times that on a modest phone.
COST = 1000
NUMBERS = 1000
EXPIRES = 20 * 60
# The form field the browser sends its solution in (ALTCHA's name for it).
FIELD = "altcha"
# A solution is a few hundred bytes; anything far longer is not one.
MAX_PAYLOAD = 4000

INVALID = _(
    "The check your browser made could not be confirmed or has expired. Press the button again: "
    "your answers are kept."
)


def _secret():
    return salted_hmac("ivanovo_portal.proof_of_work", "challenge", algorithm="sha256").hexdigest()


def challenge(level, **data):
    """A new challenge of ``level`` (1 and up), carrying ``data``, as the browser reads it."""
    numbers = NUMBERS * 2 ** (level - 1)
    issued = altcha.create_challenge(
        ALGORITHM,
        COST,
        counter=secrets.randbelow(numbers),
        expires_at=int(time.time()) + EXPIRES,
        data={**data, "level": level},
        hmac_secret=_secret(),
    )
    return issued.to_dict()


def verify(payload, *, level, **data):
    """Accept a solution (the browser's base64 payload) of a challenge of at least ``level`` that
    was issued with ``data``, once; ValidationError if it is not one."""
    if not payload or len(payload) > MAX_PAYLOAD:
        raise ValidationError(INVALID, code="invalid")
    try:
        parsed = altcha.Payload.from_dict(json.loads(base64.b64decode(payload)))
    except (ValueError, KeyError, TypeError, AttributeError, binascii.Error):
        raise ValidationError(INVALID, code="invalid") from None
    result = altcha.verify_solution(parsed, _secret())
    issued = parsed.challenge.parameters
    signed = issued.data if isinstance(issued.data, dict) else {}
    if not result.verified or any(signed.get(name) != value for name, value in data.items()):
        raise ValidationError(INVALID, code="expired" if result.expired else "invalid")
    if not isinstance(signed.get("level"), int) or signed["level"] < level:
        raise ValidationError(INVALID, code="too_easy")
    lifetime = max(1, int(issued.expires_at) - int(time.time()) + 1)
    if not cache.add(f"proof-of-work:{parsed.challenge.signature}", True, timeout=lifetime):
        raise ValidationError(INVALID, code="replayed")
