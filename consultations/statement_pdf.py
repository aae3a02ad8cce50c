"""The справка as a document (its kind registered in ``apps.py``, listed in ``/publications/``
once published) and its pure renderer."""

from django.utils import translation

from ivanovo_portal.documents.pdf import render_pdf

from .statement import statement_of

STATEMENT_KIND = "consultations.statement"


def render_statement_pdf(consultation) -> bytes:
    """The справка of ``consultation`` as PDF bytes, in Bulgarian: every proposal with its
    decision and reasons, and the counts."""
    with translation.override("bg"):
        statement = statement_of(consultation)
    return render_pdf("consultations/statement/pdf/statement.html", {"statement": statement})
