"""Reads of the campaign's events — the round table and the conference — for their public pages
and the staff's screens, and their registrations in the kernel (``register()``, called from the
app's ``ready()``): the event as a source of recommendations, the audit history's words."""

from dataclasses import dataclass

from django.db.models import Count, Q

from ivanovo_portal.meetings import listings
from ivanovo_portal.meetings.certificates import certified
from ivanovo_portal.meetings.models import Meeting
from ivanovo_portal.meetings.selectors import public_attendance
from ivanovo_portal.recommendations.models import Recommendation

from .models import Event

# The kinds of meeting the campaign holds as its own events.
EVENT_KINDS = (Meeting.Kind.ROUND_TABLE, Meeting.Kind.CONFERENCE)


def public_events():
    """The events whose meeting is public, the latest first, with their meeting and place."""
    return (
        Event.objects.filter(meeting__in=Meeting.objects.public())
        .select_related("meeting__settlement")
        .order_by("-meeting__starts_at", "-pk")
    )


def event_for_page(slug):
    """The event of the meeting at ``slug`` with what its page shows — the meeting's programme,
    speakers and public materials, the photos — or None."""
    meeting = listings.meeting_page(slug)
    if meeting is None:
        return None
    event = Event.objects.filter(meeting=meeting).prefetch_related("photos").first()
    if event is None:
        return None
    # The page reads the meeting as loaded above, with its places taken and prefetches.
    event.meeting = meeting
    return event


@dataclass
class After:
    """What the event's page shows once it has been held."""

    recommendations: list
    attendance: object  # the meeting's public ``Counts``, None until it is closed


def after_the_event(event, *, with_drafts=False):
    """The recommendations presented at ``event`` (drafts too, for those who write them) and its
    attendance by group and settlement as the public reads it."""
    recommendations = Recommendation.objects.from_source(event)
    if not with_drafts:
        recommendations = recommendations.public()
    return After(
        list(recommendations.order_by("number").prefetch_related("settlements")),
        public_attendance().of(event.meeting),
    )


def staff_events():
    """Every event, the latest first, with its meeting and how many photos it has."""
    return (
        Event.objects.select_related("meeting")
        .annotate(photo_count=Count("photos"))
        .order_by("-meeting__starts_at", "-pk")
    )


def meetings_without_event():
    """Round tables and conferences that have no event page yet, for staff to give one."""
    return Meeting.objects.filter(kind__in=EVENT_KINDS, campaign_event__isnull=True).order_by(
        "-starts_at", "pk"
    )


def certificate_counts(event):
    """``{"earned", "sent", "due"}``: the certificates of ``event``'s attendees, those e-mailed,
    and those still to e-mail (to attendees who gave an address)."""
    attendance = certified().filter(meeting=event.meeting)
    return attendance.aggregate(
        earned=Count("pk"),
        sent=Count("pk", filter=Q(certificate_sent_at__isnull=False)),
        due=Count("pk", filter=Q(certificate_sent_at__isnull=True) & ~Q(registration__email="")),
    )


def register():
    """The event as a source of recommendations (those presented there, public with the event's
    page) and the words of its audit history; called from ``CampaignConfig.ready()``."""
    from ivanovo_portal.audit.registry import actions
    from ivanovo_portal.project import Activity
    from ivanovo_portal.recommendations import sources

    from .services.events import ACTIONS

    sources.register(Event, is_public=Event.is_public, activity=Activity.CAMPAIGN)
    for code, label in ACTIONS:
        actions.register(code, label)
