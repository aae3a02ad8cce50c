import re

from django.urls import reverse

from tests.accounts.conftest import PASSWORD

NEW_PASSWORD = "Tръстеник по залез 2023"


def test_a_forgotten_password_is_reset_through_the_emailed_link(
    resident, client, mailoutbox, log_in, english
):
    response = client.post(reverse("accounts:password_reset"), {"email": "resident@example.org"})
    assert response.url == reverse("accounts:password_reset_done")
    assert len(mailoutbox) == 1
    message = mailoutbox[0]
    assert message.to == ["resident@example.org"]
    assert "new password" in message.subject
    link = re.search(r"https?://[^/\s]+(/\S+)", message.body).group(1)

    form_url = client.get(link).url  # the token moves into the session
    response = client.post(form_url, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})
    assert response.url == reverse("accounts:password_reset_complete")
    assert log_in("resident", NEW_PASSWORD).status_code == 302


def test_a_used_reset_link_no_longer_works(resident, client, mailoutbox, english):
    client.post(reverse("accounts:password_reset"), {"email": "resident@example.org"})
    link = re.search(r"https?://[^/\s]+(/\S+)", mailoutbox[0].body).group(1)
    form_url = client.get(link).url
    client.post(form_url, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})

    response = client.get(link, follow=True)
    assert "This link no longer works" in response.content.decode()


def test_an_unknown_address_gets_the_same_answer_and_no_email(db, client, mailoutbox):
    response = client.post(reverse("accounts:password_reset"), {"email": "nobody@example.org"})
    assert response.url == reverse("accounts:password_reset_done")
    assert mailoutbox == []


def test_a_logged_in_user_changes_their_password(staff, client):
    client.force_login(staff)
    response = client.post(
        reverse("accounts:password_change"),
        {"old_password": PASSWORD, "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )
    assert response.url == reverse("accounts:password_change_done")
    staff.refresh_from_db()
    assert staff.check_password(NEW_PASSWORD)


def test_a_wrong_old_password_changes_nothing(staff, client):
    client.force_login(staff)
    response = client.post(
        reverse("accounts:password_change"),
        {"old_password": "guess", "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )
    assert response.status_code == 200
    assert response.context["form"].errors["old_password"]
    staff.refresh_from_db()
    assert staff.check_password(PASSWORD)
