"""Reads for the rounds' screens: the coordinator's hub and list, the second scores waiting, the
disputes to reconcile and the findings the municipality answers."""

from django.db.models import Count, Prefetch, Q

from ivanovo_portal.places.models import Settlement

from ..models import Criterion, Membership, Observation, Round, ScalePoint, Scope
from ..services.replies import reply_state
from ..services.verification import SCORING

Status = Observation.Status


def rounds_for_staff():
    """Every round, newest first, with its framework and how many monitors it has: one query."""
    return (
        Round.objects.select_related("version__framework")
        .annotate(
            monitor_count=Count("memberships", filter=Q(memberships__role=Membership.Role.MONITOR))
        )
        .order_by("-period_start", "-pk")
    )


def members_of(round_):
    return list(round_.memberships.select_related("user").prefetch_related("settlements"))


def expected_cells(round_):
    """How many observations the round's framework asks for: each criterion once for every
    settlement it applies to."""
    settlements = Settlement.objects.aggregate(
        all=Count("pk"), mayoralties=Count("pk", filter=Q(is_admin_centre=False))
    )
    per_scope = {
        Scope.MUNICIPALITY: 1,
        Scope.MAYORALTIES: settlements["mayoralties"],
        Scope.ALL: settlements["all"],
    }
    scopes = (
        Criterion.objects.filter(area__version=round_.version_id)
        .values("scope")
        .annotate(n=Count("pk"))
        .order_by()
    )
    return sum(per_scope[row["scope"]] * row["n"] for row in scopes)


def status_counts(round_):
    """[(status label, count)] of the round's observations, every status in its order."""
    counts = dict(round_.observations.values_list("status").annotate(n=Count("pk")).order_by())
    return [(label, counts.get(value, 0)) for value, label in Status.choices]


def _scale():
    return Prefetch("criterion__scale", queryset=ScalePoint.objects.order_by("value"))


def awaiting_second_score(round_, user):
    """The round's submitted observations ``user`` may score a second time: not their own."""
    if round_.status not in SCORING:
        return Observation.objects.none()
    return (
        round_.observations.filter(status=Status.SUBMITTED, second_score__isnull=True)
        .exclude(monitor=user)
        .select_related("criterion__area", "settlement")
    )


def disputed(round_):
    """The round's observations whose two scores differ, with both scores and their scorers."""
    if round_.status not in SCORING:
        return []
    return list(
        round_.observations.filter(status=Status.DISPUTED)
        .select_related("criterion__area", "settlement", "monitor", "second_score__scorer")
        .prefetch_related(_scale())
    )


def rounds_in_reply():
    """Rounds in their right of reply, with how many verified findings they have and how many
    the municipality has answered: one query."""
    verified = Q(observations__status=Status.VERIFIED)
    return (
        Round.objects.filter(status=Round.Status.REPLY)
        .annotate(
            finding_count=Count("observations", filter=verified),
            answered_count=Count(
                "observations", filter=verified & Q(observations__reply__isnull=False)
            ),
        )
        .order_by("reply_deadline", "pk")
    )


def _findings(round_):
    return (
        round_.observations.verified()
        .select_related("round", "criterion__area", "settlement", "reply")
        .prefetch_related(_scale())
    )


def _with_reply_state(observations):
    for observation in observations:
        observation.reply_state = reply_state(observation)
    return observations


def findings_for_reply(round_):
    """The round's verified findings with their criterion's scale and the state of their reply:
    two queries."""
    return _with_reply_state(list(_findings(round_)))


def finding_for_reply(round_, pk):
    """One of them, None when the round has no such verified finding."""
    found = _with_reply_state(list(_findings(round_).filter(pk=pk)))
    return found[0] if found else None
