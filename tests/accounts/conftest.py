import pytest
from django.urls import reverse

PASSWORD = "correct horse battery staple"


@pytest.fixture
def log_in(client):
    """Log in through the login page, as a person would (and as throttling sees it)."""

    def post(username, password=PASSWORD, **extra):
        return client.post(
            reverse("accounts:login"), {"username": username, "password": password}, **extra
        )

    return post
