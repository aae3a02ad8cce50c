"""Yes-or-no settings from the environment are read strictly: a typo stops start-up with the
variable and its value named, rather than silently meaning "off"."""

import pytest
from django.core.exceptions import ImproperlyConfigured

from ivanovo_portal.settings import env_flag
from tests.conftest import run_python


@pytest.mark.parametrize("value", ["1", "true", "True", "YES", "on", " On "])
def test_the_usual_ways_of_saying_yes_are_understood(monkeypatch, value):
    monkeypatch.setenv("EMAIL_USE_TLS", value)

    assert env_flag("EMAIL_USE_TLS", False) is True


@pytest.mark.parametrize("value", ["0", "false", "FALSE", "no", "Off"])
def test_the_usual_ways_of_saying_no_are_understood(monkeypatch, value):
    monkeypatch.setenv("EMAIL_USE_TLS", value)

    assert env_flag("EMAIL_USE_TLS", True) is False


@pytest.mark.parametrize("value", [None, "", "  "])
def test_an_unset_or_empty_variable_takes_the_default(monkeypatch, value):
    if value is None:
        monkeypatch.delenv("EMAIL_USE_TLS", raising=False)
    else:
        monkeypatch.setenv("EMAIL_USE_TLS", value)

    assert env_flag("EMAIL_USE_TLS", True) is True
    assert env_flag("EMAIL_USE_TLS", False) is False


@pytest.mark.parametrize("value", ["ture", "y", "2", "enabled", "tls"])
def test_a_typo_is_refused_naming_the_variable_and_the_value(monkeypatch, value):
    monkeypatch.setenv("EMAIL_USE_TLS", value)

    with pytest.raises(ImproperlyConfigured) as refused:
        env_flag("EMAIL_USE_TLS", True)

    assert f"EMAIL_USE_TLS={value!r}" in str(refused.value)


def test_the_portal_does_not_start_with_a_typo_in_a_flag():
    started = run_python(
        "manage.py", "check", EMAIL_HOST="smtp.portal.example", EMAIL_USE_TLS="ture"
    )

    assert started.returncode != 0
    assert "ImproperlyConfigured: EMAIL_USE_TLS='ture' is not understood" in started.stderr
