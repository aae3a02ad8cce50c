"""The registry letter: the PDF that takes recommendations to the Mayor of Ivanovo municipality."""

from ivanovo_portal.documents.pdf import render_pdf

LETTER_KIND = "recommendations.letter"


def render_letter_pdf(submission) -> bytes:
    """The letter of a registry submission as PDF bytes, in Bulgarian as the registry reads it."""
    recommendations = submission.recommendations.order_by("number").prefetch_related("settlements")
    return render_pdf(
        "recommendations/pdf/letter.html",
        {"submission": submission, "recommendations": recommendations, "lang": "bg"},
    )
