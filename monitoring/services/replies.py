"""The municipality's right of reply: while a round is in its right of reply, an official answers
each verified finding and may change the answer until the deadline. An answer given after the
deadline is still taken, and shown as late."""

from django.db import transaction
from django.db.models import TextChoices
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ivanovo_portal.audit.services import log_action
from ivanovo_portal.refusals import Refused

from ..access import may_reply
from ..models import Observation, Reply


class ReplyState(TextChoices):
    ON_TIME = "on_time", _("answered in time")
    LATE = "late", _("answered late")
    MISSING = "missing", _("no reply")


def reply_state(observation):
    """Whether the municipality answered ``observation`` by its round's deadline (the reply and
    the round are read from the observation, so select them with it)."""
    try:
        reply = observation.reply
    except Reply.DoesNotExist:
        return ReplyState.MISSING
    deadline = observation.round.reply_deadline
    if deadline is not None and timezone.localdate(reply.answered_at) > deadline:
        return ReplyState.LATE
    return ReplyState.ON_TIME


def past_deadline(round_):
    return round_.reply_deadline is not None and timezone.localdate() > round_.reply_deadline


@transaction.atomic
def answer(observation, *, user, text):
    """Give or change the municipality's reply to a verified finding; a reply already given may
    change only until the deadline."""
    observation = (
        Observation.objects.select_for_update(of=("self",))
        .select_related("round")
        .get(pk=observation.pk)
    )
    if not may_reply(user, observation.round):
        raise Refused(_("The municipality answers only while the round is in its right of reply."))
    if observation.status != Observation.Status.VERIFIED:
        raise Refused(_("Only verified findings are answered."))
    text = text.strip()
    if not text:
        raise Refused(_("Write the reply."), field="text")
    reply = Reply.objects.filter(observation=observation).first()
    if reply is None:
        reply = Reply.objects.create(observation=observation, text=text, official=user)
        log_action(observation, "monitoring.reply_given", user=user, changes={"reply": ["", text]})
        return reply
    if past_deadline(observation.round):
        raise Refused(_("The deadline has passed: the reply can no longer be changed."))
    if reply.text != text:
        log_action(
            observation,
            "monitoring.reply_changed",
            user=user,
            changes={"reply": [reply.text, text]},
        )
        reply.text = text
        reply.official = user
        reply.save()
    return reply
