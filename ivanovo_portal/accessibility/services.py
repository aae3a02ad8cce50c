"""Receiving accessibility feedback and closing it once answered."""

from datetime import timedelta

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ivanovo_portal.refusals import Refused

from .models import REPLY_DAYS, Feedback

NO_CONSENT = _("Tick the box to let us keep your contact details for the reply.")
ALREADY_ANSWERED = _("This feedback is already marked as answered.")


def submit_feedback(*, name, contact, page, problem, consent, language):
    """Record feedback with the consent to keep the contact for the reply, due in REPLY_DAYS."""
    if not consent:
        raise Refused(NO_CONSENT, field="consent")
    now = timezone.now()
    return Feedback.objects.create(
        name=name,
        contact=contact,
        page=page,
        problem=problem,
        language=language,
        consented_at=now,
        received_at=now,
        reply_due=timezone.localdate(now) + timedelta(days=REPLY_DAYS),
    )


@transaction.atomic
def mark_answered(feedback, *, user):
    """Record that ``user`` answered ``feedback``; refused when it already was."""
    locked = Feedback.objects.select_for_update().get(pk=feedback.pk)
    if locked.is_answered:
        raise Refused(ALREADY_ANSWERED)
    locked.answered_at = timezone.now()
    locked.answered_by = user
    locked.save(update_fields=["answered_at", "answered_by"])
    return locked
