"""The second factor after the password, and logins that cannot be turned against their owners."""

import json
from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from ivanovo_portal.accounts import second_factor
from ivanovo_portal.accounts.demo import PASSWORD as DEMO_PASSWORD
from ivanovo_portal.demo import seeders
from tests.conftest import make_user

ELSEWHERE = "198.51.100.7"
ATTACKER = "203.0.113.5"
PROXY = "172.18.0.1"


def code_of(device):
    return f"{totp(device.bin_key):06d}"


def enrol(user):
    return TOTPDevice.objects.create(user=user, name=second_factor.AUTHENTICATOR, confirmed=True)


def give_code(client, code, **extra):
    return client.post(reverse("accounts:second_factor"), {"code": code}, **extra)


@pytest.fixture
def authenticator(staff):
    return enrol(staff)


@pytest.fixture
def administrator(db):
    user = make_user("chief", is_staff=True, is_superuser=True)
    enrol(user)
    return user


def test_the_right_password_alone_opens_no_staff_page_and_not_the_admin(
    authenticator, administrator, log_in, client
):
    log_in("staff")

    response = client.get(reverse("accounts:awaiting"), follow=True)
    assert response.redirect_chain[-1][0].startswith(reverse("accounts:second_factor"))
    assert client.get(reverse("accounts:profile")).status_code == 302

    client.post(reverse("accounts:logout"))
    log_in("chief")
    response = client.get(reverse("admin:index"))
    assert response.url.startswith(reverse("accounts:second_factor"))


def test_public_pages_stay_readable_before_the_code(authenticator, log_in, client):
    log_in("staff")
    assert client.get(reverse("home")).status_code == 200


def test_with_the_code_staff_pages_and_the_admin_answer(administrator, log_in, client):
    log_in("chief")
    response = give_code(client, code_of(administrator.totpdevice_set.get()))

    assert response.status_code == 302
    assert client.get(reverse("accounts:awaiting")).status_code == 200
    assert client.get(reverse("admin:index")).status_code == 200


def test_the_code_step_returns_to_the_page_asked_for(authenticator, log_in, client):
    log_in("staff")
    response = client.get(reverse("accounts:profile"), follow=True)
    step = response.redirect_chain[-1][0]
    assert step == reverse("accounts:second_factor") + "?next=%2Faccounts%2Fprofile%2F"

    response = client.post(step, {"code": code_of(authenticator), "next": "/accounts/profile/"})
    assert response.url == reverse("accounts:profile")


def test_a_recovery_code_works_once(staff, authenticator, log_in, client):
    codes = second_factor.new_recovery_codes(staff)

    log_in("staff")
    assert give_code(client, codes[0].upper()).status_code == 302
    client.post(reverse("accounts:logout"))

    log_in("staff")
    assert give_code(client, codes[0]).status_code == 200
    assert client.get(reverse("accounts:awaiting")).status_code == 302


def test_wrong_codes_count_toward_the_lock(authenticator, log_in, client, english):
    log_in("staff")
    for _attempt in range(4):
        assert give_code(client, "000000").status_code == 200

    response = give_code(client, "000000")
    assert response.status_code == 429
    response = give_code(client, code_of(authenticator))
    assert response.status_code == 429
    assert "Logging in is paused" in response.content.decode()


def test_the_right_password_does_not_wipe_out_wrong_codes(authenticator, log_in, client):
    log_in("staff")
    for _attempt in range(4):
        give_code(client, "000000")
    client.post(reverse("accounts:logout"))

    log_in("staff")
    assert give_code(client, "000000").status_code == 429


def test_wrong_codes_from_elsewhere_do_not_lock_out_the_owner(authenticator, log_in, client):
    log_in("staff", REMOTE_ADDR=ATTACKER)
    for _attempt in range(5):
        give_code(client, "000000", REMOTE_ADDR=ATTACKER)
    client.post(reverse("accounts:logout"))

    log_in("staff", REMOTE_ADDR=ELSEWHERE)
    assert give_code(client, code_of(authenticator), REMOTE_ADDR=ELSEWHERE).status_code == 302


def test_staff_without_an_authenticator_are_sent_to_enrol(staff, log_in, client):
    log_in("staff")
    response = client.get(reverse("accounts:second_factor"))
    assert response.url == reverse("accounts:second_factor_enrol")


def test_enrolment_shows_a_qr_code_and_the_key_and_gives_recovery_codes(
    staff, log_in, client, english
):
    log_in("staff")
    html = client.get(reverse("accounts:second_factor_enrol")).content.decode()
    device = TOTPDevice.objects.get(user=staff, confirmed=False)
    key = second_factor.manual_key(device)
    assert 'src="data:image/svg+xml' in html
    assert key in html

    response = client.post(reverse("accounts:second_factor_enrol"), {"code": code_of(device)})
    assert response.status_code == 200
    assert "Your recovery codes" in response.content.decode()
    assert len(response.context["codes"]) == second_factor.RECOVERY_CODES
    assert client.get(reverse("accounts:awaiting")).status_code == 200


