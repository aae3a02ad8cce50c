"""Certificates of attendance: a document kind whose source is the ``Attendance`` row of someone
checked in. Only a registrant checked in at a meeting that gives certificates earns one, once the
meeting is closed and its attendance final: never someone who registered and did not come, nor a
walk-in or a line of the signed sheet typed in without a registration (there is no code to
download it with). The certificate is e-mailed once (``emails.send_certificate``) with the link
that downloads it with the registration code (``views.certificates``); the PDF is rendered by the
documents pipeline the first time it is asked for.
"""

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from ivanovo_portal.documents.pdf import render_pdf

from . import ics
from .models import Attendance, Meeting

CERTIFICATE_KIND = "meetings.certificate"


def certified():
    """Attendance that earns a certificate: registrants checked in at a closed meeting, held,
    that gives certificates."""
    return Attendance.objects.filter(
        registration__isnull=False,
        meeting__certificates=True,
        meeting__closed_at__isnull=False,
    ).exclude(meeting__status__in=(Meeting.Status.DRAFT, Meeting.Status.CANCELLED))


def title_of(attendance):
    """The document's title, in the portal's language: whose certificate, of which meeting."""
    with translation.override(settings.LANGUAGE_CODE):
        return gettext("Certificate of attendance: %(name)s, %(meeting)s") % {
            "name": attendance.name,
            "meeting": attendance.meeting.title,
        }


def render_certificate_pdf(attendance) -> bytes:
    """The certificate of ``attendance`` as PDF bytes, in Bulgarian: the name, the meeting, its
    date and place, and who gives it."""
    meeting = attendance.meeting
    context = {"attendance": attendance, "meeting": meeting, "where": ics.location(meeting)}
    return render_pdf("meetings/pdf/certificate.html", {**context, "lang": "bg"})


def register():
    """Register the certificate's document kind: private, seen by staff and by its holder
    through the code."""
    from ivanovo_portal.documents.registry import DocumentKind, as_pdf, kinds

    kinds.register(
        CERTIFICATE_KIND,
        DocumentKind(label=_("Certificate of attendance"), renderer=as_pdf(render_certificate_pdf)),
    )
