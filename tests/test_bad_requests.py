"""Requests no person sends, answered with a 400 page instead of a server error."""

import pytest
from django.urls import reverse


@pytest.mark.parametrize(
    "url, data",
    [
        ("/recommendations/", {"status": "a\x00b"}),
        ("/recommendations/", {"a\x00b": "1"}),
        ("/recommendations/%00/", {}),
    ],
)
def test_a_null_character_in_the_address_or_the_query_is_refused(client, db, url, data):
    response = client.get(url, data)

    assert response.status_code == 400
    html = response.content.decode()
    assert "<h1>Заявката не може да бъде прочетена</h1>" in html
    assert 'lang="bg"' in html


def test_a_null_character_in_a_form_is_refused(client, db):
    response = client.post(reverse("accounts:login"), {"username": "a\x00b", "password": "x"})
    assert response.status_code == 400


def test_the_page_of_a_refused_request_is_in_the_language_of_its_address(client, db):
    response = client.get("/en/recommendations/", {"q": "\x00"})
    assert response.status_code == 400
    assert "The request could not be read" in response.content.decode()


def test_an_id_past_any_integer_column_is_not_found(client, staff):
    client.force_login(staff)
    for url in ("/documents/", "/recommendations/"):
        assert client.get(f"{url}{'9' * 40}/").status_code == 404


@pytest.mark.parametrize("page", ["9" * 40, "-1", "²", "x"])
def test_any_page_number_shows_a_page_of_the_list(client, staff, page):
    client.force_login(staff)
    assert client.get("/documents/", {"page": page}).status_code == 200
    assert client.get("/recommendations/", {"page": page}).status_code == 200
