import pytest

from ivanovo_portal.places.models import Settlement


@pytest.fixture
def settlement(db):
    return Settlement.objects.get(slug="krasen")


@pytest.fixture
def other_settlement(db):
    return Settlement.objects.get(slug="mechka")


@pytest.fixture
def as_staff(client, staff):
    client.force_login(staff)
    return client


@pytest.fixture
def as_official(client, official):
    client.force_login(official)
    return client


@pytest.fixture(autouse=True)
def media_in_tmp(settings, tmp_path):
    """Rendered letters land in a temporary directory, not in the checkout."""
    settings.MEDIA_ROOT = tmp_path / "media"