def test_a_wrong_first_code_enrols_nothing(staff, log_in, client):
    log_in("staff")
    client.get(reverse("accounts:second_factor_enrol"))
    client.post(reverse("accounts:second_factor_enrol"), {"code": "000000"})
    assert second_factor.authenticator(staff) is None
    assert client.get(reverse("accounts:awaiting")).status_code == 302


def test_a_resident_needs_no_code_but_may_opt_in(resident, log_in, client, english):
    log_in("resident")
    html = client.get(reverse("accounts:profile")).content.decode()
    assert reverse("accounts:second_factor_enrol") in html

    client.get(reverse("accounts:second_factor_enrol"))
    device = TOTPDevice.objects.get(user=resident)
    response = client.post(reverse("accounts:second_factor_enrol"), {"code": code_of(device)})
    recovery_code = response.context["codes"][0]
    client.post(reverse("accounts:logout"))

    log_in("resident")
    assert client.get(reverse("accounts:profile")).status_code == 302
    give_code(client, recovery_code)
    assert client.get(reverse("accounts:profile")).status_code == 200
    client.post(reverse("accounts:second_factor_off"))
    assert second_factor.authenticator(resident) is None


def test_staff_cannot_turn_the_second_factor_off(staff, authenticator, client):
    client.force_login(staff)
    client.post(reverse("accounts:second_factor_off"))
    assert second_factor.authenticator(staff) is not None


def test_a_forged_forwarded_address_cannot_lock_out_the_owner(staff, log_in, settings):
    settings.TRUSTED_PROXIES = 1
    # The attacker writes the owner's address into the header; nginx appends the attacker's.
    for _attempt in range(6):
        log_in(
            "staff",
            "wrong password",
            REMOTE_ADDR=PROXY,
            HTTP_X_FORWARDED_FOR=f"{ELSEWHERE}, {ATTACKER}",
        )

    response = log_in("staff", REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=ELSEWHERE)
    assert response.status_code == 302


def test_without_proxies_a_forwarded_header_is_never_read(staff, log_in):
    for _attempt in range(6):
        log_in("staff", "wrong password", REMOTE_ADDR=ATTACKER, HTTP_X_FORWARDED_FOR=ELSEWHERE)

    assert log_in("staff", REMOTE_ADDR=ELSEWHERE).status_code == 302


def test_a_password_spray_from_one_address_is_stopped(db, log_in):
    for number in range(30):
        make_user(f"person{number}")
    statuses = [
        log_in(f"person{number}", password, REMOTE_ADDR=ATTACKER).status_code
        for password in ["123456", "password", "ivanovo", "qwerty"]
        for number in range(30)
    ]
    assert statuses.count(200) == 20
    assert log_in("person0", REMOTE_ADDR=ATTACKER).status_code == 429
    assert log_in("person0", REMOTE_ADDR=ELSEWHERE).status_code == 302


def test_reset_mails_are_throttled_per_account_and_per_address(resident, client, mailoutbox):
    url = reverse("accounts:password_reset")
    statuses = [
        client.post(url, {"email": "resident@example.org"}, REMOTE_ADDR=ATTACKER).status_code
        for _request in range(21)
    ]
    assert len(mailoutbox) == 3
    assert statuses[:10] == [302] * 10
    assert set(statuses[10:]) == {429}

    client.post(url, {"email": "resident@example.org"}, REMOTE_ADDR=ELSEWHERE)
    assert len(mailoutbox) == 3


def test_a_persons_login_records_are_in_their_data(resident, log_in, client):
    log_in("resident", "wrong password")
    log_in("resident")
    data = json.loads(client.get(reverse("accounts:download_data")).content)

    assert len(data["logins"]) == 1
    assert len(data["login_failures"]) == 1
    assert data["logins"][0]["ip_address"] == "127.0.0.1"


def test_the_demo_prints_each_accounts_totp_key_beside_its_name(db, settings, log_in, client):
    settings.DEBUG = True
    out = StringIO()
    # The accounts alone: the activities' demo content plays no part in it.
    with seeders.override(only=True):
        call_command("seed_demo", stdout=out)
    lines = {line.split()[0]: line for line in out.getvalue().splitlines() if line.strip()}

    device = TOTPDevice.objects.get(user__username="official")
    assert second_factor.manual_key(device) in lines["official"]
    assert len(lines["resident"].split()) == 3

    log_in("official", DEMO_PASSWORD)
    assert give_code(client, code_of(device)).status_code == 302


def test_the_admin_never_shows_an_authenticator_s_key(administrator, authenticator, client):
    client.force_login(administrator)

    page = client.get(reverse("admin:otp_totp_totpdevice_change", args=[authenticator.pk]))
    config = client.get(reverse("admin:otp_totp_totpdevice_config", args=[authenticator.pk]))

    assert page.status_code == 200 and "authenticator (Staff)" in page.text
    assert authenticator.key not in page.text
    assert second_factor.manual_key(authenticator) not in page.text
    assert config.status_code == 403
