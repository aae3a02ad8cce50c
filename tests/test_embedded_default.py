"""The embedded default as `make run` serves it: `runserver` on SQLite, with nothing configured."""

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request

import pytest
from django.conf import settings

UNSET = [
    "DJANGO_DEBUG",
    "DJANGO_SECRET_KEY",
    "DJANGO_ALLOWED_HOSTS",
    "DJANGO_CSRF_TRUSTED_ORIGINS",
    "DATABASE_URL",
    "REDIS_URL",
    "EMAIL_HOST",
]


def _free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _get(url):
    """Status and body of a GET; an error status is an answer too."""
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()


@pytest.fixture(scope="module")
def embedded_portal(tmp_path_factory):
    """`manage.py runserver` with the environment `make run` leaves: no debugging asked for."""
    folder = tmp_path_factory.mktemp("embedded")
    env = {name: value for name, value in os.environ.items() if name not in UNSET}
    env["MEDIA_ROOT"] = str(folder / "media")
    # The SQLite file of `make run` is db.sqlite3 beside manage.py: leave it alone.
    env["DATABASE_URL"] = f"sqlite:///{folder / 'db.sqlite3'}"
    port = _free_port()
    log = open(folder / "server.log", "w")  # noqa: SIM115  (closed below, after the server)
    server = subprocess.Popen(
        [sys.executable, "manage.py", "runserver", f"127.0.0.1:{port}", "--noreload"],
        cwd=settings.BASE_DIR,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while True:
        try:
            urllib.request.urlopen(f"{base}/healthz", timeout=2)
            break
        except urllib.error.HTTPError:
            break
        except OSError:
            if server.poll() is not None or time.monotonic() > deadline:
                server.kill()
                log.close()
                pytest.fail(f"runserver did not start:\n{(folder / 'server.log').read_text()}")
            time.sleep(0.3)
    yield base
    server.terminate()
    server.wait(timeout=10)
    log.close()


def test_an_unknown_address_shows_the_portals_own_page_not_djangos_debug_page(embedded_portal):
    status, html = _get(f"{embedded_portal}/no-such-page/")

    assert status == 404
    assert "<h1>Страницата не е намерена</h1>" in html
    assert 'class="portal-footer' in html
    assert "Using the URLconf" not in html
    assert "DEBUG = True" not in html


def test_the_embedded_default_serves_its_styles_without_debugging(embedded_portal):
    status, css = _get(f"{embedded_portal}/static/css/portal.css")

    assert status == 200
    assert ":focus-visible" in css
