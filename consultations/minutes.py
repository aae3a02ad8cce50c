"""Reads for the minutes of consultation meetings and for consultation reports: what the page,
the PDF and the staff's screens show, from one place so that they never differ.

Attendance is the meetings app's: the public reads the disclosure-controlled counts of closed
meetings (``public_attendance``), staff the exact ones (``counts_for``)."""

from dataclasses import dataclass, field

from django.db.models import Prefetch

from ivanovo_portal.meetings.selectors import counts_for, public_attendance

from .models import Comment, ConsultationMeeting, ConsultationReport, MinutesPhoto


def proposals_raised(consultation_meetings):
    """The published proposals raised at ``consultation_meetings``, by meeting pk, in order."""
    raised = {cm.pk: [] for cm in consultation_meetings}
    proposals = (
        Comment.objects.published()
        .filter(channel=Comment.Channel.MEETING, meeting__in=list(raised))
        .select_related("section", "settlement", "group")
    )
    for proposal in proposals:
        raised[proposal.meeting_id].append(proposal)
    return raised


@dataclass
class Minutes:
    consultation_meeting: ConsultationMeeting
    attendance: object  # meetings.selectors.Counts, or None before the meeting is closed
    proposals: list
    photos: list
    # Decisions are shown once the справка is public: until then they may still change.
    decisions_public: bool

    @property
    def meeting(self):
        return self.consultation_meeting.meeting

    @property
    def consultation(self):
        return self.consultation_meeting.consultation


def minutes_of(consultation_meeting, *, exact=False, attendance=None):
    """The minutes of one meeting: exact attendance for staff (``exact``), else the public
    counts (``attendance``, a ``PublicAttendance`` read once for many minutes)."""
    meeting = consultation_meeting.meeting
    counts = counts_for(meeting) if exact else (attendance or public_attendance()).of(meeting)
    return Minutes(
        consultation_meeting=consultation_meeting,
        attendance=counts,
        proposals=proposals_raised([consultation_meeting])[consultation_meeting.pk],
        photos=list(consultation_meeting.photos.all()),
        decisions_public=consultation_meeting.consultation.statement_published_at is not None,
    )


def consultation_meeting_for(consultation, meeting_slug):
    """The meeting at ``meeting_slug`` of ``consultation`` with what its minutes show, or None."""
    return (
        ConsultationMeeting.objects.filter(consultation=consultation, meeting__slug=meeting_slug)
        .select_related("meeting__settlement", "consultation")
        .prefetch_related(Prefetch("photos", queryset=MinutesPhoto.objects.order_by("pk")))
        .first()
    )


@dataclass
class ReportContent:
    report: object
    minutes: list  # Minutes of the meetings the report covers, with published minutes
    recommendations: list
    people: int = 0  # who came to those meetings, a total the meetings app publishes anyway
    groups: list = field(default_factory=list)  # the stakeholder groups' names, in order


def report_content(report, *, with_drafts=False):
    """The report with what it shows: one meeting's minutes or those of every meeting of the
    consultation whose minutes are published, and its recommendations — those the register has
    made public, or all of them for those who write them (``with_drafts``)."""
    consultation_meetings = (
        [report.meeting]
        if report.meeting_id
        else list(
            report.consultation.consultation_meetings.filter(
                minutes_published_at__isnull=False
            ).select_related("meeting__settlement", "consultation")
        )
    )
    attendance = public_attendance()
    raised = proposals_raised(consultation_meetings)
    decisions_public = report.consultation.statement_published_at is not None
    minutes = [
        Minutes(cm, attendance.of(cm.meeting), raised[cm.pk], [], decisions_public)
        for cm in consultation_meetings
    ]
    recommendations = report.recommendations.order_by("number").prefetch_related("settlements")
    if not with_drafts:
        recommendations = recommendations.public()
    groups = [line.label for line in attendance.total.by_group] if attendance.total else []
    return ReportContent(
        report=report,
        minutes=minutes,
        recommendations=list(recommendations),
        people=sum(m.attendance.total for m in minutes if m.attendance),
        groups=groups,
    )


def published_reports(consultation):
    """The consultation's published reports, the latest first, for its page."""
    return list(
        consultation.reports.filter(status=ConsultationReport.Status.PUBLISHED).order_by(
            "-published_at", "-pk"
        )
    )
