"""Ballot stuffing: how many complete submissions one client address sent to a questionnaire in
the last hour, counted in the cache only (``ivanovo_portal.throttle``: a keyed hash, never the
address, and never beside the answers). Up to ``SURVEYS_BURST_THRESHOLD`` a submission goes as
usual; past it the browser must solve a proof of work, harder as the rate doubles, and the
response is marked ``suspect`` for staff to review before they publish.
"""

import math

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from ivanovo_portal import proof_of_work, throttle
from ivanovo_portal.refusals import Refused

# The hardest challenge: 2**(MAX_LEVEL - 1) times the first level's work (seconds on a phone).
MAX_LEVEL = 5

NEEDS_JAVASCRIPT = _(
    "Many answers have been sent from your internet connection in the last hour, so sending from "
    "it now takes a short check that your browser makes by itself. Allow JavaScript in your "
    "browser (or open this page in one that allows it) and press “Send my answers” again. Your "
    "answers are kept."
)


def _scope(questionnaire):
    return f"surveys.response:{questionnaire.pk}"


def level_for(rate):
    """The proof of work asked at ``rate`` submissions an hour: 0 (none) up to the threshold,
    then 1, and one more each time the rate doubles, up to ``MAX_LEVEL``."""
    threshold = settings.SURVEYS_BURST_THRESHOLD
    if rate <= threshold:
        return 0
    return min(MAX_LEVEL, 1 + int(math.log2(rate / max(threshold, 1))))


def challenge_for(request, questionnaire):
    """The challenge to put on the last page, or None while the next submission from this address
    would still be under the threshold."""
    rate = throttle.rate(_scope(questionnaire), throttle.client_address(request))
    level = level_for(rate + 1)
    return proof_of_work.challenge(level, questionnaire=questionnaire.pk) if level else None


def check_sender(request, questionnaire):
    """Count a complete submission from the request's address; past the threshold its proof of
    work must be solved. Whether the response is suspect; refused when the proof is missing or
    not good."""
    address = throttle.client_address(request)
    level = level_for(throttle.hit(_scope(questionnaire), address))
    if not level:
        return False
    payload = request.POST.get(proof_of_work.FIELD, "")
    if not payload:
        raise Refused(NEEDS_JAVASCRIPT)
    try:
        proof_of_work.verify(payload, level=level, questionnaire=questionnaire.pk)
    except ValidationError as error:
        raise Refused(" ".join(error.messages)) from None
    return True
