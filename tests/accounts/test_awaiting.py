"""Each role lands on its own page after login; staff and officials on what awaits them, made of
the sections the apps register, each shown to those who hold its permission."""

import pytest
from django.urls import reverse

from ivanovo_portal.accounts import awaiting

pytestmark = pytest.mark.django_db


def awaiting_url():
    """The page's address in the language active now (English under the ``english`` fixture)."""
    return reverse("accounts:awaiting")


@pytest.mark.parametrize(
    ("persona", "page"),
    [
        ("staff", "accounts:awaiting"),
        ("official", "accounts:awaiting"),
        ("monitor", "accounts:awaiting"),
        ("resident", "accounts:profile"),
        ("outsider", "accounts:profile"),
    ],
)
def test_each_role_lands_on_its_own_page_after_login(request, log_in, persona, page):
    request.getfixturevalue(persona)

    response = log_in(persona)

    assert response.status_code == 302
    assert response.url == reverse(page)


def test_a_logged_in_person_opening_the_login_page_lands_on_their_page(client, official):
    client.force_login(official)

    assert client.get(reverse("accounts:login")).url == awaiting_url()


@pytest.mark.parametrize("persona", ["staff", "official", "monitor", "resident"])
def test_the_page_of_what_awaits_opens_for_everyone_logged_in(client, request, persona):
    client.force_login(request.getfixturevalue(persona))

    assert client.get(awaiting_url()).status_code == 200


def test_anonymous_visitors_are_asked_to_log_in(client, db):
    response = client.get(awaiting_url())

    assert response.status_code == 302
    assert response.url.startswith(reverse("accounts:login"))


def test_the_official_sees_what_awaits_the_municipality_and_not_the_staffs_work(
    client, official, english
):
    client.force_login(official)

    response = client.get(awaiting_url())

    html = response.content.decode()
    keys = [key for key, _section, _items in response.context["sections"]]
    assert "What awaits the municipality" in html
    assert "recommendations_awaiting_answer" in keys
    assert "recommendations_awaiting_implementation" in keys
    assert "recommendations_drafts" not in keys
    assert "documents_failed" not in keys


def test_staff_see_their_own_work_first(client, staff, english):
    client.force_login(staff)

    response = client.get(awaiting_url())

    keys = [key for key, _section, _items in response.context["sections"]]
    assert "What awaits you" in response.content.decode()
    assert keys[:5] == [
        "recommendations_drafts",
        "recommendations_without_letter",
        "recommendations_letters_to_file",
        "documents_failed",
        "surveys_quotas_behind",
    ]


def test_a_monitor_with_nothing_to_score_is_told_nothing_awaits(client, monitor, english):
    client.force_login(monitor)

    html = client.get(awaiting_url()).content.decode()

    assert "Observations awaiting a second score" in html
    assert "Nothing awaits here." in html


def test_a_role_without_sections_is_told_nothing_awaits(client, resident, english):
    client.force_login(resident)

    html = client.get(awaiting_url()).content.decode()

    assert "Nothing awaits you in the portal now." in html


@pytest.mark.parametrize("persona", ["staff", "official", "monitor"])
def test_the_page_is_reachable_from_the_navigation(client, request, persona):
    client.force_login(request.getfixturevalue(persona))

    html = client.get(reverse("home")).content.decode()

    assert f'href="{awaiting_url()}"' in html


@pytest.fixture
def test_section():
    section = awaiting.Section(
        title="Тестов раздел",
        permission="surveys.enter_paper_response",
        items=lambda user: [
            awaiting.Item(title="Нещо за вършене", url="/somewhere/", detail="подробно")
        ],
    )
    with awaiting.sections.override({"test_only": section}):
        yield


def test_a_registered_section_shows_only_to_holders_of_its_permission(
    client, staff, official, test_section
):
    client.force_login(staff)
    assert "Нещо за вършене" in client.get(awaiting_url()).content.decode()

    client.force_login(official)
    assert "Нещо за вършене" not in client.get(awaiting_url()).content.decode()
