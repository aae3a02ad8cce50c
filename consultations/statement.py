"""Reads of the справка: every published proposal with its decision, the counts by decision and
by channel, when it is due and whether it is late, and what still keeps it from being published."""

from dataclasses import dataclass, field
from datetime import date

from django.db.models import Count, F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from ivanovo_portal.accounts.awaiting import Item, Section

from .documents import Period
from .models import Comment, Consultation

Decision = Comment.Decision


def publish_refusal(consultation):
    """Why the справка of ``consultation`` cannot be published now, or "": after the comment
    period, with every published proposal decided and none awaiting moderation."""
    if not consultation.is_public():
        return _("The consultation is not published.")
    if Period.of(consultation).state != "closed":
        return _("The справка is published after the comment period, which closes on %(date)s.") % {
            "date": consultation.closes_on.strftime("%d.%m.%Y")
        }
    comments = consultation.comments
    pending = comments.filter(status=Comment.Status.PENDING).count()
    if pending:
        return ngettext(
            "%(count)d comment still awaits moderation.",
            "%(count)d comments still await moderation.",
            pending,
        ) % {"count": pending}
    undecided = comments.published().filter(decision=Decision.NONE).count()
    if undecided:
        return ngettext(
            "%(count)d proposal has no decision yet.",
            "%(count)d proposals have no decision yet.",
            undecided,
        ) % {"count": undecided}
    return ""


@dataclass
class Due:
    """When the справка must be public: ``late`` once that day has passed without it."""

    due_on: date | None
    published_at: object = None

    @property
    def late(self):
        return (
            self.published_at is None
            and self.due_on is not None
            and self.due_on < timezone.localdate()
        )


def due_of(consultation):
    """The due date of ``consultation``'s справка and whether it is late."""
    return Due(consultation.statement_due_on, consultation.statement_published_at)


@dataclass
class Line:
    value: str
    label: str
    count: int


@dataclass
class Statement:
    consultation: object
    proposals: list
    by_decision: list = field(default_factory=list)
    by_channel: list = field(default_factory=list)
    due: Due | None = None
    refusal: str = ""

    @property
    def published(self):
        return self.consultation.statement_published_at is not None

    @property
    def undecided(self):
        return [proposal for proposal in self.proposals if not proposal.decision]


def proposals_of(consultation):
    """The published proposals of ``consultation`` in the справка's order: those on the whole
    document first, then by section, each in the order received."""
    return list(
        consultation.comments.published()
        .select_related("section", "meeting__meeting__settlement", "settlement", "group")
        .order_by(
            F("section__version__number").asc(nulls_first=True),
            F("section__position").asc(nulls_first=True),
            "created_at",
            "pk",
        )
    )


def _counts(proposals, name, choices):
    """Published proposals counted by ``name``, every choice listed (zeros too)."""
    counted = dict(
        proposals.order_by().values_list(name).annotate(n=Count("pk")).values_list(name, "n")
    )
    return [Line(value, label, counted.get(value, 0)) for value, label in choices]


def statement_of(consultation):
    """The справка of ``consultation``: the public one once published, else the working copy
    with what still keeps it from being published."""
    published = consultation.comments.published()
    return Statement(
        consultation=consultation,
        proposals=proposals_of(consultation),
        by_decision=_counts(published, "decision", Comment.Decision.choices),
        by_channel=_counts(published, "channel", Comment.Channel.choices),
        due=due_of(consultation),
        refusal="" if consultation.statement_published_at else publish_refusal(consultation),
    )


def statements_to_publish(user):
    """The справки of the consultations whose comment period is over, not yet published, the
    earliest due first, each with its proposals still without a decision."""
    undecided = Q(comments__status=Comment.Status.PUBLISHED, comments__decision=Decision.NONE)
    consultations = (
        Consultation.objects.public()
        .filter(statement_published_at__isnull=True, closes_on__lt=timezone.localdate())
        .annotate(undecided=Count("comments", filter=undecided))
        .order_by(F("statement_due_on").asc(nulls_last=True), "pk")
    )
    return [
        Item(
            title=consultation.title,
            url=reverse("consultations:statement", args=[consultation.slug]),
            detail=ngettext(
                "%(count)d proposal without a decision",
                "%(count)d proposals without a decision",
                consultation.undecided,
            )
            % {"count": consultation.undecided},
            due=consultation.statement_due_on,
            overdue=due_of(consultation).late,
        )
        for consultation in consultations
    ]


STATEMENTS_TO_PUBLISH = Section(
    title=_("Справки to publish"),
    permission="consultations.view_comment",
    items=statements_to_publish,
    description=_(
        "Consultations whose comment period is over: every proposal needs its decision before "
        "the справка is published, by its due date."
    ),
)
