"""Observations at each stage of scoring, for the tests of rounds, verification and replies."""

from django.utils import timezone

from monitoring.models import Criterion, Observation, Reply, SecondScore

Status = Observation.Status


def criterion(round_, code):
    return Criterion.objects.get(area__version=round_.version, code=code)


def observe(round_, code, settlement, monitor, *, score=1, not_applicable=False, status=None):
    """A submitted observation of criterion ``code`` at ``settlement`` by ``monitor``."""
    return Observation.objects.create(
        round=round_,
        criterion=criterion(round_, code),
        settlement=settlement,
        monitor=monitor,
        finding=f"Констатация по {code} за {settlement}.",
        score=None if not_applicable else score,
        not_applicable=not_applicable,
        status=status or Status.SUBMITTED,
        submitted_at=timezone.now(),
    )


def score_twice(observation, scorer, *, score=None, not_applicable=False):
    """Give ``observation`` a second score directly, leaving its status as it is."""
    return SecondScore.objects.create(
        observation=observation, scorer=scorer, score=score, not_applicable=not_applicable
    )


def verified(round_, code, settlement, monitor, *, score=2):
    observation = observe(round_, code, settlement, monitor, score=score)
    Observation.objects.filter(pk=observation.pk).update(
        status=Status.VERIFIED, final_score=score, verified_at=timezone.now()
    )
    observation.refresh_from_db()
    return observation


def replied(observation, official, text="Отговор на общината.", at=None):
    reply = Reply.objects.create(observation=observation, text=text, official=official)
    if at is not None:
        Reply.objects.filter(pk=reply.pk).update(answered_at=at)
        reply.refresh_from_db()
    return reply
