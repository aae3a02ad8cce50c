"""Sections imported from pasted Markdown or an uploaded DOCX file."""

import io
import zipfile

import docx
import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from consultations import imports
from consultations.models import Version
from consultations.services import documents, sections
from ivanovo_portal import uploads

pytestmark = pytest.mark.django_db
MARKDOWN = """Проектът е изготвен от общинската администрация.

# Глава първа. Общи положения

Чл. 1. Наредбата урежда обществения ред.

Чл. 2. (1) Забранява се шум между 23 и 6 часа.
(2) Изключение се допуска за празници.

## Чл. 3 Санкции

Нарушенията се наказват с глоба от 50 до 500 лв.
"""


def _docx():
    document = docx.Document()
    document.add_heading("Раздел I. Цели", level=1)
    document.add_paragraph("Планът има три цели.")
    document.add_paragraph("Чл. 1. Първата цел е водата.")
    document.add_paragraph("Чл. 1а. Втората е пътищата.")
    document.add_heading("Раздел II. Мерки", level=2)
    document.add_paragraph("Мерките са в приложението.")
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def test_markdown_headings_and_articles_start_sections():
    imported = imports.from_markdown(MARKDOWN)
    assert [(s.key, s.number, s.heading) for s in imported] == [
        ("vavedenie", "", "Въведение"),
        ("glava-parva-obshti-polozhenia", "", "Глава първа. Общи положения"),
        ("chl-1", "Чл. 1", "Наредбата урежда обществения ред."),
        ("chl-2", "Чл. 2", "(1) Забранява се шум между 23 и 6…"),
        ("chl-3", "Чл. 3", "Санкции"),
    ]
    assert imported[3].text == (
        "(1) Забранява се шум между 23 и 6 часа.\n(2) Изключение се допуска за празници."
    )
    assert imported[4].text == "Нарушенията се наказват с глоба от 50 до 500 лв."


def test_docx_heading_styles_and_articles_start_sections():
    imported = imports.from_docx(_docx())
    assert [(s.key, s.number, s.heading, s.text) for s in imported] == [
        ("razdel-i-tseli", "", "Раздел I. Цели", "Планът има три цели."),
        ("chl-1", "Чл. 1", "Първата цел е водата.", "Първата цел е водата."),
        ("chl-1a", "Чл. 1а", "Втората е пътищата.", "Втората е пътищата."),
        ("razdel-ii-merki", "", "Раздел II. Мерки", "Мерките са в приложението."),
    ]


def test_an_import_updates_sections_by_key_and_removes_those_missing(staff, consultation):
    version = documents.new_version(
        consultation, user=staff, kind=Version.Kind.REVISION, changelog="Нов текст."
    )
    sections.import_sections(version, user=staff, sections=imports.from_markdown(MARKDOWN))
    assert list(version.sections.values_list("key", flat=True)) == [
        "vavedenie",
        "glava-parva-obshti-polozhenia",
        "chl-1",
        "chl-2",
        "chl-3",
    ]
    assert version.sections.get(key="chl-3").heading == "Санкции"
    assert consultation.versions.get(number=1).sections.get(key="chl-3").heading == "Санкции"


def test_staff_import_a_docx_file_through_the_page(client, staff, consultation):
    client.force_login(staff)
    upload = SimpleUploadedFile("проект.docx", _docx())
    response = client.post(
        f"/consultations/manage/{consultation.slug}/import/", {"text": "", "file": upload}
    )
    assert response.status_code == 302
    version = consultation.versions.get()
    assert list(version.sections.values_list("key", flat=True)) == [
        "razdel-i-tseli",
        "chl-1",
        "chl-1a",
        "razdel-ii-merki",
    ]


def test_a_file_that_is_not_a_docx_is_refused_by_the_field(client, staff, consultation, english):
    client.force_login(staff)
    upload = SimpleUploadedFile("проект.docx", b"%PDF-1.4 not a word file")
    response = client.post(
        f"/en/consultations/manage/{consultation.slug}/import/", {"text": "", "file": upload}
    )
    assert response.status_code == 200
    assert "file" in response.context["form"].errors
    assert consultation.versions.get().sections.count() == 3


def test_markdown_or_a_file_one_of_the_two(client, staff, consultation, english):
    client.force_login(staff)
    response = client.post(f"/en/consultations/manage/{consultation.slug}/import/", {"text": ""})
    assert response.status_code == 200
    assert response.context["form"].non_field_errors() == [
        "Paste the text or choose a file, one of the two."
    ]


def test_a_zip_that_is_not_a_word_document_is_refused(staff, english):
    archive = io.BytesIO()
    with zipfile.ZipFile(archive, "w") as zipped:
        zipped.writestr("notes.txt", "Не е документ.")
    upload = SimpleUploadedFile("проект.docx", archive.getvalue())
    with pytest.raises(ValidationError, match="cannot be read"):
        uploads.checked(upload, types=(uploads.DOCX,))
