"""The printable sign-in sheet of a meeting (a document kind registered in ``apps.py``, its source
the meeting): the confirmed registrants printed with their settlement and group, then empty rows
for those who come without registering, and a column to sign. Staff type the signed sheet back in
(``services.attendance.type_in_sheet``)."""

from ivanovo_portal.documents.pdf import render_pdf

from .selectors import sheet_registrants

SIGN_IN_SHEET_KIND = "meetings.sign_in_sheet"
# Empty rows after the registrants, for walk-ins; the typing-in page has as many lines.
EMPTY_ROWS = 15


def render_sign_in_sheet_pdf(meeting) -> bytes:
    """The sign-in sheet of ``meeting`` as PDF bytes, in Bulgarian."""
    registrants = sheet_registrants(meeting)
    return render_pdf(
        "meetings/attendance/pdf/sign_in_sheet.html",
        {
            "meeting": meeting,
            "registrants": registrants,
            "empty_rows": range(len(registrants) + 1, len(registrants) + EMPTY_ROWS + 1),
            "lang": "bg",
        },
    )
