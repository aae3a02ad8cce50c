"""Invitation slips: a PDF of cut-out slips, each with a single-use code and a QR code that opens
the questionnaire with the code filled in. Staff print one batch's slips and hand them out."""

import segno
from django.conf import settings
from django.db.models import Count, Prefetch, Q
from django.urls import reverse
from django.utils import translation
from django.utils.http import urlencode

from ivanovo_portal.documents.models import GeneratedDocument
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


def batches_of(questionnaire):
    """The questionnaire's batches, newest first, each with its codes counted (``total``,
    ``used``) and its slips' document, if any (``slips``): three queries."""
    batches = list(
        questionnaire.invitation_batches.annotate(
            total=Count("codes"), used=Count("codes", filter=Q(codes__used_on__isnull=False))
        )
        .order_by("-created_at", "-pk")
        .prefetch_related(
            Prefetch(
                "documents",
                queryset=GeneratedDocument.objects.filter(kind=INVITATION_SLIPS_KIND),
                to_attr="slips_documents",
            )
        )
    )
    for batch in batches:
        batch.slips = next(iter(batch.slips_documents), None)
    return batches


def render_invitation_slips_pdf(batch) -> bytes:
    """Slips for the unused codes of ``batch``, ten to an A4 page: codes used since the batch
    was made are left out, and no other batch's codes are printed again."""
    questionnaire = batch.questionnaire
    codes = batch.codes.filter(used_on__isnull=True).order_by("code")
    slips = [
        {
            "display_code": f"{invitation.code[:4]}-{invitation.code[4:]}",
            "qr": qr_data_uri(answer_url(questionnaire, invitation.code)),
        }
        for invitation in codes
    ]
    return render_pdf(
        "surveys/paper/invitation_slips.html",
        {
            "questionnaire": questionnaire,
            "batch": batch,
            "slips": slips,
            "url": answer_url(questionnaire),
            "lang": "bg",
        },
    )
