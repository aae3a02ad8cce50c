"""Where the campaign used participation methods, for the toolkit's "used here" (registered with
``ivanovo_portal.cases``): the round table and the conference once held, with their attendance
by stakeholder group as the meetings publish it and the recommendations presented there."""

from django.utils import timezone
from django.utils.translation import gettext, ngettext

from ivanovo_portal.cases import Case, Tally, count_figure, recommendation_tallies
from ivanovo_portal.meetings.models import Meeting
from ivanovo_portal.meetings.selectors import public_attendance

from .events import public_events
from .models import Event

# The toolkit's method for each kind of event.
METHODS = {Meeting.Kind.ROUND_TABLE: "round-table", Meeting.Kind.CONFERENCE: "conference"}


def _outcome(event, tally):
    parts = []
    if event.summary_published_at:
        parts.append(gettext("A summary of the event is published."))
    if tally.made:
        parts.append(
            ngettext(
                "%(n)d recommendation presented.", "%(n)d recommendations presented.", tally.made
            )
            % {"n": tally.made}
        )
    return " ".join(parts)


def _case(event, counts, tally):
    meeting = event.meeting
    return Case(
        key=meeting.slug,
        method=METHODS[meeting.kind],
        title=meeting.title,
        issue=meeting.summary or meeting.title,
        places=(meeting.settlement.display_name if meeting.settlement else meeting.venue,),
        starts_on=timezone.localdate(meeting.starts_at),
        ends_on=timezone.localdate(meeting.ends_at),
        participants=counts.total if counts else None,
        by_group=tuple(count_figure(line.label, line.count) for line in counts.by_group)
        if counts
        else (),
        outcome=_outcome(event, tally),
        what_changed=tally.what_changed,
        url=event.get_absolute_url(),
        recommendations=tally.made,
    )


def event_cases():
    """The round tables and conferences held (not cancelled) as cases, their attendance once
    the meeting is closed: a fixed number of queries however many."""
    events = list(
        public_events()
        .filter(meeting__kind__in=list(METHODS), meeting__starts_at__lte=timezone.now())
        .exclude(meeting__status=Meeting.Status.CANCELLED)
    )
    attendance = public_attendance()
    tallies = recommendation_tallies(Event, [event.pk for event in events])
    return [
        _case(event, attendance.of(event.meeting), tallies.get(event.pk, Tally()))
        for event in events
    ]


def register():
    """Called from ``CampaignConfig.ready()``."""
    from ivanovo_portal.cases import Provider, cases

    cases.register("campaign", Provider(tuple(METHODS.values()), event_cases))
