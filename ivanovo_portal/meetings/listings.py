"""Reads for the meetings' pages: the public list (coming first, then past), one meeting's page
with its programme, speakers and public materials, and staff's lists, each in a fixed number of
queries however many meetings there are."""

import django_filters
from django.db.models import Case, Count, F, IntegerField, Prefetch, Q, When
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ivanovo_portal import uploads
from ivanovo_portal.places.models import Settlement

from .models import Material, Meeting, ProgrammeItem, Registration

# How a stored material's media type is named to people.
FILE_TYPES = {kind.content_type: kind.label for kind in (*uploads.DOCUMENT_TYPES, uploads.WEBP)}


class MeetingFilter(django_filters.FilterSet):
    """The list's filters, a plain GET form that works without JavaScript."""

    settlement = django_filters.ModelChoiceFilter(
        label=_("Settlement"), queryset=Settlement.objects.all(), empty_label=_("All settlements")
    )
    kind = django_filters.ChoiceFilter(
        label=_("Kind of meeting"), choices=Meeting.Kind.choices, empty_label=_("All kinds")
    )

    class Meta:
        model = Meeting
        fields = ["settlement", "kind"]


def with_places(meetings):
    """``meetings`` with the number of confirmed registrations on each (``taken``)."""
    confirmed = Q(registrations__status=Registration.Status.CONFIRMED)
    return meetings.annotate(taken=Count("registrations", filter=confirmed))


def public_meetings(now=None):
    """Every public meeting, those still to come or under way first (soonest first), then those
    held (latest first); ``is_past`` says which."""
    now = now or timezone.now()
    meetings = with_places(Meeting.objects.public().select_related("settlement"))
    return meetings.annotate(
        is_past=Case(When(ends_at__lt=now, then=1), default=0, output_field=IntegerField())
    ).order_by(
        "is_past",
        Case(When(is_past=0, then=F("starts_at"))).asc(),
        F("starts_at").desc(),
        "pk",
    )


def places_left(meeting):
    """Places still free on a meeting annotated by :func:`with_places`; None without a limit."""
    if meeting.capacity is None:
        return None
    return max(meeting.capacity - meeting.taken, 0)


def meeting_page(slug):
    """The meeting at ``slug`` with what its page shows: the programme with its speakers, the
    speakers, the public materials. None if there is none (drafts included: the view decides)."""
    return (
        with_places(Meeting.objects.filter(slug=slug))
        .select_related("settlement")
        .prefetch_related(
            Prefetch(
                "programme",
                queryset=ProgrammeItem.objects.prefetch_related("speakers"),
            ),
            "speakers",
            Prefetch(
                "materials",
                queryset=Material.objects.filter(is_public=True),
                to_attr="public_materials",
            ),
        )
        .first()
    )


def registration_state(meeting, now=None):
    """Whether the meeting takes registrations now: ``open``, ``not_yet`` (before its window),
    ``closed`` (after it, or the meeting started), or ``none`` (not scheduled)."""
    now = now or timezone.now()
    if meeting.status != Meeting.Status.SCHEDULED:
        return "none"
    if meeting.registration_opens_at and now < meeting.registration_opens_at:
        return "not_yet"
    if now >= (meeting.registration_closes_at or meeting.starts_at):
        return "closed"
    return "open"


def duration(meeting):
    """How long the meeting lasts, as a person says it: “2 h”, “1 h 30 min”, “45 min”."""
    minutes = int((meeting.ends_at - meeting.starts_at).total_seconds() // 60)
    hours, minutes = divmod(minutes, 60)
    if hours and minutes:
        return _("%(hours)s h %(minutes)s min") % {"hours": hours, "minutes": minutes}
    if hours:
        return _("%(hours)s h") % {"hours": hours}
    return _("%(minutes)s min") % {"minutes": minutes}


def staff_meetings():
    """Every meeting, drafts included, latest first, with its registrations counted."""
    waiting = Q(registrations__status=Registration.Status.WAITING)
    return (
        with_places(Meeting.objects.select_related("settlement"))
        .annotate(waiting=Count("registrations", filter=waiting))
        .order_by("-starts_at", "-pk")
    )


def registrants(meeting):
    """The meeting's registrations for staff, in the order they came."""
    return meeting.registrations.select_related("settlement", "group", "entered_by").order_by(
        "created_at", "pk"
    )
