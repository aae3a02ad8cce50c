"""The editions of the toolkit: an edition's page with its methods, downloads and the other
editions; every edition's book in the publications library, earlier ones kept; a method's
template as an editable Word document, what was typed in it kept as text."""

import dataclasses
import io
from datetime import UTC, datetime
from urllib.parse import quote

import pytest
from django.template.loader import render_to_string
from django.urls import reverse
from docx import Document
from pypdf import PdfWriter

from ivanovo_portal.documents.registry import Rendered, kinds
from ivanovo_portal.documents.services import request_document
from ivanovo_portal.meetings.models import Meeting
from toolkit.book import BOOK_KIND, CARDS_KIND
from toolkit.editions import editions, latest_edition
from toolkit.models import Edition, MethodTemplate, MethodVersion
from toolkit.versions import snapshot

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def blank_pdf(edition):
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    out = io.BytesIO()
    writer.write(out)
    return Rendered("book.pdf", "application/pdf", out.getvalue())


@pytest.fixture(autouse=True)
def quick_pdfs():
    """The book's and the cards' kinds as registered, with a blank page for a renderer: the real
    rendering is test_book's."""
    stand_in = {
        key: dataclasses.replace(kinds.get(key), renderer=blank_pdf)
        for key in (BOOK_KIND, CARDS_KIND)
    }
    with kinds.override(stand_in):
        yield


def version_of(method):
    return MethodVersion.objects.create(method=method, number=1, content=snapshot(method))


@pytest.fixture
def methods(make_method):
    return [
        make_method("public-discussion", name="Обществено обсъждане"),
        make_method("world-cafe", name="Световно кафене"),
    ]


@pytest.fixture
def published(methods, django_capture_on_commit_callbacks):
    """Edition 1 with the first method, edition 2 with both, each with its book and cards."""

    def publish(number, versions, **fields):
        edition = Edition.objects.create(
            number=number, published_at=datetime(2023, 5 + number, 1, 9, tzinfo=UTC), **fields
        )
        edition.versions.set(versions)
        with django_capture_on_commit_callbacks(execute=True):
            for kind in (BOOK_KIND, CARDS_KIND):
                request_document(edition, kind)
        return edition

    first, second = (version_of(method) for method in methods)
    return [
        publish(1, [first]),
        publish(2, [first, second], note="Добавено „Световно кафене“."),
    ]


def test_the_edition_page_shows_its_methods_downloads_and_the_other_editions(
    client, published, django_assert_max_num_queries
):
    with django_assert_max_num_queries(12):
        response = client.get(reverse("toolkit:edition", args=[2]))

    html = response.content.decode()
    assert response.status_code == 200
    assert "Добавено „Световно кафене“." in html
    assert reverse("toolkit:method", args=["world-cafe"]) in html
    assert "Световно кафене" in html and "Обществено обсъждане" in html
    book, cards = (
        published[1].documents.get(kind=BOOK_KIND),
        published[1].documents.get(kind=CARDS_KIND),
    )
    assert book.download_url in html and cards.download_url in html
    assert published[0].get_absolute_url() in html


def test_the_first_edition_keeps_its_own_methods(client, published):
    html = client.get(reverse("toolkit:edition", args=[1])).content.decode()

    assert reverse("toolkit:method", args=["public-discussion"]) in html
    assert reverse("toolkit:method", args=["world-cafe"]) not in html
    assert published[1].get_absolute_url() in html


def test_an_edition_shows_the_conference_it_was_presented_at(client, published):
    conference = Meeting.objects.create(
        title="Заключителна конференция",
        slug="konferentsiya",
        kind=Meeting.Kind.CONFERENCE,
        starts_at=datetime(2023, 6, 21, 7, tzinfo=UTC),
        ends_at=datetime(2023, 6, 21, 12, tzinfo=UTC),
        venue="Доходно здание",
        address="гр. Русе",
        status=Meeting.Status.SCHEDULED,
    )
    Edition.objects.filter(number=2).update(presented_at=conference)

    html = client.get(reverse("toolkit:edition", args=[2])).content.decode()

    assert "Заключителна конференция" in html
    assert conference.get_absolute_url() in html


def test_an_edition_that_does_not_exist_is_not_found(client, published):
    assert client.get(reverse("toolkit:edition", args=[9])).status_code == 404


def test_the_latest_edition_comes_with_its_book_and_cards(published, django_assert_num_queries):
    with django_assert_num_queries(2):
        latest = latest_edition()
        html = render_to_string("toolkit/_edition.html", {"edition": latest})

    assert latest.number == 2
    assert latest.book.kind == BOOK_KIND and latest.cards.kind == CARDS_KIND
    assert latest.get_absolute_url() in html and latest.book.download_url in html
    assert [edition.number for edition in editions()] == [2, 1]


def test_nothing_shows_before_the_first_edition(db):
    assert latest_edition() is None
    assert render_to_string("toolkit/_edition.html", {"edition": None}).strip() == ""


def test_the_publications_list_the_book_of_every_edition(client, published):
    html = client.get(reverse("campaign:publications")).content.decode()

    for edition in published:
        for kind in (BOOK_KIND, CARDS_KIND):
            assert edition.documents.get(kind=kind).title in html


# A template as DOCX

BODY = "\n".join(
    [
        "# Покана за обществено обсъждане",
        "Уважаеми жители на [населено място],",
        "Каним Ви на <script>alert(1)</script> & „среща“.",
        "",
        "- Дата: [дата]",
        "- Място: [зала]",
    ]
)


@pytest.fixture
def template(methods):
    return MethodTemplate.objects.create(method=methods[0], title="Покана: обсъждане", body=BODY)


def test_a_template_downloads_as_an_editable_word_document(client, template):
    response = client.get(reverse("toolkit:template", args=[template.pk]))

    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    disposition = response["Content-Disposition"]
    assert disposition.startswith('attachment; filename="pokana-obsazhdane.docx"')
    assert f"filename*=utf-8''{quote('Покана: обсъждане.docx', safe='')}" in disposition

    document = Document(io.BytesIO(response.content))
    paragraphs = [(p.style.name, p.text) for p in document.paragraphs]
    assert paragraphs == [
        ("Heading 1", "Покана: обсъждане"),
        ("Heading 2", "Покана за обществено обсъждане"),
        ("Normal", "Уважаеми жители на [населено място],"),
        ("Normal", "Каним Ви на <script>alert(1)</script> & „среща“."),
        ("List Bullet", "Дата: [дата]"),
        ("List Bullet", "Място: [зала]"),
    ]
    assert document.core_properties.title == "Покана: обсъждане"


def test_a_template_that_does_not_exist_is_not_found(client, template):
    assert client.get(reverse("toolkit:template", args=[template.pk + 1])).status_code == 404
