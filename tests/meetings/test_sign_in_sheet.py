"""The printable sign-in sheet of a meeting, a document kind from the documents pipeline: the
confirmed registrants pre-printed, empty rows to fill, the meeting's details, tagged PDF/UA."""

import io
from datetime import date

import pytest
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext
from pypdf import PdfReader

from ivanovo_portal.documents.models import GeneratedDocument
from ivanovo_portal.documents.registry import kinds
from ivanovo_portal.meetings.models import Meeting, Registration
from ivanovo_portal.meetings.pdf import EMPTY_ROWS, SIGN_IN_SHEET_KIND, render_sign_in_sheet_pdf
from ivanovo_portal.places.models import Settlement, StakeholderGroup
from tests.documents.test_pdf_ua import (
    EMBLEM,
    declares_pdf_ua_1,
    descendants,
    figure_texts,
    structure,
)

from .conftest import at, build_meeting, register


def bg(text):
    with translation.override("bg"):
        return gettext(text)


def pdf_text(pdf):
    return " ".join(
        " ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages).split()
    )


def rows(reader):
    tables = [element for element in structure(reader) if element["/S"] == "/Table"]
    return [row for table in tables for row in descendants(table) if row["/S"] == "/TR"]


@pytest.fixture
def sheet_meeting(db):
    meeting = build_meeting(
        starts_at=at(date(2027, 3, 28), 18), ends_at=at(date(2027, 3, 28), 20), capacity=None
    )
    register(meeting, "Иван Петров")
    register(
        meeting,
        "Мария Колева",
        settlement=Settlement.objects.get(slug="krasen"),
        group=StakeholderGroup.objects.get(slug="ngos"),
    )
    register(meeting, "Чакаща Чакалова", status=Registration.Status.WAITING)
    register(meeting, "Отказал Се", status=Registration.Status.CANCELLED)
    return meeting


def test_the_sheet_prints_the_confirmed_registrants_with_settlement_and_group(sheet_meeting):
    text = pdf_text(render_sign_in_sheet_pdf(sheet_meeting))

    assert "1 Иван Петров Пиргово Граждани" in text
    assert "2 Мария Колева Красен Неправителствени организации" in text
    assert "Чакаща" not in text and "Отказал" not in text


def test_the_sheet_states_the_meeting_with_its_local_date_time_and_place(sheet_meeting):
    # The last Sunday of March 2027: summer time has begun, 18:00 in Sofia is 15:00 UTC.
    text = pdf_text(render_sign_in_sheet_pdf(sheet_meeting))

    assert sheet_meeting.title in text
    assert "28.03.2027" in text and "18:00–20:00" in text
    assert "Народно читалище „Светлина 1927“, с. Пиргово, ул. „Иван Вазов“ 2" in text
    assert bg("Signature") in text
    assert "Европейски съюз" in text
    assert "страница 1 от" in text


def test_the_sheet_has_empty_rows_after_the_registrants(sheet_meeting):
    reader = PdfReader(io.BytesIO(render_sign_in_sheet_pdf(sheet_meeting)))
    # Two registrants, then the empty rows, numbered on; the head row repeats on each page.
    cells = [
        [cell["/S"] for cell in descendants(row) if cell["/S"] in ("/TH", "/TD")]
        for row in rows(reader)
    ]
    assert cells.count(["/TD"] * 5) == 2 + EMPTY_ROWS
    assert cells[0] == ["/TH"] * 5
    text = pdf_text(render_sign_in_sheet_pdf(sheet_meeting))
    assert "Колева Красен Неправителствени организации 3 4 5" in text
    assert f" {1 + EMPTY_ROWS} {2 + EMPTY_ROWS} " in text


def test_a_long_sheet_runs_over_pages_numbered_x_of_y(db):
    meeting = build_meeting(capacity=None)
    for index in range(40):
        register(meeting, f"Участник Номер{index:02d}")
    text = pdf_text(render_sign_in_sheet_pdf(meeting))
    assert "Номер39" in text
    pages = len(PdfReader(io.BytesIO(render_sign_in_sheet_pdf(meeting))).pages)
    assert pages > 1
    assert f"страница 1 от {pages}" in text and f"страница {pages} от {pages}" in text


def test_the_sheet_is_tagged_with_language_title_and_table_headers(sheet_meeting):
    reader = PdfReader(io.BytesIO(render_sign_in_sheet_pdf(sheet_meeting)))

    catalog = reader.trailer["/Root"]
    assert catalog["/Lang"] == "bg"
    assert "/StructTreeRoot" in catalog
    assert catalog["/MarkInfo"]["/Marked"].value is True
    assert reader.metadata.title == f"{bg('Sign-in sheet')}: {sheet_meeting.title}"
    assert declares_pdf_ua_1(reader)
    assert figure_texts(reader) == [EMBLEM]


def test_the_sheet_is_a_registered_kind_seen_only_by_staff(sheet_meeting):
    kind = kinds.get(SIGN_IN_SHEET_KIND)
    assert not kind.public_for(sheet_meeting)
    assert kind.renderer(sheet_meeting).is_pdf


def test_staff_prepare_the_sheet_and_find_its_download(
    client, sheet_meeting, staff, settings, tmp_path, django_capture_on_commit_callbacks
):
    settings.MEDIA_ROOT = tmp_path
    client.force_login(staff)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("meetings:sheet_pdf", args=[sheet_meeting.slug]))
    assert response.status_code == 302

    document = GeneratedDocument.objects.get(
        kind=SIGN_IN_SHEET_KIND, content_type=ContentType.objects.get_for_model(Meeting)
    )
    assert document.status == GeneratedDocument.Status.READY, document.error
    page = client.get(reverse("meetings:sheet_entry", args=[sheet_meeting.slug]))
    assert document.download_url in page.content.decode()


@pytest.mark.parametrize("persona", ["official", "monitor", "resident", "outsider"])
def test_only_staff_prepare_the_sheet(client, sheet_meeting, persona, request):
    client.force_login(request.getfixturevalue(persona))
    response = client.post(reverse("meetings:sheet_pdf", args=[sheet_meeting.slug]))
    assert response.status_code == 403
    assert not GeneratedDocument.objects.exists()
