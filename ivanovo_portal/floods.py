"""Floods of the kernel's public forms (accessibility feedback, a person's data by e-mail link),
each form counted per client address under its own scope, in the cache only
(``ivanovo_portal.throttle``). A few messages an hour go as usual; past that the browser must
solve a proof of work, one level harder for every further few."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from ivanovo_portal import proof_of_work, throttle
from ivanovo_portal.refusals import Refused, show_on_form

FREE_PER_HOUR = 5
MAX_LEVEL = 5

NEEDS_JAVASCRIPT = _(
    "Many messages have been sent from your internet connection in the last hour, so sending "
    "from it now takes a short check that your browser makes by itself. Allow JavaScript in your "
    "browser and press “Send” again. What you typed is kept."
)


def level_for(rate):
    """0 (no proof asked) up to FREE_PER_HOUR messages an hour, then one level more for every
    FREE_PER_HOUR more, up to MAX_LEVEL."""
    return min(MAX_LEVEL, int(max(rate - 1, 0) // FREE_PER_HOUR))


def challenge_for(request, scope):
    """The challenge the form of ``scope`` carries when the next message from this address
    needs one, or None."""
    level = level_for(throttle.rate(scope, throttle.client_address(request)) + 1)
    return proof_of_work.challenge(level, form=scope) if level else None


def check_sender(request, scope):
    """Count a message from the request's address; refused when its proof of work is due and
    missing or not good."""
    level = level_for(throttle.hit(scope, throttle.client_address(request)))
    if not level:
        return
    payload = request.POST.get(proof_of_work.FIELD, "")
    if not payload:
        raise Refused(NEEDS_JAVASCRIPT)
    try:
        proof_of_work.verify(payload, level=level, form=scope)
    except ValidationError as error:
        raise Refused(" ".join(error.messages)) from None


def sender_passes(request, form, scope):
    """Count a valid form's message; False, with the refusal on the form, when its proof of work
    is due and missing or not good."""
    try:
        check_sender(request, scope)
    except Refused as refusal:
        show_on_form(form, refusal)
        return False
    return True
