"""Reads of the consultations and their documents for the public pages and the staff's screens:
a fixed number of queries however many consultations, sections or comments there are."""

from dataclasses import dataclass

from django.db.models import Count, Prefetch, Q
from django.utils import timezone

from ivanovo_portal.meetings.models import Meeting

from .comments import comments_by_section
from .models import Comment, Consultation, ConsultationMeeting, Version

PUBLISHED = Q(comments__status=Comment.Status.PUBLISHED)


@dataclass(frozen=True)
class Period:
    """Where a consultation's comment period stands today: ``upcoming``, ``open`` (the closing
    day included) or ``closed``; while open, ``days_left`` counts the closing day."""

    state: str
    days_left: int

    @classmethod
    def of(cls, consultation, today=None):
        today = today or timezone.localdate()
        if today < consultation.opens_on:
            return cls("upcoming", 0)
        if today <= consultation.closes_on:
            return cls("open", (consultation.closes_on - today).days + 1)
        return cls("closed", 0)

    @property
    def is_open(self):
        return self.state == "open"


def public_consultations():
    """Published consultations, those open or still to open as ``current`` and the closed ones as
    ``past``, each with its meetings and published comments counted and its ``period``."""
    consultations = list(
        Consultation.objects.public().annotate(
            meeting_count=Count("consultation_meetings", distinct=True),
            comment_count=Count("comments", filter=PUBLISHED, distinct=True),
        )
    )
    today = timezone.localdate()
    for consultation in consultations:
        consultation.period = Period.of(consultation, today)
    return {
        "current": [c for c in consultations if c.period.state != "closed"],
        "past": [c for c in consultations if c.period.state == "closed"],
    }


def consultations_for_staff():
    """Every consultation, drafts included, with its number of versions."""
    return Consultation.objects.annotate(version_count=Count("versions")).order_by(
        "status", "-opens_on", "-pk"
    )


def sections_of(version):
    """A version's sections in order, each with its published comments (``published_comments``,
    with who made them) and their count."""
    published = Comment.objects.published().select_related("settlement", "group")
    return list(
        version.sections.prefetch_related(
            Prefetch("comments", queryset=published, to_attr="published_comments")
        )
    )


def versions_of(consultation):
    return list(consultation.versions.all())


def meetings_of(consultation, *, with_drafts=False):
    """The consultation's meetings in the settlements, soonest first; drafts for staff only."""
    links = ConsultationMeeting.objects.filter(consultation=consultation)
    if not with_drafts:
        links = links.exclude(meeting__status=Meeting.Status.DRAFT)
    return list(links.select_related("meeting__settlement", "consultation"))


def consultation_page(consultation):
    """What the consultation's page shows: the latest version's sections, each with the published
    comments made on it in this version or an earlier one (``published_comments``), the comments
    on the whole document, the annexes, meetings and versions."""
    versions = versions_of(consultation)
    version = versions[-1] if versions else None
    sections = list(version.sections.all()) if version else []
    found = comments_by_section(consultation, version) if version else {None: []}
    for section in sections:
        section.published_comments = found.get(section.pk, [])
    return {
        "consultation": consultation,
        "period": Period.of(consultation),
        "version": version,
        "versions": versions,
        "sections": sections,
        "document_comments": found[None],
        "annexes": list(consultation.annexes.all()),
        "meetings": meetings_of(consultation),
    }


def version_of(consultation, number):
    """The version ``number`` of the consultation, or None."""
    return Version.objects.filter(consultation=consultation, number=number).first()
