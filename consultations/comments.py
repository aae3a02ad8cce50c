"""Reads of the comments: what the public sees (published comments only, in every list and
count), the moderation queue that staff and officials read, and what awaits staff there."""

from django.db.models import Count, OuterRef, Q, Subquery
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from ivanovo_portal.accounts.awaiting import Item
from ivanovo_portal.accounts.awaiting import Section as AwaitingSection

from .models import Comment, Consultation, Section

Status = Comment.Status
QUEUE_ORDER = (Status.PENDING, Status.UNCONFIRMED, Status.PUBLISHED, Status.REJECTED)


def comments_by_section(consultation, version):
    """The published comments of the consultation's page showing ``version``, in one query:
    {section id or None (the whole document): [comments]}. A section gets those made on it in this
    version and on the section of the same key in earlier ones (``comment.section.version``
    tells which); comments on later versions or on sections since removed are left out."""
    same_key = Section.objects.filter(version=version, key=OuterRef("section__key"))
    comments = (
        Comment.objects.published()
        .filter(consultation=consultation)
        .filter(Q(section=None) | Q(section__version__number__lte=version.number))
        .annotate(shown_under=Subquery(same_key.values("pk")[:1]))
        .select_related("section__version", "settlement", "group", "meeting__meeting")
    )
    found = {None: []}
    for comment in comments:
        if comment.section is None or comment.shown_under is not None:
            found.setdefault(comment.shown_under, []).append(comment)
    return found


def status_counts(consultation):
    """How many of the consultation's comments are in each status, for staff and officials."""
    counts = Comment.objects.filter(consultation=consultation).aggregate(
        **{status: Count("pk", filter=Q(status=status)) for status in Status.values}
    )
    return [(status, Status(status).label, counts[status]) for status in QUEUE_ORDER]


def queue(consultation, status):
    """The consultation's comments in ``status``, oldest first, with what the queue shows."""
    return (
        Comment.objects.filter(consultation=consultation, status=status)
        .select_related("section", "settlement", "group", "entered_by", "moderated_by")
        .order_by("created_at", "pk")
    )


def comment_for_reader(pk):
    """A comment with all that its moderation page shows, or None."""
    return (
        Comment.objects.select_related(
            "consultation",
            "section__version",
            "settlement",
            "group",
            "meeting__meeting",
            "entered_by",
            "moderated_by",
        )
        .filter(pk=pk)
        .first()
    )


def comments_to_moderate(user):
    """The consultations with comments confirmed by their authors and awaiting moderation."""
    waiting = Consultation.objects.annotate(
        waiting=Count("comments", filter=Q(comments__status=Status.PENDING))
    ).filter(waiting__gt=0)
    return [
        Item(
            title=consultation.title,
            url=reverse("consultations:moderation", args=[consultation.slug]),
            detail=ngettext(
                "%(count)d comment awaits moderation",
                "%(count)d comments await moderation",
                consultation.waiting,
            )
            % {"count": consultation.waiting},
        )
        for consultation in waiting.order_by("closes_on", "pk")
    ]


COMMENTS_TO_MODERATE = AwaitingSection(
    title=_("Comments to moderate"),
    permission="consultations.moderate_comment",
    items=comments_to_moderate,
    description=_(
        "Comments their authors have confirmed, unseen by the public until they are published."
    ),
)
