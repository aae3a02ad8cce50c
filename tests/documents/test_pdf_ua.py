"""Every PDF the portal renders reads back as tagged PDF/UA-1: a structure tree, the language, the
title shown by the reader, and a text alternative for the emblem, every chart and every QR code."""

import io

import pytest
from django.utils import timezone, translation
from pypdf import PdfReader

from campaign import bulletin
from consultations import kit
from consultations.models import Consultation, ConsultationMeeting, ConsultationReport
from consultations.reports_pdf import MINUTES_KIND
from consultations.reports_pdf import REPORT_KIND as CONSULTATION_REPORT_KIND
from consultations.statement_pdf import STATEMENT_KIND
from ivanovo_portal.documents.registry import kinds
from ivanovo_portal.meetings.certificates import CERTIFICATE_KIND, certified
from ivanovo_portal.meetings.models import Meeting
from ivanovo_portal.meetings.pdf import SIGN_IN_SHEET_KIND
from ivanovo_portal.places.models import Settlement
from ivanovo_portal.recommendations.models import RegistrySubmission
from ivanovo_portal.recommendations.pdf import LETTER_KIND
from monitoring.models import MonitoringReport, Round
from monitoring.pdf import REPORT_KIND as MONITORING_REPORT_KIND
from monitoring.sheets import SHEET_KIND, criteria_for, sheet_for
from surveys.models import AnalysisReport, Questionnaire
from surveys.pdf import INVITATION_SLIPS_KIND, PAPER_FORM_KIND, REPORT_KIND
from surveys.results.reports import report_content
from surveys.services import responses
from toolkit.book import BOOK_KIND, CARDS_KIND
from toolkit.models import Edition, MethodVersion

EMBLEM = "Флаг на Европейския съюз"
SLIPS = 3
RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
PDFUA = "http://www.aiim.org/pdfua/ns/id/"
# The kinds of the portal that make PDFs; the test kinds of this package are left out.
PDF_KINDS = [key for key, kind in kinds.items() if kind.format == "PDF"]


@pytest.fixture(scope="module")
def sources(demo_for_module):
    """A source from the demo for each kind of PDF."""
    questionnaire = Questionnaire.objects.get(slug="grazhdani-i-npo-2022")
    codes = responses.create_invitations(questionnaire, count=SLIPS, label="Красен")
    piro = Consultation.objects.get(slug="piro-2021-2027-aktualizatsiya")
    return {
        LETTER_KIND: RegistrySubmission.objects.order_by("pk").first(),
        PAPER_FORM_KIND: questionnaire,
        INVITATION_SLIPS_KIND: codes[0].batch,
        REPORT_KIND: AnalysisReport.objects.get(slug="analiz-grazhdani-i-npo"),
        SHEET_KIND: sheet_for(
            Round.objects.get(status=Round.Status.FIELDWORK), Settlement.objects.get(slug="pirgovo")
        ),
        MONITORING_REPORT_KIND: MonitoringReport.objects.get(),
        SIGN_IN_SHEET_KIND: Meeting.objects.get(slug="obsazhdane-krasen-2027"),
        STATEMENT_KIND: piro,
        CONSULTATION_REPORT_KIND: ConsultationReport.objects.get(
            meeting__isnull=True, consultation=piro
        ),
        MINUTES_KIND: ConsultationMeeting.objects.get(meeting__slug="obsazhdane-pirgovo-2023"),
        kit.NOTICE_KIND: ConsultationMeeting.objects.get(meeting__slug="obsazhdane-krasen-2027"),
        kit.SUMMARY_KIND: piro,
        kit.FORM_KIND: piro,
        bulletin.KIND: Settlement.objects.get(slug="pirgovo"),
        CERTIFICATE_KIND: certified().filter(meeting__slug="konferentsiya-ruse-2023").first(),
        BOOK_KIND: small_edition(),
        CARDS_KIND: small_edition(),
    }


def small_edition():
    """An edition of the demo's first two methods: the book's tags do not depend on its length."""
    number = Edition.objects.count() + 1
    edition = Edition.objects.create(number=number, published_at=timezone.now())
    edition.versions.set(MethodVersion.objects.order_by("method__position")[:2])
    return edition


