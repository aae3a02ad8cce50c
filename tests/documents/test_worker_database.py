"""The real-worker tests hand the test database to the worker as a DATABASE_URL."""

import dj_database_url
import pytest

from tests.conftest import database_url_of

FIELDS = ("USER", "PASSWORD", "HOST", "PORT", "NAME")


@pytest.mark.parametrize(
    "db",
    [
        {"USER": "postgres", "PASSWORD": "", "HOST": "127.0.0.1", "PORT": 5432, "NAME": "test_x"},
        {"USER": "portal", "PASSWORD": "p@ss:w/rd %?#", "HOST": "db", "PORT": 5432, "NAME": "t"},
        {"USER": "portal", "PASSWORD": "", "HOST": "/var/run/postgresql", "PORT": "", "NAME": "t"},
        {"USER": "", "PASSWORD": "", "HOST": "", "PORT": "", "NAME": "test_portal"},
        {"USER": "portal", "PASSWORD": "secret", "HOST": "::1", "PORT": 5433, "NAME": "t"},
    ],
    ids=["plain", "password", "socket", "defaults", "ipv6"],
)
def test_the_worker_gets_the_test_database_as_it_is(db):
    parsed = dj_database_url.parse(database_url_of(db))

    assert parsed["ENGINE"] == "django.db.backends.postgresql"
    assert {field: parsed[field] for field in FIELDS} == {field: db[field] for field in FIELDS}
