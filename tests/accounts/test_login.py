import re

import pytest
from django.urls import reverse

from tests.accounts.conftest import PASSWORD


def test_staff_log_in_with_their_username(staff, log_in, client):
    response = log_in("staff")
    assert response.status_code == 302
    assert response.url == reverse("accounts:awaiting")
    assert client.session["_auth_user_id"] == str(staff.pk)


def test_people_may_log_in_with_their_email_address(resident, log_in, client):
    response = log_in("Resident@Example.org")
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(resident.pk)


def test_login_returns_to_the_page_asked_for(staff, client):
    response = client.post(
        reverse("accounts:login"),
        {"username": "staff", "password": PASSWORD, "next": reverse("accounts:profile")},
    )
    assert response.url == reverse("accounts:profile")


def test_a_wrong_password_is_refused_with_a_clear_message(staff, log_in, client, english):
    response = log_in("staff", "wrong password")
    assert response.status_code == 200
    html = response.content.decode()
    assert "do not match an account" in html
    assert 'value="staff"' in html
    assert "_auth_user_id" not in client.session


def test_the_login_page_offers_a_password_reset(client, db, english):
    html = client.get(reverse("accounts:login")).content.decode()
    assert f'href="{reverse("accounts:password_reset")}"' in html
    assert "Username or e-mail address" in html


def test_five_failures_lock_logging_in_even_with_the_right_password(staff, log_in, client, english):
    for _attempt in range(5):
        log_in("staff", "wrong password")
    response = log_in("staff")
    assert response.status_code == 429
    html = response.content.decode()
    assert "Logging in is paused" in html
    assert "You can try again in 1\xa0hour" in html
    assert "_auth_user_id" not in client.session


def test_failures_by_email_count_against_the_same_account(staff, log_in, client):
    for _attempt in range(3):
        log_in("staff@example.org", "wrong password")
    for _attempt in range(2):
        log_in("staff", "wrong password")
    assert log_in("staff").status_code == 429


def test_four_failures_do_not_lock_the_account(staff, log_in, client):
    for _attempt in range(4):
        log_in("staff", "wrong password")
    assert log_in("staff").status_code == 302


def test_logging_out_needs_a_post(staff, client):
    client.force_login(staff)
    assert client.get(reverse("accounts:logout")).status_code == 405
    response = client.post(reverse("accounts:logout"))
    assert response.url == reverse("home")
    assert "_auth_user_id" not in client.session


@pytest.mark.parametrize("identifier", ["a" * 300, "a" * 300 + "@example.org"])
def test_an_overlong_username_or_email_is_refused_by_its_field(identifier, log_in, client, db):
    response = log_in(identifier)

    assert response.status_code == 200
    html = response.content.decode()
    message = re.search(r'<[^>]*id="error_1_id_username"[^>]*>(.*?)</', html, re.S)
    assert message, "no error by the username field"
    assert "най-много 254 знака" in message.group(1)
    assert "_auth_user_id" not in client.session
