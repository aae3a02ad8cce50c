"""The headers every answer carries (OWASP ASVS 3.4, 3.3): a content security policy without
inline script or style, no framing, no sniffing, a referrer kept on the site, browser features
turned off; cookies out of scripts' reach and of cross-site requests, and HTTPS only in
production."""

import json
import os
import subprocess
import sys

import pytest
from django.conf import settings
from django.urls import reverse

from ivanovo_portal.accounts.models import User

pytestmark = pytest.mark.django_db


def directives(policy):
    """The policy as {directive: [sources]}."""
    return {name: sources for name, *sources in (part.split() for part in policy.split(";"))}


@pytest.fixture(params=["public page", "staff page"])
def page(request, client, staff):
    if request.param == "staff page":
        client.force_login(staff)
        response = client.get(reverse("accounts:awaiting"))
    else:
        response = client.get(reverse("home"))
    assert response.status_code == 200
    return response


def test_scripts_and_styles_come_from_the_portal_only_never_inline(page):
    policy = directives(page.headers["Content-Security-Policy"])

    assert policy["default-src"] == ["'self'"]
    assert policy["script-src"] == ["'self'"]
    assert policy["style-src"] == ["'self'"]
    assert policy["object-src"] == ["'none'"]
    assert policy["base-uri"] == ["'self'"]
    assert policy["form-action"] == ["'self'"]
    assert "unsafe-inline" not in page.headers["Content-Security-Policy"]
    assert "unsafe-eval" not in page.headers["Content-Security-Policy"]
    assert "<script>" not in page.text
    assert " style=" not in page.text


def test_no_other_site_may_frame_the_page(page):
    assert directives(page.headers["Content-Security-Policy"])["frame-ancestors"] == ["'none'"]
    assert page.headers["X-Frame-Options"] == "DENY"


def test_browsers_neither_sniff_types_nor_send_addresses_to_other_sites(page):
    assert page.headers["X-Content-Type-Options"] == "nosniff"
    assert page.headers["Referrer-Policy"] == "same-origin"
    assert page.headers["Cross-Origin-Opener-Policy"] == "same-origin"


def test_browser_features_the_portal_does_not_use_are_turned_off(page):
    features = dict(
        feature.strip().split("=") for feature in page.headers["Permissions-Policy"].split(",")
    )

    for feature in ["camera", "microphone", "geolocation", "payment", "usb"]:
        assert features[feature] == "()"


def test_static_files_carry_the_headers_too(client):
    response = client.get("/static/css/portal.css")

    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert "camera=()" in response.headers["Permissions-Policy"]


def test_the_session_cookie_is_out_of_scripts_reach_and_stays_on_the_site(client):
    User.objects.create_user("maria", password="correct horse battery staple")

    response = client.post(
        reverse("accounts:login"), {"username": "maria", "password": "correct horse battery staple"}
    )

    cookie = response.cookies[settings.SESSION_COOKIE_NAME]
    assert cookie["httponly"] is True
    assert cookie["samesite"] == "Lax"


def test_the_csrf_cookie_stays_on_the_site(client):
    response = client.get(reverse("accounts:login"))

    cookie = response.cookies[settings.CSRF_COOKIE_NAME]
    assert cookie["samesite"] == "Lax"
    assert cookie["httponly"] is True


def test_production_sends_cookies_over_https_only_and_asks_for_https_for_a_year():
    script = (
        "import django, json; django.setup(); from django.conf import settings as s; "
        "print(json.dumps({name: getattr(s, name) for name in ["
        "'SESSION_COOKIE_SECURE', 'CSRF_COOKIE_SECURE', 'SESSION_COOKIE_HTTPONLY', "
        "'SESSION_COOKIE_SAMESITE', 'CSRF_COOKIE_SAMESITE', 'SECURE_SSL_REDIRECT', "
        "'SECURE_HSTS_SECONDS', 'SECURE_HSTS_INCLUDE_SUBDOMAINS']}))"
    )
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "ivanovo_portal.settings",
        "DJANGO_DEBUG": "0",
        "DJANGO_SECRET_KEY": "a-production-secret-" + "x" * 50,
        "DJANGO_ALLOWED_HOSTS": "portal.example",
    }
    for name in ["DJANGO_HSTS_SECONDS", "DJANGO_SECURE_SSL_REDIRECT"]:
        env.pop(name, None)

    result = subprocess.run(
        [sys.executable, "-c", script],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
    )

    assert result.returncode == 0, result.stderr
    production = json.loads(result.stdout.strip().splitlines()[-1])
    assert production["SESSION_COOKIE_SECURE"] is True
    assert production["CSRF_COOKIE_SECURE"] is True
    assert production["SESSION_COOKIE_HTTPONLY"] is True
    assert production["SESSION_COOKIE_SAMESITE"] == production["CSRF_COOKIE_SAMESITE"] == "Lax"
    assert production["SECURE_SSL_REDIRECT"] is True
    assert production["SECURE_HSTS_SECONDS"] >= 365 * 24 * 60 * 60
    assert production["SECURE_HSTS_INCLUDE_SUBDOMAINS"] is True


def test_the_development_server_does_not_ask_for_https(client):
    assert "Strict-Transport-Security" not in client.get(reverse("home")).headers
