"""The справка's PDF: every proposal and decision read back from the file, tagged as PDF/UA,
public and listed in the publications once the справка is published, and not before."""

import io

import pytest
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext
from pypdf import PdfReader

from consultations.services import statement as services
from consultations.statement_pdf import STATEMENT_KIND, render_statement_pdf
from ivanovo_portal.documents.models import GeneratedDocument
from ivanovo_portal.documents.registry import kinds

from .statement_data import Decision, closed_consultation, decided, proposal

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media_in_tmp(settings, tmp_path):
    """Rendered PDFs land in a temporary folder, not in the checkout."""
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def consultation():
    consultation = closed_consultation(allows_anonymous=True)
    decided(
        proposal(consultation, text="Шумът да е забранен от 23 часа.", channel="meeting"),
        Decision.PARTLY,
        "Приема се за делничните дни.",
    )
    decided(
        proposal(consultation, text="Глобите да се удвоят.", author_name="", anonymous=True),
        Decision.NOT_ACCEPTED,
        "Размерът на глобите е определен в закона.",
    )
    decided(proposal(consultation, text="Да се добави чл. 4.", section=None), Decision.ACCEPTED)
    return consultation


def in_bulgarian(text):
    """``text`` as the PDF prints it, whether or not the catalogue has it yet."""
    with translation.override("bg"):
        return " ".join(str(gettext(text) if isinstance(text, str) else text).split())


WORKING_COPY = "Working copy: not published"


def pdf_text(pdf):
    pages = PdfReader(io.BytesIO(pdf)).pages
    return " ".join(" ".join(page.extract_text().split()) for page in pages)


def test_the_pdf_holds_every_proposal_with_its_decision_and_reasons(consultation, staff):
    services.publish_statement(consultation, user=staff)
    consultation.refresh_from_db()

    text = pdf_text(render_statement_pdf(consultation))

    assert consultation.title in text
    for said in (
        "Шумът да е забранен от 23 часа.",
        "Приема се за делничните дни.",
        "Глобите да се удвоят.",
        "Размерът на глобите е определен в закона.",
        "Да се добави чл. 4.",
        "Мария Иванова",
        "Чл. 2 Шум",
    ):
        assert said in text, said
    for said in ("Anonymous citizen", "The whole document"):
        assert in_bulgarian(said) in text, said
    for decision in (Decision.PARTLY, Decision.NOT_ACCEPTED, Decision.ACCEPTED):
        assert in_bulgarian(decision.label).capitalize() in text, decision
    assert "Европейски социален фонд" in text
    assert in_bulgarian(WORKING_COPY) not in text


def test_a_working_copy_says_so_and_shows_what_is_undecided(consultation):
    proposal(consultation, text="Още без решение.")

    text = pdf_text(render_statement_pdf(consultation))

    assert in_bulgarian(WORKING_COPY) in text
    assert "Още без решение." in text


def test_the_pdf_is_tagged_with_its_language_title_and_table_headers(consultation):
    reader = PdfReader(io.BytesIO(render_statement_pdf(consultation)))
    catalog = reader.trailer["/Root"]

    assert reader.metadata.title.endswith(consultation.title)
    assert catalog["/Lang"] == "bg"
    assert catalog["/MarkInfo"]["/Marked"].value is True
    assert "/StructTreeRoot" in catalog
    tags = set()

    def visit(element):
        element = element.get_object()
        if isinstance(element, dict) and "/S" in element:
            tags.add(element["/S"])
            children = element.get("/K", [])
            for child in children if isinstance(children, list) else [children]:
                visit(child)

    for child in catalog["/StructTreeRoot"]["/K"]:
        visit(child)
    assert {"/Table", "/TH", "/TD"} <= tags


def test_publications_list_the_statement_once_published_and_not_before(
    client, consultation, staff, django_capture_on_commit_callbacks
):
    publications = reverse("campaign:publications")
    kind = kinds.get(STATEMENT_KIND)
    with django_capture_on_commit_callbacks(execute=True):
        services.request_statement_pdf(consultation, user=staff)
    assert not kind.public_for(consultation)
    assert consultation.title not in client.get(publications).content.decode()

    with django_capture_on_commit_callbacks(execute=True):
        services.publish_statement(consultation, user=staff)

    consultation.refresh_from_db()
    assert kind.public_for(consultation)
    document = GeneratedDocument.objects.get(kind=STATEMENT_KIND, object_id=consultation.pk)
    assert document.is_ready
    html = client.get(publications).content.decode()
    assert consultation.title in html and document.download_url in html
    assert in_bulgarian(WORKING_COPY) not in pdf_text(document.file.read())


def test_staff_render_the_working_copy_s_pdf_from_its_page(
    client, consultation, staff, official, django_capture_on_commit_callbacks
):
    url = reverse("consultations:statement_pdf", args=[consultation.slug])
    client.force_login(official)
    assert client.post(url).status_code == 403
    client.force_login(staff)

    with django_capture_on_commit_callbacks(execute=True):
        client.post(url)
    page = client.get(reverse("consultations:statement", args=[consultation.slug]))

    document = GeneratedDocument.objects.get(kind=STATEMENT_KIND)
    assert document.source == consultation and document.is_ready
    assert document.download_url in page.content.decode()
