"""Login throttling behind the reverse proxy: a lockout holds the client's address, not the
proxy's, once DJANGO_TRUSTED_PROXIES says how many proxies stand in front."""

import importlib.util

import pytest

import ivanovo_portal.settings

PROXY = "172.18.0.1"
ATTACKER = "203.0.113.5"
STAFF_MEMBER = "198.51.100.7"


def settings_from_environment(monkeypatch, **environment):
    """The settings module as it reads this environment, loaded afresh beside the running one."""
    for name, value in environment.items():
        monkeypatch.setenv(name, value)
    spec = importlib.util.spec_from_file_location(
        "settings_under_test", ivanovo_portal.settings.__file__
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture
def behind_one_proxy(settings, monkeypatch):
    """The settings of docs/deployment.md: nginx in front, setting X-Forwarded-For."""
    configured = settings_from_environment(monkeypatch, DJANGO_TRUSTED_PROXIES="1")
    settings.TRUSTED_PROXIES = configured.TRUSTED_PROXIES


def through_the_proxy(log_in, client_address, *args, forwarded_for=None):
    """Log in as nginx passes it on: from the proxy's address, the client's in the header."""
    return log_in(*args, REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=forwarded_for or client_address)


def test_without_trusted_proxies_the_forwarded_address_is_not_believed(monkeypatch):
    configured = settings_from_environment(monkeypatch, DJANGO_TRUSTED_PROXIES="0")

    assert configured.TRUSTED_PROXIES == 0


def test_behind_the_proxy_a_lockout_holds_only_the_clients_address(behind_one_proxy, staff, log_in):
    for _attempt in range(5):
        through_the_proxy(log_in, ATTACKER, "staff", "wrong password")

    assert through_the_proxy(log_in, ATTACKER, "staff").status_code == 429
    assert through_the_proxy(log_in, STAFF_MEMBER, "staff").status_code == 302


def test_behind_the_proxy_a_made_up_forwarded_address_does_not_escape_the_lockout(
    behind_one_proxy, staff, log_in
):
    # nginx appends the real address to whatever the client sent.
    for attempt in range(5):
        made_up = f"10.0.0.{attempt}, {ATTACKER}"
        through_the_proxy(log_in, ATTACKER, "staff", "wrong password", forwarded_for=made_up)

    made_up = f"10.0.0.99, {ATTACKER}"
    response = through_the_proxy(log_in, ATTACKER, "staff", forwarded_for=made_up)
    assert response.status_code == 429
    assert through_the_proxy(log_in, STAFF_MEMBER, "staff").status_code == 302


def test_without_trusted_proxies_everyone_behind_the_proxy_shares_its_address(staff, log_in):
    for _attempt in range(5):
        through_the_proxy(log_in, ATTACKER, "staff", "wrong password")

    assert through_the_proxy(log_in, STAFF_MEMBER, "staff").status_code == 429
