"""What the monitoring rounds have waiting on the page people land on after login: observations
awaiting their blind second score (monitors), scores to reconcile (coordinators) and findings
awaiting the municipality's reply, with its deadline (officials). One query a section, one item a
round. Registered when the app is ready."""

from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from ivanovo_portal.accounts.awaiting import Item, Section

from .models import Observation, Round
from .services.verification import SCORING

Status = Observation.Status


def _rounds(statuses, counted):
    """Rounds at one of ``statuses`` with ``n``, their observations matching ``counted`` (a Q)."""
    return (
        Round.objects.filter(status__in=statuses)
        .annotate(n=Count("observations", filter=counted))
        .filter(n__gt=0)
        .order_by("period_start", "pk")
    )


def second_scores(user):
    """The rounds where ``user`` may give second scores, with the observations of others still
    awaiting one; a monitor sees only their own rounds."""
    waiting = Observation.objects.filter(
        round__status__in=SCORING, status=Status.SUBMITTED, second_score__isnull=True
    ).exclude(monitor=user)
    if not user.has_perm("monitoring.coordinate_round"):
        waiting = waiting.filter(round__memberships__user=user)
    rounds = (
        waiting.values("round__title", "round__slug", "round__period_start", "round")
        .annotate(n=Count("pk"))
        .order_by("round__period_start", "round")
    )
    return [
        Item(
            title=round_["round__title"],
            url=reverse("monitoring:second_score_list", args=[round_["round__slug"]]),
            detail=ngettext(
                "%(count)d observation awaits its second score.",
                "%(count)d observations await their second score.",
                round_["n"],
            )
            % {"count": round_["n"]},
        )
        for round_ in rounds
    ]


SECOND_SCORES = Section(
    title=_("Observations awaiting a second score"),
    permission="monitoring.add_secondscore",
    order=60,
    description=_("Score them blind: you will not see the first score or who gave it."),
    items=second_scores,
)


def disputes(user):
    return [
        Item(
            title=round_.title,
            url=reverse("monitoring:reconcile_list", args=[round_.slug]),
            detail=ngettext(
                "%(count)d observation has two scores that differ.",
                "%(count)d observations have two scores that differ.",
                round_.n,
            )
            % {"count": round_.n},
        )
        for round_ in _rounds(SCORING, Q(observations__status=Status.DISPUTED))
    ]


DISPUTES = Section(
    title=_("Scores to reconcile"),
    permission="monitoring.coordinate_round",
    order=61,
    items=disputes,
)


def replies(user):
    today = timezone.localdate()
    return [
        Item(
            title=round_.title,
            url=reverse("monitoring:reply_round", args=[round_.slug]),
            detail=ngettext(
                "%(count)d finding has no reply of the municipality yet.",
                "%(count)d findings have no reply of the municipality yet.",
                round_.n,
            )
            % {"count": round_.n},
            due=round_.reply_deadline,
            overdue=round_.reply_deadline is not None and today > round_.reply_deadline,
        )
        for round_ in _rounds(
            [Round.Status.REPLY],
            Q(observations__status=Status.VERIFIED, observations__reply__isnull=True),
        )
    ]


REPLIES = Section(
    title=_("Monitoring findings awaiting the municipality's reply"),
    permission="monitoring.reply_finding",
    order=62,
    description=_("Answers given by the deadline are published as in time, later ones as late."),
    items=replies,
)
