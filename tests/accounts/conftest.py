import pytest
from django.urls import reverse
from django.utils import translation

PASSWORD = "correct horse battery staple"


@pytest.fixture
def english():
    """Pages in English, so that tests read the strings as the code writes them."""
    with translation.override("en"):
        yield


@pytest.fixture
def log_in(client):
    """Log in through the login page, as a person would (and as throttling sees it)."""

    def post(username, password=PASSWORD, **extra):
        return client.post(
            reverse("accounts:login"), {"username": username, "password": password}, **extra
        )

    return post
