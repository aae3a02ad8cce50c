"""The base PDF template: EU visibility block, project facts, page numbers, fonts, language."""

import io

from pypdf import PdfReader

from ivanovo_portal.documents.pdf import render_pdf
from ivanovo_portal.project import PROJECT
from tests.documents.kinds import render_sheet


def read(pdf):
    reader = PdfReader(io.BytesIO(pdf))
    # Words joined by single spaces: extraction breaks lines where the PDF wraps them.
    return reader, [" ".join(page.extract_text().split()) for page in reader.pages]


def test_every_page_carries_the_eu_block_and_its_page_number(ivanovo):
    _reader, pages = read(render_sheet(ivanovo, pages=3))
    assert len(pages) == 3
    for number, text in enumerate(pages, start=1):
        assert "Европейски съюз, Европейски социален фонд" in text
        assert "Оперативна програма „Добро управление“" in text
        assert f"Проект № {PROJECT.number} „{PROJECT.title}“" in text
        assert f"страница {number} от 3" in text


def test_the_pdf_has_its_title_and_the_eu_disclaimer(ivanovo):
    reader, pages = read(render_sheet(ivanovo))
    assert reader.metadata.title == "Справка за Иваново"
    assert "Справка за Иваново" in pages[0]
    assert "не може да се приема, че този документ отразява официалното становище" in pages[-1]


def test_the_bundled_fonts_with_cyrillic_are_embedded(ivanovo):
    reader, _pages = read(render_sheet(ivanovo))
    fonts = {
        font.get_object()["/BaseFont"].split("+")[-1]
        for font in reader.pages[0]["/Resources"]["/Font"].values()
    }
    assert {"Noto-Sans-Cyrillic", "Noto-Sans-Latin", "Noto-Sans-Cyrillic-Bold"} <= fonts


def test_an_english_document_numbers_its_pages_in_english(ivanovo):
    pdf = render_pdf("documents_tests/sheet.html", {"settlement": ivanovo, "lang": "en"})
    _reader, pages = read(pdf)
    assert "page 1 of 1" in pages[0]
    assert "This document was created within project" in pages[0]


def test_the_eu_block_of_a_page_is_in_its_language_and_that_of_a_pdf_in_bulgarian(client, ivanovo):
    html = client.get("/en/toolkit/").content.decode()
    pdf = render_pdf("documents_tests/sheet.html", {"settlement": ivanovo, "lang": "en"})
    _reader, pages = read(pdf)

    assert "European Union, European Social Fund" in html
    assert "Operational Programme “Good Governance”" in html
    assert "Европейски" not in html
    assert "Европейски съюз, Европейски социален фонд" in pages[0]
    assert "Оперативна програма „Добро управление“" in pages[0]
