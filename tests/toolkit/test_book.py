"""The toolkit as a book and as cards, read back from the PDFs: the contents' page numbers are the
pages where each method begins, every method, the matrix, the legal basis, the cases and the EU
block are there in Bulgarian, the title and language are set; the cards take a page per method.
Each PDF is rendered once for the module."""

import io
import re
from dataclasses import replace
from datetime import UTC, date, datetime

import pytest
from django.db import transaction
from django.utils import translation
from pypdf import PdfReader

from ivanovo_portal.cases import Case, Figure, Provider, cases
from ivanovo_portal.documents.registry import kinds
from ivanovo_portal.project import Activity
from toolkit.book import BOOK_KIND, CARDS_KIND, render_book_pdf, render_cards_pdf
from toolkit.code import Level, Step
from toolkit.models import Edition, Method, MethodVersion
from toolkit.versions import apply, snapshot


def content(slug, name, **fields):
    """A method's content in the format of toolkit.content, all keys present."""
    return {
        "slug": slug,
        "name": name,
        "summary": f"{name}: кратко описание на метода.",
        "placements": [["consultation", "drafting"]],
        "purpose": f"Целта на {name} е ясно **решение**.",
        "when_to_use": "Когато решението засяга много хора.",
        "when_not": "Когато решението вече е взето.",
        "time_needed": "3 седмици подготовка, 2 часа среща",
        "weeks": 3,
        "cost": 1,
        "cost_note": "Зала и кафе.",
        "group_min": 10,
        "group_max": 80,
        "facilitation": 1,
        "offline": True,
        "paper": True,
        "online": False,
        "elderly": 2,
        "literacy": 0,
        "audiences": ["elderly", "villagers"],
        "venue": "Зала на партерен етаж, без стъпала.",
        "legal_basis": "",
        "risks": "- Малко участници.",
        "tips": "- Поканете лично.",
        "sources": "- [Кодекс на добрите практики](https://rm.coe.int/code-good-practice)",
        "steps": [
            {"day": 0, "title": "Определете въпроса", "who": "Общината", "detail": ""},
            {"day": 7, "title": "Поканете хората", "who": "Кметството", "detail": "С табло."},
            {"day": 21, "title": "Проведете срещата", "who": "Водещ", "detail": ""},
            {"day": 28, "title": "Отчетете резултатите", "who": "Общината", "detail": ""},
        ],
        "templates": [{"title": f"Покана за {name}", "body": "# Покана\nЗаповядайте."}],
        **fields,
    }


# Long texts push each method over more than one page, so that a wrong page number shows.
LONG = "\n\n".join(["Подробно обяснение на стъпките и на ролите на участниците."] * 40)
METHODS = [
    content(
        "public-discussion",
        "Обществено обсъждане",
        placements=[["consultation", "drafting"], ["consultation", "decision"]],
        legal_basis="ЗНА, чл. 26: проектът се публикува за 30 дни.",
        purpose=LONG,
    ),
    content(
        "local-referendum",
        "Местен референдум",
        placements=[["partnership", "decision"]],
        legal_basis="Закон за прякото участие на гражданите в държавната власт и местното "
        "самоуправление, глава трета.",
        group_max=None,
    ),
    content(
        "survey",
        "Анкетно проучване",
        placements=[["consultation", "agenda"], ["information", "monitoring"]],
        tips=LONG,
    ),
    content("world-cafe", "Световно кафене", placements=[["dialogue", "drafting"]]),
]
CASE = Case(
    key="q1",
    method="survey",
    title="Анкета „Гражданите и общината“",
    issue="Какво мислят хората за услугите.",
    places=("с. Иваново", "с. Сваленик"),
    starts_on=date(2023, 2, 1),
    ends_on=date(2023, 3, 1),
    participants=214,
    by_group=(Figure("Граждани", "190"),),
    outcome="Доклад с 12 препоръки към общината.",
)
# Begun after the edition was published: the edition does not tell of it.
LATER = replace(CASE, key="q2", title="Анкета за следващия бюджет", starts_on=date(2023, 7, 1))


