"""The methodology of a monitoring report, computed from its round, never typed in: the framework
and its version, the period, who monitored (named only with their consent), the observations,
the access-to-information requests and how the municipality answered them, the agreement
between the two scorers and the municipality's replies to the findings."""

from collections import Counter
from dataclasses import dataclass
from datetime import date

from django.db.models import Count, Q
from django.utils import timezone

from .agreement import Agreement, agreement
from .deadlines import is_overdue, request_deadline
from .models import Area, Channel, InformationRequest, Membership, Observation, Round


@dataclass(frozen=True)
class Tally:
    """A count with what it counts."""

    label: str
    count: int


@dataclass(frozen=True)
class People:
    """The members of a round in one role: the names of those who consented to their
    publication, and how many did not."""

    names: list[str]
    unnamed: int

    @property
    def total(self):
        return len(self.names) + self.unnamed


@dataclass(frozen=True)
class Requests:
    """Access-to-information requests by how the municipality answered them: within the
    statutory deadline, after it, not at all (a tacit refusal), or not yet though the deadline
    has passed (overdue), or not yet within it (pending)."""

    total: int
    on_time: int
    late: int
    no_answer: int
    overdue: int
    pending: int


@dataclass(frozen=True)
class Replies:
    """The municipality's replies to the verified findings: by the deadline, after it, none."""

    findings: int
    on_time: int
    late: int
    missing: int


@dataclass(frozen=True)
class Methodology:
    round: Round
    areas: list[Tally]  # each area of the framework with its number of criteria
    criteria: int
    monitors: People
    coordinator: People
    observations: int  # submitted, the monitors' drafts left out
    by_status: list[Tally]
    by_channel: list[Tally]
    settlements: int  # settlements with at least one submitted observation
    requests: Requests
    agreement: Agreement
    replies: Replies

    @property
    def version(self):
        return self.round.version


def methodology_for(round_, *, today=None):
    """The methodology of ``round_`` as its data stand (``today``, the day requests are judged
    overdue on, is Ivanovo's today unless told)."""
    areas = (
        Area.objects.filter(version=round_.version_id)
        .annotate(n=Count("criteria"))
        .order_by("position", "pk")
    )
    area_counts = [Tally(str(area), area.n) for area in areas]
    observations = round_.observations.submitted()
    by_status = dict(observations.values_list("status").annotate(n=Count("pk")))
    by_channel = dict(observations.values_list("channel").annotate(n=Count("pk")))
    members = list(round_.memberships.select_related("user").order_by("pk"))
    return Methodology(
        round=round_,
        areas=area_counts,
        criteria=sum(area.count for area in area_counts),
        monitors=people(members, Membership.Role.MONITOR),
        coordinator=people(members, Membership.Role.COORDINATOR),
        observations=sum(by_status.values()),
        by_status=[
            Tally(label, by_status.get(value, 0))
            for value, label in Observation.Status.choices
            if value != Observation.Status.DRAFT
        ],
        by_channel=[Tally(label, by_channel.get(value, 0)) for value, label in Channel.choices],
        settlements=observations.values("settlement").distinct().count(),
        requests=request_figures(round_, today=today),
        agreement=agreement(round_),
        replies=reply_figures(round_),
    )


def people(members, role):
    """The members in ``role``: names only of those who consented (``name_public``)."""
    members = [member for member in members if member.role == role]
    names = [str(member.user) for member in members if member.name_public]
    return People(names=names, unnamed=len(members) - len(names))


def request_figures(round_, *, today=None):
    """The round's requests counted by how they were answered. The statutory deadline of each
    depends on its clarification and extension (``deadlines``), so it is computed per request."""
    today = today or timezone.localdate()
    outcomes = Counter(_outcome(request, today) for request in round_.requests.all())
    return Requests(total=sum(outcomes.values()), **{key: outcomes[key] for key in OUTCOMES})


OUTCOMES = ("on_time", "late", "no_answer", "overdue", "pending")


def _outcome(request, today: date):
    Answer = InformationRequest.Answer
    if request.answer == Answer.NONE:
        return "no_answer"
    if request.answer == Answer.PENDING:
        return "overdue" if is_overdue(request, today=today) else "pending"
    late = request.answered_on is not None and request.answered_on > request_deadline(request)
    return "late" if late else "on_time"


def reply_figures(round_):
    """The verified findings of the round and the municipality's replies to them, a reply after
    the round's deadline (a day in Ivanovo) counting as late."""
    deadline = round_.reply_deadline
    late = Q(reply__answered_at__date__gt=deadline) if deadline else Q(pk__in=[])
    figures = round_.observations.verified().aggregate(
        findings=Count("pk"),
        replied=Count("reply"),
        late=Count("reply", filter=late),
    )
    return Replies(
        findings=figures["findings"],
        on_time=figures["replied"] - figures["late"],
        late=figures["late"],
        missing=figures["findings"] - figures["replied"],
    )
