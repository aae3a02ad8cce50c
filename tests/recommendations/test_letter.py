import io

import pytest
from pypdf import PdfReader

from ivanovo_portal.documents.models import GeneratedDocument
from ivanovo_portal.recommendations import selectors, services
from ivanovo_portal.recommendations.pdf import render_letter_pdf

from .helpers import LETTER_DATE, approved

pytestmark = pytest.mark.django_db


def text_of(pdf_bytes):
    reader = PdfReader(io.BytesIO(pdf_bytes))
    return "\n".join(page.extract_text() for page in reader.pages)


def flat(text):
    return " ".join(text.split())


@pytest.fixture
def letter_recommendations(staff, settlement):
    return [
        approved(staff, title="Изнесени приемни на кмета в селата", settlements=[settlement]),
        approved(
            staff,
            title="Младежки съвет към кмета",
            activity="",
            source_label="Кръгла маса в Иваново, 15.05.2023",
        ),
    ]


@pytest.fixture
def submission(staff, letter_recommendations, monkeypatch):
    # The letter is rendered below by hand; here only the submission is wanted.
    monkeypatch.setattr(services, "request_document", lambda *args, **kwargs: None)
    return services.submit(
        letter_recommendations, outgoing_number="И-15", outgoing_date=LETTER_DATE, user=staff
    )


def test_the_letter_is_addressed_to_the_mayor_with_its_outgoing_number(submission):
    text = flat(text_of(render_letter_pdf(submission)))

    assert "Кмета на Община Иваново" in text
    assert "Изх. № И-15 / 02.06.2023" in text
    assert "Сдружение „Център Динамика“" in text
    assert "BG05SFOP001-2.025-0007" in text
    assert "Относно:" in text


def test_the_letter_lists_each_recommendation_with_source_and_rationale(
    submission, letter_recommendations
):
    text = flat(text_of(render_letter_pdf(submission)))

    for recommendation in letter_recommendations:
        assert recommendation.title in text
        assert recommendation.number in text
    assert "Кръгла маса в Иваново, 15.05.2023" in text
    assert "Красен" in text
    assert "цялата община" in text
    assert "Мотиви:" in text
    assert "Възрастните жители трудно пътуват до Иваново." in text


def test_the_letter_is_signed_by_the_project_manager_and_numbers_its_pages(submission):
    text = flat(text_of(render_letter_pdf(submission)))

    assert "Деана Димова" in text
    assert "Ръководител на проекта" in text
    assert "страница 1 от" in text
    assert "Европейски социален фонд" in text


def test_submitting_renders_the_letter_through_the_documents_pipeline(
    staff, letter_recommendations, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        submission = services.submit(
            letter_recommendations, outgoing_number="И-16", outgoing_date=LETTER_DATE, user=staff
        )

    letter = selectors.letter_of(submission)
    assert letter.status == GeneratedDocument.Status.READY
    assert letter.is_public
    with letter.file.open("rb") as pdf:
        text = flat(text_of(pdf.read()))
    assert "Изх. № И-16" in text
    assert letter_recommendations[0].title in text
