"""The public list and consultation pages, drafts hidden from the public, the staff's screens by
persona, and the queries the pages take."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from consultations.models import Comment, Consultation, Section, Version
from consultations.services import documents, sections
from tests.meetings.conftest import build_meeting

from .conftest import build_consultation

pytestmark = pytest.mark.django_db
PERSONAS = ["staff", "official", "monitor", "resident", "outsider", "anonymous"]
SCREENS = [
    "manage_list",
    "manage_create",
    "manage_edit",
    "manage_sections",
    "manage_section",
    "manage_section_move",
    "manage_import",
    "manage_versions",
    "manage_annexes",
    "manage_meetings",
    "manage_publish",
]


def _login(client, persona, request):
    if persona != "anonymous":
        client.force_login(request.getfixturevalue(persona))


def _screens(consultation):
    slug = consultation.slug
    section = consultation.versions.get().sections.first()
    manage = f"/consultations/manage/{slug}/"
    return {
        "manage_list": ("get", "/consultations/manage/"),
        "manage_create": ("get", "/consultations/manage/new/"),
        "manage_edit": ("get", manage),
        "manage_sections": ("get", f"{manage}sections/"),
        "manage_section": ("get", f"{manage}sections/{section.pk}/"),
        "manage_section_move": ("post", f"{manage}sections/{section.pk}/move/"),
        "manage_import": ("get", f"{manage}import/"),
        "manage_versions": ("get", f"{manage}versions/"),
        "manage_annexes": ("get", f"{manage}annexes/"),
        "manage_meetings": ("get", f"{manage}meetings/"),
        "manage_publish": ("post", f"{manage}publish/"),
    }


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize("screen", SCREENS)
def test_only_staff_reach_the_staff_screens(client, request, consultation, persona, screen):
    _login(client, persona, request)
    method, url = _screens(consultation)[screen]
    response = getattr(client, method)(url)
    if persona == "staff":
        assert response.status_code in (200, 302)
        if response.status_code == 302:
            assert "/accounts/login/" not in response["Location"]
    elif persona == "anonymous":
        assert response.status_code == 302
        assert "/accounts/login/" in response["Location"]
    else:
        assert response.status_code == 403


def test_staff_make_a_consultation_and_publish_it_through_the_screens(client, staff):
    client.force_login(staff)
    today = timezone.localdate()
    response = client.post(
        "/consultations/manage/new/",
        {
            "title": "Програма за читалищната дейност",
            "kind": "programme",
            "summary": "Дейностите на читалищата през 2027 г.",
            "opens_on": today.isoformat(),
            "closes_on": (today + timedelta(days=30)).isoformat(),
        },
    )
    consultation = Consultation.objects.get()
    assert response["Location"] == f"/consultations/manage/{consultation.slug}/sections/"
    client.post(
        f"/consultations/manage/{consultation.slug}/sections/",
        {"number": "Чл. 1", "heading": "Цел", "text": "Подкрепа за читалищата."},
    )
    client.post(f"/consultations/manage/{consultation.slug}/publish/")
    consultation.refresh_from_db()
    assert consultation.is_public()
    assert client.get("/consultations/").context["current"] == [consultation]


@pytest.mark.parametrize("persona", ["anonymous", "resident", "monitor", "outsider"])
def test_a_draft_is_not_found_by_the_public(client, request, persona):
    draft = build_consultation(slug="chernova", status=Consultation.Status.DRAFT)
    _login(client, persona, request)
    for url in (
        f"/consultations/{draft.slug}/",
        f"/consultations/{draft.slug}/v1/",
        f"/consultations/{draft.slug}/compare/?a=1&b=1",
    ):
        assert client.get(url).status_code == 404
    assert draft not in client.get("/consultations/").context["current"]


@pytest.mark.parametrize("persona", ["staff", "official"])
def test_staff_and_officials_preview_a_draft(client, request, persona):
    draft = build_consultation(slug="chernova", status=Consultation.Status.DRAFT)
    _login(client, persona, request)
    assert client.get(f"/consultations/{draft.slug}/").status_code == 200


def test_the_page_shows_the_document_its_period_meetings_and_comment_counts(
    client, staff, consultation, english
):
    documents.link_meeting(consultation, build_meeting(), user=staff)
    section = consultation.versions.get().sections.get(key="chl-2")
    for status in (Comment.Status.PUBLISHED, Comment.Status.PENDING):
        Comment.objects.create(
            consultation=consultation,
            section=section,
            text=f"Предложение ({status}).",
            author_name="Иван",
            status=status,
        )
    response = client.get(f"/en/consultations/{consultation.slug}/")
    page = response.content.decode()
    assert response.status_code == 200
    assert "Open for comments: 26 days left" in page
    assert "Мотиви към проекта." in page and "Частична предварителна оценка" in page
    assert "/events/obsazhdane-pirgovo/" in page
    assert "1 published comment" in page
    assert "Предложение (published)." in page
    assert "Предложение (pending)." not in page


def test_a_short_period_shows_its_reason_and_a_closed_one_says_so(client, english):
    build_consultation(
        slug="kratak",
        days_open=20,
        opened_days_ago=40,
        short_period_reason="Срокът по програмата изтича.",
    )
    page = client.get("/en/consultations/kratak/").content.decode()
    assert "Срокът по програмата изтича." in page
    assert "Closed for comments" in page
    listing = client.get("/en/consultations/").context
    assert [c.slug for c in listing["past"]] == ["kratak"]


def test_the_version_page_shows_that_versions_text_and_changelog(client, staff, consultation):
    revision = documents.new_version(
        consultation, user=staff, kind=Version.Kind.REVISION, changelog="Чл. 2 е преработен."
    )
    sections.update_section(
        revision.sections.get(key="chl-2"), user=staff, number="Чл. 2", heading="Шум", text="Нов."
    )
    first = client.get(f"/consultations/{consultation.slug}/v1/").content.decode()
    second = client.get(f"/consultations/{consultation.slug}/v2/").content.decode()
    assert "между 22 и 6 часа" in first and "Нов." not in first
    assert "Нов." in second and "Чл. 2 е преработен." in second
    assert client.get(f"/consultations/{consultation.slug}/v3/").status_code == 404


def _page_queries(client, url):
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def _sections(consultation, count):
    version = consultation.versions.get()
    Section.objects.bulk_create(
        Section(
            version=version,
            key=f"chl-{number}",
            number=f"Чл. {number}",
            heading=f"Член {number}",
            text="Текст.",
            position=number,
        )
        for number in range(4, count + 1)
    )
    for section in version.sections.all():
        Comment.objects.create(
            consultation=consultation,
            section=section,
            text="Съгласен съм.",
            author_name="Мария",
            status=Comment.Status.PUBLISHED,
        )


def test_the_consultation_page_takes_as_many_queries_for_fifteen_sections_as_for_three(
    client, staff
):
    few = build_consultation(slug="malko")
    _sections(few, 3)
    many = build_consultation(slug="mnogo")
    _sections(many, 15)
    for consultation in (few, many):
        documents.link_meeting(
            consultation, build_meeting(slug=f"sreshta-{consultation.slug}"), user=staff
        )
    assert _page_queries(client, "/consultations/malko/") == _page_queries(
        client, "/consultations/mnogo/"
    )
    assert _page_queries(client, "/consultations/mnogo/") <= 12


def test_the_list_takes_as_many_queries_for_many_consultations_as_for_one(client):
    build_consultation(slug="edno")
    few = _page_queries(client, "/consultations/")
    for number in range(6):
        build_consultation(slug=f"druga-{number}", opened_days_ago=60 * number)
    assert _page_queries(client, "/consultations/") == few
