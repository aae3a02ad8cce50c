"""A certificate of attendance downloaded with the registration code, from the link in its
e-mail: the PDF for a registrant checked in at a closed meeting that gives certificates, a
refusal for any other code."""

from django.shortcuts import render
from django.views.decorators.cache import never_cache

from ivanovo_portal.documents.selectors import document_of
from ivanovo_portal.documents.services import request_document
from ivanovo_portal.uploads import serve_private

from ..certificates import CERTIFICATE_KIND, certified, title_of
from ..services.attendance import normalised_code


def _get_attendance_for_code(code):
    """The attendance with a certificate of the holder of ``code`` (as typed), or None: no such
    code, or its holder did not come, or the meeting gives no certificate (yet)."""
    return (
        certified()
        .filter(registration__code=normalised_code(code))
        .select_related("meeting", "registration")
        .first()
    )


@never_cache
def certificate(request, code):
    """The PDF; rendered the first time it is asked for (at once where tasks run in the web
    process, else in a moment: the page says so and links here again)."""
    attendance = _get_attendance_for_code(code)
    if attendance is None:
        return render(request, "meetings/certificate_refused.html", {"code": code}, status=404)
    document = document_of(attendance, CERTIFICATE_KIND)
    if document is None or document.is_retryable:
        document = request_document(attendance, CERTIFICATE_KIND, title=title_of(attendance))
        document.refresh_from_db()
    if not document.is_available:
        return render(
            request,
            "meetings/certificate_preparing.html",
            {"attendance": attendance, "meeting": attendance.meeting, "code": code},
        )
    return serve_private(
        document.file, document.download_filename, content_type=document.media_type
    )
