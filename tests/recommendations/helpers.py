"""Bring recommendations to any stage through the services, as people would."""

import io
from datetime import date

from django.core.files.uploadedfile import SimpleUploadedFile
from pypdf import PdfWriter

from ivanovo_portal import uploads
from ivanovo_portal.project import Activity
from ivanovo_portal.recommendations import letters, services
from ivanovo_portal.recommendations.models import Recommendation

LETTER_DATE = date(2023, 6, 2)
FILED_ON = date(2023, 6, 5)


def write(user, title="Изнесени приемни на кмета в селата", **fields):
    fields.setdefault("text", "Кметът да провежда приемни дни в селата веднъж месечно.")
    fields.setdefault("rationale", "Възрастните жители трудно пътуват до Иваново.")
    fields.setdefault("activity", Activity.SURVEYS)
    return services.create_recommendation(user=user, title=title, **fields)


def approved(user, **fields):
    return services.approve(write(user, **fields), user=user, date=date(2023, 5, 25))


_letters = iter(range(1, 10_000))


def prepared(user, *recommendations, **fields):
    """A letter, not filed yet, carrying ``recommendations`` (or one new approved one)."""
    recommendations = recommendations or (approved(user, **fields),)
    return letters.prepare_letter(
        recommendations,
        outgoing_number=f"{next(_letters)}",
        outgoing_date=LETTER_DATE,
        user=user,
    )


def filed(user, submission=None, registry_number="94-00-312", **fields):
    """A letter filed on 5 June 2023, entered in the registry that day unless told otherwise."""
    submission = submission or prepared(user, **fields)
    return letters.file_letter(
        submission, filed_on=FILED_ON, registry_number=registry_number, user=user
    )


def at_status(status, user, **fields):
    """A recommendation brought to ``status`` through the services, as people would."""
    Status = Recommendation.Status
    if status == Status.DRAFT:
        return write(user, **fields)
    if status == Status.APPROVED:
        return approved(user, **fields)
    if status == Status.IN_LETTER:
        return prepared(user, **fields).recommendations.get()
    submission = filed(user, **fields)
    recommendation = submission.recommendations.get()
    if status == Status.FILED:
        return recommendation
    decision = "" if status == Status.ANSWERED else status
    if status == Status.IMPLEMENTED:
        decision = Status.ACCEPTED
    recommendation = services.record_response(
        recommendation,
        text="Общината приема препоръката.",
        date=date(2023, 6, 28),
        reference="94-00-312-1",
        decision=decision,
        user=user,
    )
    if status == Status.IMPLEMENTED:
        recommendation = services.record_progress(recommendation, progress=100, user=user)
    return recommendation


def refused(client, url, data, form="form"):
    """Post ``data`` to ``url``, which must send its page back (200) rather than go on: the errors
    of the page's ``form`` and the page's text."""
    response = client.post(url, data)
    assert response.status_code == 200
    return response.context[form].errors, response.content.decode()


def timeline_kinds(recommendation):
    """The kinds of a recommendation's timeline entries, in order."""
    return list(recommendation.timeline.values_list("kind", flat=True))


def _blank_pdf():
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


PDF = _blank_pdf()


def checked_pdf(name="scan.pdf"):
    """A one-page PDF as the upload service hands it to the services."""
    return uploads.checked(SimpleUploadedFile(name, PDF))
