"""Quotas that stop at their target (``Quota.cap``): which settlements are full, and the check
``services.submit_response`` makes under a lock, so that two answers sent at once cannot both take
a settlement's last place.

A quota counts every counted response of its settlement, whatever the channel. Only online answers
are refused when it is full: a paper form or an interview was already given by the time staff type
it in, so its entry is kept and staff are warned (``surveys.views.entry``).
"""

from django.core.exceptions import ValidationError
from django.db.models import Count, F, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _

from ivanovo_portal.places.models import Settlement

from .models import Quota, Response

FULL_LABEL = _("%(settlement)s — all the responses needed have been collected")
FULL_MESSAGE = _(
    "All the responses needed from %(settlement)s have been collected, so answers from there are "
    "no longer taken. Thank you for wanting to take part."
)


def _counted(questionnaire, settlement):
    return Response.objects.counted().filter(questionnaire=questionnaire, settlement=settlement)


def full_settlements(questionnaire):
    """The settlements whose quota stops at its target and has reached it, in their official
    order: {settlement id: name} (one query)."""
    taken = (
        _counted(OuterRef("questionnaire"), OuterRef("settlement"))
        .order_by()
        .values("settlement")
        .annotate(n=Count("pk"))
        .values("n")
    )
    full = (
        Quota.objects.filter(questionnaire=questionnaire, cap=True)
        .annotate(taken=Coalesce(Subquery(taken), 0))
        .filter(taken__gte=F("target"))
        .select_related("settlement")
    )
    return {quota.settlement_id: quota.settlement.display_name for quota in full}


def every_settlement_full(full):
    """Whether ``full`` (from ``full_settlements``) leaves no settlement to answer from."""
    return bool(full) and len(full) >= Settlement.objects.count()


def check_room(response):
    """Refuse the unsaved online ``response`` when its settlement's capped quota is full.

    Call it in the transaction that saves the response: the quota's row stays locked until that
    transaction ends, so a second answer for the last place waits and then counts the first."""
    if response.settlement_id is None:
        return
    quota = (
        Quota.objects.select_for_update()
        .filter(questionnaire=response.questionnaire, settlement=response.settlement_id, cap=True)
        .order_by()  # the default order joins the settlement, whose row must not be locked
        .first()
    )
    if quota is None:
        return
    if Response.objects.filter(submission_key=response.submission_key).exists():
        return  # the same form sent again: submit_response finds the response it recorded
    if _counted(response.questionnaire, response.settlement_id).count() >= quota.target:
        name = Settlement.objects.get(pk=response.settlement_id).display_name
        raise ValidationError(FULL_MESSAGE % {"settlement": name}, code="full")


def past_cap(response):
    """(settlement name, responses counted, target) when the recorded ``response`` took its
    settlement beyond a quota that stops at its target; None otherwise."""
    quota = (
        Quota.objects.filter(
            questionnaire=response.questionnaire, settlement=response.settlement_id, cap=True
        )
        .select_related("settlement")
        .first()
    )
    if quota is None:
        return None
    taken = _counted(response.questionnaire, response.settlement_id).count()
    return (quota.settlement.display_name, taken, quota.target) if taken > quota.target else None
