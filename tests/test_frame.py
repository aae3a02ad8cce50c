import os
import subprocess
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse

from ivanovo_portal.places.models import Settlement
from tests.conftest import run_python

PUBLIC_URLS = [
    "/",
    "/surveys/",
    "/monitoring/",
    "/toolkit/",
    "/consultations/",
    "/news/",
    "/campaign/",
    "/campaign/bulletins/",
    "/campaign/bulletins/pirgovo/",
    "/events/",
    "/publications/",
    "/recommendations/",
    "/indicators/",
    "/accounts/login/",
]


@pytest.mark.django_db
@pytest.mark.parametrize("url", PUBLIC_URLS)
def test_every_public_address_answers_in_bulgarian_and_in_english(client, url):
    bulgarian = client.get(url)
    english = client.get(f"/en{url}")

    assert bulgarian.status_code == 200
    assert '<html lang="bg">' in bulgarian.text
    assert english.status_code == 200
    assert '<html lang="en">' in english.text


@pytest.mark.django_db
def test_admin_leads_to_its_login_page(client):
    response = client.get("/admin/", follow=True)

    assert response.status_code == 200
    assert response.redirect_chain[-1][0].startswith("/admin/login/")


@pytest.mark.django_db
def test_home_presents_the_project(client):
    response = client.get("/")

    assert "BG05SFOP001-2.025-0007" in response.text
    assert "За бъдещо развитие на община Иваново" in response.text
    assert "Сдружение „Център Динамика“" in response.text
    assert "59\xa0875,20" in response.text
    assert "50\xa0893,92" in response.text
    assert "8\xa0981,28" in response.text
    assert "26.07.2022" in response.text
    for settlement in Settlement.objects.all():
        assert settlement.name in response.text
    for url_name in ["surveys:index", "monitoring:index", "toolkit:index", "consultations:index"]:
        assert f'href="{reverse(url_name)}"' in response.text


@pytest.mark.django_db
def test_every_page_carries_the_eu_visibility_block(client):
    response = client.get("/toolkit/")

    assert "Европейски съюз, Европейски социален фонд" in response.text
    assert "Оперативна програма „Добро управление“" in response.text
    assert "BG05SFOP001-2.025-0007" in response.text


@pytest.mark.django_db
def test_english_pages_use_english_names_of_settlements(client):
    response = client.get("/en/")

    assert "Shtraklevo" in response.text
    assert "Щръклево" not in response.text


@pytest.mark.django_db
def test_language_switch_leads_to_the_same_page_in_the_other_language(client):
    response = client.get("/toolkit/")

    assert 'href="/en/toolkit/"' in response.text


@pytest.mark.django_db
def test_pages_forbid_inline_scripts_and_framing(client):
    response = client.get("/")
    policy = response.headers["Content-Security-Policy"]

    assert "script-src 'self'" in policy
    assert "unsafe-inline" not in policy
    assert "frame-ancestors 'none'" in policy
    assert response.headers["X-Frame-Options"] == "DENY"
    assert response.headers["Referrer-Policy"] == "same-origin"
    assert "<script>" not in response.text


@pytest.mark.django_db
def test_health_check_reports_database_and_redis(client):
    response = client.get("/healthz")

    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok", "broker": "ok"}


@pytest.mark.django_db
def test_health_check_fails_when_redis_is_unreachable(client, settings):
    settings.REDIS_URL = "redis://127.0.0.1:1/0"

    response = client.get("/healthz")

    assert response.status_code == 503
    assert response.json()["broker"] == "error: ConnectionError"
    assert response.json()["database"] == "ok"


def test_production_settings_pass_the_deployment_check():
    result = run_python(
        "manage.py",
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        DJANGO_DEBUG="0",
        DJANGO_SECRET_KEY="a-production-secret-" + "x" * 50,
        DJANGO_ALLOWED_HOSTS="portal.example",
        EMAIL_HOST="smtp.portal.example",
    )

    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout


@pytest.mark.parametrize("hosts", ["portal.example", ""])
def test_production_refuses_to_start_without_a_secret_key(hosts):
    # DJANGO_DEBUG=0 alone is production too: a server exposed without its host names must not
    # sign sessions with the development key, which a spoofed "Host: localhost" would reach.
    result = run_python(
        "manage.py", "check", DJANGO_DEBUG="0", DJANGO_SECRET_KEY="", DJANGO_ALLOWED_HOSTS=hosts
    )

    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY must be set" in result.stderr


def test_bulgarian_translation_is_complete():
    catalogue = Path(settings.BASE_DIR, "locale", "bg", "LC_MESSAGES", "django.po")
    result = subprocess.run(
        ["msgfmt", "--statistics", "-o", os.devnull, str(catalogue)],
        capture_output=True,
        text=True,
    )

    assert result.returncode == 0, result.stderr
    assert "untranslated" not in result.stderr
    assert "fuzzy" not in result.stderr
