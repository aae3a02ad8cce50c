from io import StringIO

import pytest
from django.apps import apps
from django.core.management import CommandError, call_command

from ivanovo_portal.accounts.demo import PASSWORD
from ivanovo_portal.accounts.models import User
from ivanovo_portal.accounts.roles import Role
from ivanovo_portal.demo import seeders


def seed():
    out = StringIO()
    call_command("seed_demo", stdout=out)
    return out.getvalue()


def seed_accounts():
    """The demo's accounts alone, without the activities' content: what these tests look at."""
    with seeders.override(only=True):
        return seed()


def row_counts():
    return {model._meta.label: model.objects.count() for model in apps.get_models()}


def test_seed_demo_is_refused_without_debug(db, settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="DJANGO_DEBUG"):
        seed()
    assert not User.objects.exists()


def test_seed_demo_creates_one_account_per_role_and_an_administrator(db, settings):
    settings.DEBUG = True
    seed_accounts()
    roles = {
        "staff": Role.PROJECT_STAFF,
        "monitor": Role.NGO_MONITOR,
        "official": Role.MUNICIPAL_OFFICIAL,
        "resident": Role.RESIDENT,
    }
    for username, role in roles.items():
        user = User.objects.get(username=username)
        assert list(user.groups.values_list("name", flat=True)) == [role]
        assert user.email == f"{username}@example.org"
        assert user.check_password(PASSWORD)
    assert User.objects.get(username="official").organisation == "Община Иваново"
    assert User.objects.get(username="admin").is_superuser


def test_demo_logins_work_on_the_login_page(db, settings, log_in):
    settings.DEBUG = True
    seed_accounts()
    assert log_in("monitor", PASSWORD).status_code == 302


def test_seed_demo_twice_changes_nothing(db, settings):
    settings.DEBUG = True
    seed()
    first = row_counts()
    staff_password = User.objects.get(username="staff").password
    seed()
    assert row_counts() == first
    assert User.objects.get(username="staff").password == staff_password


def test_seed_demo_prints_the_demo_logins(db, settings):
    settings.DEBUG = True
    out = seed_accounts()
    for username in ["admin", "staff", "monitor", "official", "resident"]:
        assert username in out
    assert PASSWORD in out


def test_registered_seeders_run_with_the_demo_accounts(db, settings):
    settings.DEBUG = True
    seen = []
    events = {"events": lambda accounts: seen.append(accounts.monitor.username)}
    with seeders.override(events, only=True):
        seed()
    assert seen == ["monitor"]


def test_the_kernel_seeds_its_demo_before_the_activities():
    labels = seeders.keys()
    assert labels[0] == "recommendations"
    assert labels.index("recommendations") < labels.index("surveys")
