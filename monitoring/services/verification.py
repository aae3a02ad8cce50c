"""Blind double scoring: a second monitor or the coordinator scores a submitted observation without
seeing its first score; where both agree the observation is verified with that score, where they
differ the coordinator reconciles with a reason. Every score change is in the audit history."""

from django.conf import settings
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from ivanovo_portal.audit.services import changed, log_action, tracked
from ivanovo_portal.refusals import Refused

from ..access import is_coordinator
from ..models import Membership, Observation, Round, SecondScore

Status = Observation.Status
# The round's steps during which observations are scored a second time and reconciled.
SCORING = (Round.Status.FIELDWORK, Round.Status.VERIFICATION)
# What the history shows changing when a score is given.
SCORE_FIELDS = ("status", "final_score", "final_not_applicable")


def may_second_score(user, observation):
    """A monitor of the round other than the observation's author, or a coordinator who did not
    write it either: nobody scores their own finding twice."""
    if not user.is_authenticated or user.pk == observation.monitor_id:
        return False
    round_ = observation.round
    return (
        is_coordinator(user, round_)
        or round_.memberships.filter(user=user, role=Membership.Role.MONITOR).exists()
    )


def check_score(criterion, score, not_applicable):
    """Refuse a score outside ``criterion``'s scale, or "not applicable" where it may not be."""
    if not_applicable:
        if not criterion.allows_not_applicable:
            raise Refused(
                _("This criterion applies everywhere it is scored: choose a score."),
                field="score",
            )
        if score is not None:
            raise Refused(_("A criterion that does not apply has no score."), field="score")
        return
    values = [point.value for point in criterion.scale.all()]
    if score is None:
        raise Refused(_("Choose a score."), field="score")
    if score not in values:
        raise Refused(
            _("The score must be one of the criterion's scale: %(values)s.")
            % {"values": ", ".join(map(str, values))},
            field="score",
        )


def score_text(score, not_applicable):
    """A score as the history shows it, in the portal's language."""
    with translation.override(settings.LANGUAGE_CODE):
        return gettext("not applicable") if not_applicable else str(score)


def _locked(observation):
    return (
        Observation.objects.select_for_update(of=("self",))
        .select_related("round", "criterion")
        .get(pk=observation.pk)
    )


def _check_round(observation):
    if observation.round.status not in SCORING:
        raise Refused(_("Scores are given only during the round's fieldwork and verification."))


@transaction.atomic
def second_score(observation, *, user, score=None, not_applicable=False, note=""):
    """Score a submitted observation blind. The same score (or both "not applicable") verifies it
    with that score; a different one leaves it for the coordinator to reconcile."""
    observation = _locked(observation)
    _check_round(observation)
    if (
        observation.status != Status.SUBMITTED
        or SecondScore.objects.filter(observation=observation).exists()
    ):
        raise Refused(_("This observation is not waiting for a second score."))
    if not may_second_score(user, observation):
        raise Refused(
            _("Only another monitor of the round or its coordinator gives the second score.")
        )
    check_score(observation.criterion, score, not_applicable)
    before = tracked(observation, SCORE_FIELDS)
    SecondScore.objects.create(
        observation=observation,
        scorer=user,
        score=score,
        not_applicable=not_applicable,
        note=note,
    )
    agreed = (observation.not_applicable, observation.score) == (not_applicable, score)
    if agreed:
        observation.status = Status.VERIFIED
        observation.final_score = score
        observation.final_not_applicable = not_applicable
        observation.verified_at = timezone.now()
    else:
        observation.status = Status.DISPUTED
    observation.save()
    log_action(
        observation,
        "monitoring.second_scored",
        user=user,
        changes={
            "second_score": ["", score_text(score, not_applicable)],
            **changed(before, observation),
        },
        reason=note,
    )
    return observation


@transaction.atomic
def reconcile(observation, *, user, score=None, not_applicable=False, reason):
    """The coordinator settles the final score of an observation whose two scores differ."""
    observation = _locked(observation)
    _check_round(observation)
    if not is_coordinator(user, observation.round):
        raise Refused(_("Only the round's coordinator reconciles scores."))
    if observation.status != Status.DISPUTED:
        raise Refused(_("Only an observation whose two scores differ is reconciled."))
    reason = reason.strip()
    if not reason:
        raise Refused(_("Say why this is the final score."), field="reason")
    check_score(observation.criterion, score, not_applicable)
    before = tracked(observation, SCORE_FIELDS)
    observation.status = Status.VERIFIED
    observation.final_score = score
    observation.final_not_applicable = not_applicable
    observation.reconciled_by = user
    observation.reconciliation = reason
    observation.verified_at = timezone.now()
    observation.save()
    log_action(
        observation,
        "monitoring.scores_reconciled",
        user=user,
        changes=changed(before, observation),
        reason=reason,
    )
    return observation
