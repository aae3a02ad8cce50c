"""Invitation slips: a PDF of cut-out slips, each with a single-use code and a QR code that opens
the questionnaire with the code filled in. Staff print it for a batch and hand the slips out."""

import segno
from django.conf import settings
from django.urls import reverse
from django.utils import translation
from django.utils.http import urlencode

from ivanovo_portal.documents.pdf import render_pdf

INVITATION_SLIPS_KIND = "surveys.invitation_slips"


def answer_url(questionnaire, code=""):
    """The address a slip sends its holder to, with the code filled in."""
    with translation.override(settings.LANGUAGE_CODE):
        path = reverse("surveys:detail", args=[questionnaire.slug])
    query = f"?{urlencode({'code': code})}" if code else ""
    return f"{settings.PORTAL_URL}{path}{query}"


def qr_data_uri(url):
    """A QR code of ``url`` as an SVG data URI, drawn in black on white for any printer."""
    return segno.make(url, error="m").svg_data_uri(scale=4, border=2)


def render_invitation_slips_pdf(questionnaire) -> bytes:
    """Slips for every unused code of ``questionnaire``, batch by batch, ten to an A4 page."""
    codes = questionnaire.invitations.filter(used_on__isnull=True).order_by("batch", "code")
    slips = [
        {
            "code": invitation.code,
            "display_code": f"{invitation.code[:4]}-{invitation.code[4:]}",
            "batch": invitation.batch,
            "qr": qr_data_uri(answer_url(questionnaire, invitation.code)),
        }
        for invitation in codes
    ]
    return render_pdf(
        "surveys/paper/invitation_slips.html",
        {
            "questionnaire": questionnaire,
            "slips": slips,
            "url": answer_url(questionnaire),
            "lang": "bg",
        },
    )
