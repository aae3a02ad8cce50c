"""Consultation reports: on one meeting or on the whole consultation, as staff choose; written as
a draft, published, taken back to a draft. Their recommendations are written on the register's
pages with the report as their source (``urls/reports.py``). Each operation is one
transaction."""

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from ivanovo_portal import slugs
from ivanovo_portal.audit.services import changed, log_action, tracked
from ivanovo_portal.documents.services import request_document
from ivanovo_portal.publishing import set_published
from ivanovo_portal.refusals import Refused

from ..models import ConsultationReport
from ..reports_pdf import REPORT_KIND

REPORT_FIELDS = ("title", "summary", "conclusions")


def _check_meeting(consultation, meeting):
    if meeting is not None and meeting.consultation_id != consultation.pk:
        raise Refused(_("Choose a meeting of this consultation."), "meeting")


def _check_title(fields):
    if "title" in fields and not fields["title"].strip():
        raise Refused(_("Give the report a title."), "title")


@transaction.atomic
def create_report(consultation, *, user, meeting=None, **fields):
    """Start a draft report on ``meeting`` (a ``ConsultationMeeting``) or, without one, on the
    whole consultation; its address is made from the title."""
    _check_meeting(consultation, meeting)
    fields = _known(fields)
    _check_title({"title": fields.get("title", "")})
    report = ConsultationReport.objects.create(
        consultation=consultation,
        meeting=meeting,
        created_by=user,
        slug=report_slug(fields["title"]),
        **fields,
    )
    log_action(report, "consultations.report_created", user=user)
    return report


def report_slug(title, *, exclude=None):
    """An address made from ``title`` that no other consultation report uses."""
    others = ConsultationReport.objects.all()
    if exclude is not None:
        others = others.exclude(pk=exclude.pk)
    return slugs.unique_slug(title, others, fallback="report")


@transaction.atomic
def update_report(report, *, user, **fields):
    """Change the texts of a draft report; a published one is taken back to a draft first."""
    _lock(report)
    if report.is_public():
        raise Refused(_("A published report is not changed: take it back to a draft to edit it."))
    fields = _known(fields)
    _check_title(fields)
    before = tracked(report, REPORT_FIELDS)
    title = fields.get("title", report.title)
    # Until the report is first published its address follows its title: nobody has it yet.
    if report.published_at is None and title != report.title:
        report.slug = report_slug(title, exclude=report)
    for name, value in fields.items():
        setattr(report, name, value)
    report.save()
    log_action(report, "consultations.report_changed", user=user, changes=changed(before, report))
    return report


def _lock(report):
    ConsultationReport.objects.select_for_update().only("pk").get(pk=report.pk)
    report.refresh_from_db()


def _known(fields):
    unknown = set(fields) - set(REPORT_FIELDS)
    if unknown:
        raise TypeError(f"Not a report field: {', '.join(sorted(unknown))}")
    return fields


def publish_refusal(report):
    """Why ``report`` cannot be published now, or "": the consultation must be public, a
    meeting's report needs the meeting's minutes published, and every report its conclusions."""
    if not report.consultation.is_public():
        return _("Publish the consultation first: its reports are public only with it.")
    if report.meeting is not None and report.meeting.minutes_published_at is None:
        return _("Publish the minutes of the meeting first: the report refers to them.")
    if not report.conclusions.strip():
        return _("Write the conclusions before publishing the report.")
    return ""


@transaction.atomic
def publish(report, *, user):
    """Make the report public, dated now, and render its PDF afresh so that no draft's PDF goes
    public."""
    _lock(report)
    if report.is_public():
        return report
    refusal = publish_refusal(report)
    if refusal:
        raise Refused(refusal)
    set_published(report, True, user=user, action="consultations.report_published")
    request_report_pdf(report, user=user)
    return report


@transaction.atomic
def unpublish(report, *, user):
    """Take the report back to a draft, hidden from the public and open to changes."""
    _lock(report)
    if not report.is_public():
        return report
    set_published(report, False, user=user, action="consultations.report_unpublished")
    return report


def request_report_pdf(report, *, user):
    """Queue (again) the rendering of the report's PDF."""
    return request_document(report, REPORT_KIND, user=user, title=report.title)