def edition_of(methods):
    edition = Edition.objects.create(number=1, published_at=datetime(2023, 6, 21, 9, tzinfo=UTC))
    for position, method_content in enumerate(methods):
        method = apply(Method(position=position), method_content)
        version = MethodVersion.objects.create(method=method, number=1, content=snapshot(method))
        edition.versions.add(version)
    return edition


# The module's rows are its fixture's, rolled back; the marker has the test database set up when
# these tests run alone.
pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def pdfs(django_db_setup, django_db_blocker):
    """The book and the cards of a four-method edition, rendered once; the rows rolled back."""
    with (
        django_db_blocker.unblock(),
        cases.override({"tests": Provider(("survey",), lambda: [CASE, LATER])}),
        transaction.atomic(),
    ):
        edition = edition_of(METHODS)
        rendered = {"book": render_book_pdf(edition), "cards": render_cards_pdf(edition)}
        transaction.set_rollback(True)
    return {name: PdfReader(io.BytesIO(pdf)) for name, pdf in rendered.items()}


def words(page):
    return " ".join(page.extract_text().split())


def first_page_with(reader, heading, start=0):
    """The 1-based number of the first page from ``start`` whose text begins a line with
    ``heading``."""
    for number, page in enumerate(reader.pages[start:], start=start + 1):
        if any(line.strip() == heading for line in page.extract_text().splitlines()):
            return number
    raise AssertionError(f"{heading!r} is on no page")


def test_the_contents_give_the_page_where_each_method_begins(pdfs):
    book = pdfs["book"]
    contents = book.pages[1].extract_text()
    printed = {
        method["name"]: int(re.search(rf"{method['name']}[ .]*(\d+)", contents)[1])
        for method in METHODS
    }
    after_contents = 2
    actual = {
        method["name"]: first_page_with(book, method["name"], after_contents + 3)
        for method in METHODS
    }
    assert printed == actual
    assert len(set(actual.values())) == len(METHODS)
    # The long texts took more than a page, so the numbers are not simply consecutive.
    assert max(actual.values()) - min(actual.values()) > len(METHODS) - 1


def test_the_book_holds_every_method_the_matrix_the_law_the_cases_and_the_eu_block(pdfs):
    book = pdfs["book"]
    text = " ".join(words(page) for page in book.pages)

    assert "Инструментариум за гражданско участие на местно ниво" in text
    assert "Издание 1, 21 юни 2023" in text
    for method in METHODS:
        assert method["name"] in text
        assert method["summary"] in text
    matrix = next(words(page) for page in book.pages if "Методите във всяка клетка" in words(page))
    with translation.override("bg"):
        for label in [*Level.labels, *Step.labels]:
            assert str(label) in matrix
    assert "Местен референдум" in matrix and "Световно кафене" in matrix
    assert "Закон за нормативните актове (ЗНА)" in text
    assert "ЗНА, чл. 26: проектът се публикува за 30 дни." in text
    assert "Закон за прякото участие на гражданите" in text
    assert "Анкета „Гражданите и общината“" in text
    assert "Анкета за следващия бюджет" not in text
    assert "214" in text and "Доклад с 12 препоръки към общината." in text
    assert "Европейски съюз, Европейски социален фонд" in text
    assert "Оперативна програма „Добро управление“" in text
    assert f"страница 1 от {len(book.pages)}" in words(book.pages[0])
    assert "от 10 до 80 души" in text or "10–80 души" in text
    assert "Покана за Световно кафене" in text


def test_the_book_and_the_cards_carry_their_title_and_language(pdfs):
    for reader in pdfs.values():
        assert "Инструментариум за гражданско участие на местно ниво" in reader.metadata.title
        assert reader.trailer["/Root"]["/Lang"] == "bg"


def test_the_cards_take_one_page_per_method(pdfs):
    cards = pdfs["cards"]
    assert len(cards.pages) == len(METHODS)
    for page, method in zip(cards.pages, METHODS, strict=True):
        text = words(page)
        assert method["name"] in text
        assert method["summary"] in text
        assert "Ден 7: Поканете хората" in text


def test_both_are_publications_of_the_toolkit():
    for key in (BOOK_KIND, CARDS_KIND):
        kind = kinds.get(key)
        assert kind.publication and kind.activity == Activity.TOOLKIT
        assert kind.is_public is True
