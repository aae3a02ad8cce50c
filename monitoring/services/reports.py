"""Monitoring reports: composing one for a round, publishing it once the round is published,
taking it back to a draft; each operation is one transaction. What a report shows is in
``monitoring.report_content``, its PDF in ``monitoring.pdf``."""

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from ivanovo_portal import slugs
from ivanovo_portal.documents.services import request_document
from ivanovo_portal.publishing import set_published
from ivanovo_portal.refusals import Refused

from ..models import MonitoringReport, Round
from ..pdf import REPORT_KIND

REPORT_FIELDS = ("title", "summary", "methodology_note", "findings", "conclusions")
# What the history shows changing when a report is published or taken back.


@transaction.atomic
def create_report(round_, *, user, **fields):
    """Start the draft report of ``round_``, its address made from the title; a round has one
    report."""
    round_ = Round.objects.select_for_update().get(pk=round_.pk)
    if MonitoringReport.objects.filter(round=round_).exists():
        raise Refused(_("The round has a report already: edit that one."))
    fields = _known(fields)
    return MonitoringReport.objects.create(
        round=round_, created_by=user, slug=report_slug(fields.get("title", "")), **fields
    )


def report_slug(title, *, exclude=None):
    """An address made from ``title`` that no other monitoring report uses."""
    others = MonitoringReport.objects.all()
    if exclude is not None:
        others = others.exclude(pk=exclude.pk)
    return slugs.unique_slug(title, others, fallback="report")


@transaction.atomic
def update_report(report, *, user, **fields):
    """Change the texts of a draft report; a published one is taken back to a draft first, so
    that its page never differs from the PDF the public may have filed."""
    _lock(report)
    if report.is_public():
        raise Refused(_("A published report is not changed: take it back to a draft to edit it."))
    fields = _known(fields)
    title = fields.get("title", report.title)
    # Until the report is first published its address follows its title: nobody has it yet.
    if report.published_at is None and title != report.title:
        report.slug = report_slug(title, exclude=report)
    for name, value in fields.items():
        setattr(report, name, value)
    report.save()
    return report


def _lock(report):
    """Lock the report's row and read it afresh into ``report``, which the caller holds."""
    MonitoringReport.objects.select_for_update().only("pk").get(pk=report.pk)
    report.refresh_from_db()


def _known(fields):
    unknown = set(fields) - set(REPORT_FIELDS)
    if unknown:
        raise TypeError(f"Not a report field: {', '.join(sorted(unknown))}")
    return fields


def publish_refusal(report):
    """Why ``report`` cannot be published now, or "": only the report of a published round is,
    as its findings and scores are final only then."""
    if not report.round.is_public():
        return _(
            "The report is published only after its round: publish the round “%(round)s” first."
        ) % {"round": report.round.title}
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
    set_published(report, True, user=user, action="monitoring.report_published")
    request_report_pdf(report, user=user)
    return report


@transaction.atomic
def unpublish(report, *, user):
    """Take the report back to a draft, hidden from the public and open to changes."""
    _lock(report)
    if not report.is_public():
        return report
    set_published(report, False, user=user, action="monitoring.report_unpublished")
    return report


def request_report_pdf(report, *, user):
    """Queue (again) the rendering of the report's PDF."""
    return request_document(report, REPORT_KIND, user=user, title=report.title)
