import dataclasses
import io

import pytest
from django.urls import reverse
from pypdf import PdfReader

from ivanovo_portal.documents import pdf as documents_pdf
from ivanovo_portal.documents.models import GeneratedDocument
from ivanovo_portal.project import PROJECT
from ivanovo_portal.recommendations import letters, selectors, services
from ivanovo_portal.recommendations.pdf import render_letter_pdf
from tests.conftest import run_python

from .helpers import FILED_ON, LETTER_DATE, approved

pytestmark = pytest.mark.django_db


def pages_of(pdf_bytes):
    return PdfReader(io.BytesIO(pdf_bytes)).pages


def text_of(pdf_bytes):
    return " ".join(" ".join(page.extract_text() for page in pages_of(pdf_bytes)).split())


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
def unrendered(monkeypatch):
    """Letters are rendered by hand below: here only the letter's row is wanted."""
    monkeypatch.setattr(services, "request_document", lambda *args, **kwargs: None)


def letter_of(recommendations, user, number="И-15"):
    return letters.prepare_letter(
        recommendations, outgoing_number=number, outgoing_date=LETTER_DATE, user=user
    )


def test_the_letter_comes_from_the_organisation_at_its_address_to_the_mayor_at_hers(
    unrendered, staff, letter_recommendations
):
    text = text_of(render_letter_pdf(letter_of(letter_recommendations, staff)))

    assert "Сдружение „Център Динамика“ гр. Русе" in text
    assert "ДО Кмета на Община Иваново ул. „Олимпийска“ № 75, 7088 с. Иваново, обл. Русе" in text
    assert "Изх. № И-15 / 02.06.2023" in text
    assert "BG05SFOP001-2.025-0007" in text
    assert "Относно:" in text
    assert "Уважаеми господин Кмет," in text


def test_the_letter_takes_its_particulars_from_the_project_settings(
    unrendered, staff, letter_recommendations, monkeypatch
):
    other = dataclasses.replace(
        PROJECT,
        beneficiary_address="ул. „Пробна“ 1, 7000 Русе",
        beneficiary_email="office@example.org",
        mayor_salutation="Уважаема госпожо Кмет,",
        signatory="Иван Иванов",
        signatory_title="председател",
    )
    monkeypatch.setattr(documents_pdf, "PROJECT", other)

    text = text_of(render_letter_pdf(letter_of(letter_recommendations, staff)))

    assert "ул. „Пробна“ 1, 7000 Русе" in text
    assert "office@example.org" in text
    assert "Уважаема госпожо Кмет," in text
    assert "Иван Иванов Председател" in text
    assert "Деана Димова" not in text


def test_a_deployment_sets_the_organisation_and_the_municipality_by_environment():
    names = {
        "ORGANISATION_NAME": "Сдружение „Пример“",
        "ORGANISATION_ADDRESS": "ул. „Първа“ 2, Бяла",
        "MUNICIPALITY_ADDRESS": "пл. „Екзарх Йосиф“ 1, Бяла",
        "MAYOR_TITLE": "Кмета на Община Бяла",
        "MAYOR_SALUTATION": "Уважаема госпожо Кмет,",
        "LETTER_SIGNATORY": "Мария Петрова",
    }
    script = (
        "from ivanovo_portal.project import PROJECT as P; "
        "print('|'.join([P.beneficiary, P.beneficiary_address, P.municipality_address, "
        "P.mayor_title, P.mayor_salutation, P.signatory]))"
    )
    run = run_python("-c", script, **names)

    assert run.returncode == 0, run.stderr
    assert run.stdout.strip().split("|") == [
        "Сдружение „Пример“",
        "ул. „Първа“ 2, Бяла",
        "пл. „Екзарх Йосиф“ 1, Бяла",
        "Кмета на Община Бяла",
        "Уважаема госпожо Кмет,",
        "Мария Петрова",
    ]


def test_the_letter_lists_each_recommendation_with_source_and_rationale(
    unrendered, staff, letter_recommendations
):
    text = text_of(render_letter_pdf(letter_of(letter_recommendations, staff)))

    for recommendation in letter_recommendations:
        assert recommendation.title in text
        assert recommendation.number in text
    assert "Кръгла маса в Иваново, 15.05.2023" in text
    assert "Красен" in text
    assert "цялата община" in text
    assert "Мотиви:" in text
    assert "Възрастните жители трудно пътуват до Иваново." in text


def test_the_letter_is_signed_and_numbers_its_pages(unrendered, staff, letter_recommendations):
    text = text_of(render_letter_pdf(letter_of(letter_recommendations, staff)))

    assert "Деана Димова Ръководител на проекта, Сдружение „Център Динамика“" in text
    assert "страница 1 от" in text
    assert "Европейски социален фонд" in text


def test_a_letter_of_one_recommendation_of_ordinary_length_fits_one_page(unrendered, staff):
    recommendation = approved(
        staff,
        title="Проектите на решения на Общинския съвет да се публикуват 14 дни преди заседанието",
        text="Общинската администрация да публикува на интернет страницата на общината проектите "
        "на решения, докладните записки и приложенията към тях не по-късно от 14 дни преди "
        "заседанието на Общинския съвет, с възможност за писмени становища от гражданите и "
        "организациите, които да се публикуват заедно с проекта. " * 2,
        rationale="62 % от анкетираните граждани посочват, че научават за решенията на "
        "Общинския съвет едва след приемането им. Ранното публикуване дава време за становища "
        "и намалява спорните решения. " * 2,
        source_label="Анализ на мненията на гражданите и неправителствените организации",
    )

    pdf = render_letter_pdf(letter_of([recommendation], staff))

    assert len(pages_of(pdf)) == 1
    assert "страница 1 от 1" in text_of(pdf)


def test_a_prepared_letter_is_rendered_and_becomes_public_once_filed(
    staff, letter_recommendations, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        submission = letter_of(letter_recommendations, staff, number="И-16")

    letter = selectors.letter_of(submission)
    assert letter.status == GeneratedDocument.Status.READY
    assert not letter.is_public
    with letter.file.open("rb") as pdf:
        text = text_of(pdf.read())
    assert "Изх. № И-16" in text
    assert letter_recommendations[0].title in text

    letters.file_letter(submission, filed_on=FILED_ON, user=staff)
    letter.refresh_from_db()
    assert letter.is_public


def test_the_letter_page_names_the_addressee_as_the_pdf_does(client, staff, unrendered):
    submission = letter_of([approved(staff)], staff)
    client.force_login(staff)

    for prefix in ("", "/en"):
        html = client.get(prefix + reverse("recommendations:submission", args=[submission.pk]))
        html = " ".join(html.content.decode().split())
        assert (
            f'<address class="mb-0" lang="bg">ДО<br>{PROJECT.mayor_title}<br>'
            f"{PROJECT.municipality_address}</address>"
        ) in html
    pdf = text_of(render_letter_pdf(submission))
    assert f"ДО {PROJECT.mayor_title} {PROJECT.municipality_address}" in pdf
