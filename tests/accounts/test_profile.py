import json

from django.contrib.auth.models import Group
from django.urls import reverse

from ivanovo_portal.accounts import personal_data
from ivanovo_portal.accounts.models import User
from ivanovo_portal.accounts.roles import Role
from tests.accounts.conftest import PASSWORD


def test_the_profile_needs_a_login(client, db):
    response = client.get(reverse("accounts:profile"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("accounts:login"))


def test_the_profile_shows_the_roles_by_name(staff, client, english):
    staff.groups.add(Group.objects.get(name=Role.NGO_MONITOR))
    client.force_login(staff)
    html = client.get(reverse("accounts:profile")).content.decode()
    assert "<li>Project staff</li>" in html
    assert "<li>NGO monitor</li>" in html
    assert "staff@example.org" in html
    assert f'href="{reverse("accounts:password_change")}"' in html


def test_a_resident_downloads_their_own_data_only(resident, staff, client):
    client.force_login(resident)
    response = client.get(reverse("accounts:download_data"))
    assert response["Content-Type"].startswith("application/json")
    assert "attachment" in response["Content-Disposition"]
    data = json.loads(response.content)
    assert data["account"]["username"] == "resident"
    assert data["account"]["email"] == "resident@example.org"
    assert data["account"]["roles"] == ["Жител"]
    assert "staff@example.org" not in response.content.decode()


def test_apps_add_their_personal_data_to_the_download(resident, client):
    client.force_login(resident)
    registrations = personal_data.Declaration(
        model=User,
        fields=("email",),
        data="",
        purpose="",
        legal_basis=personal_data.LegalBasis.CONSENT,
        retention="",
        of=lambda person: User.objects.filter(pk=person.user.pk),
    )
    with personal_data.declarations.override({"event_registrations": registrations}):
        data = json.loads(client.get(reverse("accounts:download_data")).content)
    assert data["event_registrations"][0]["email"] == "resident@example.org"


def test_erasing_asks_first_and_deletes_nothing_on_a_get(resident, client):
    client.force_login(resident)
    assert client.get(reverse("accounts:erase")).status_code == 200
    assert User.objects.filter(pk=resident.pk).exists()


def test_erasing_needs_the_password(resident, client, english):
    client.force_login(resident)
    response = client.post(reverse("accounts:erase"), {"password": "wrong"})
    assert response.status_code == 200
    assert "This is not your current password." in response.content.decode()
    assert User.objects.filter(pk=resident.pk).exists()


def test_a_resident_erases_their_account_and_is_logged_out(resident, staff, client):
    client.force_login(resident)
    response = client.post(reverse("accounts:erase"), {"password": PASSWORD})
    assert response.url == reverse("home")
    assert not User.objects.filter(pk=resident.pk).exists()
    assert User.objects.filter(pk=staff.pk).exists()
    assert "_auth_user_id" not in client.session