@pytest.fixture(scope="module")
def rendered(sources):
    """Each kind's PDF, rendered once from its demo source and read back."""
    documents = {}
    for kind in PDF_KINDS:
        document = kinds.get(kind).renderer(sources[kind])
        assert document.is_pdf, kind
        documents[kind] = PdfReader(io.BytesIO(document.content))
    return documents


def structure(reader):
    """The structure elements of the PDF's tagged tree, in reading order."""
    found = []

    def visit(element):
        element = element.get_object()
        if not isinstance(element, dict) or "/S" not in element:
            return
        found.append(element)
        children = element.get("/K", [])
        for child in children if isinstance(children, list) else [children]:
            visit(child)

    for child in reader.trailer["/Root"]["/StructTreeRoot"]["/K"]:
        visit(child)
    return found


def descendants(element):
    children = element.get("/K", [])
    for child in children if isinstance(children, list) else [children]:
        child = child.get_object()
        if isinstance(child, dict) and "/S" in child:
            yield child
            yield from descendants(child)


def figure_texts(reader):
    return [element.get("/Alt") for element in structure(reader) if element["/S"] == "/Figure"]


def declares_pdf_ua_1(reader):
    descriptions = reader.xmp_metadata.rdf_root.getElementsByTagNameNS(RDF, "Description")
    return any(node.getAttributeNS(PDFUA, "part") == "1" for node in descriptions)


def test_the_portal_registers_the_kinds_of_pdf_tested_here():
    assert sorted(PDF_KINDS) == sorted(
        [
            LETTER_KIND,
            PAPER_FORM_KIND,
            INVITATION_SLIPS_KIND,
            REPORT_KIND,
            SHEET_KIND,
            MONITORING_REPORT_KIND,
            SIGN_IN_SHEET_KIND,
            STATEMENT_KIND,
            CONSULTATION_REPORT_KIND,
            MINUTES_KIND,
            kit.NOTICE_KIND,
            kit.SUMMARY_KIND,
            kit.FORM_KIND,
            bulletin.KIND,
            CERTIFICATE_KIND,
            BOOK_KIND,
            CARDS_KIND,
        ]
    )


def test_every_kind_of_pdf_is_tagged_with_language_title_and_table_headers(rendered):
    for kind, reader in rendered.items():
        catalog = reader.trailer["/Root"]
        title = reader.metadata.title
        assert "/StructTreeRoot" in catalog, kind
        assert catalog["/MarkInfo"]["/Marked"].value is True, kind
        assert catalog["/Lang"] == "bg", kind
        assert catalog["/ViewerPreferences"]["/DisplayDocTitle"].value is True, kind
        assert title, kind
        assert reader.xmp_metadata.dc_title == {"x-default": title}, kind
        assert declares_pdf_ua_1(reader), kind
        for table in (element for element in structure(reader) if element["/S"] == "/Table"):
            assert any(cell["/S"] == "/TH" for cell in descendants(table)), kind


def test_the_emblem_every_chart_and_every_qr_code_have_a_text_alternative(rendered, sources):
    texts = {kind: figure_texts(reader) for kind, reader in rendered.items()}
    with translation.override("bg"):
        content = report_content(sources[REPORT_KIND])
        charted = [item.result for item in content.items if item.result.chart]

    assert all(figures[0] == EMBLEM for figures in texts.values()), texts
    for kind in (LETTER_KIND, PAPER_FORM_KIND, SIGN_IN_SHEET_KIND, STATEMENT_KIND, kit.FORM_KIND):
        assert texts[kind] == [EMBLEM], kind
    assert all(texts[kit.NOTICE_KIND]) and len(texts[kit.NOTICE_KIND]) == 2  # and its QR code
    assert len(texts[INVITATION_SLIPS_KIND]) == 1 + SLIPS
    assert all(texts[INVITATION_SLIPS_KIND][1:])
    charts = texts[REPORT_KIND][1:]
    assert len(charted) > 1
    assert [text.split(":")[0] for text in charts] == [result.code for result in charted]
    assert all("анкетирани" in text for text in charts), charts
    sheet = sources[SHEET_KIND]
    qr_codes = texts[SHEET_KIND][1:]
    assert len(qr_codes) == len(criteria_for(sheet.round, sheet.settlement))
    assert all(qr_codes)
    assert len(texts[MONITORING_REPORT_KIND]) > 1
    assert all(texts[MONITORING_REPORT_KIND])
