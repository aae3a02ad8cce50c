import pytest

from ivanovo_portal.places.models import Settlement


@pytest.fixture
def settlement(db):
    return Settlement.objects.get(slug="krasen")


@pytest.fixture
def other_settlement(db):
    return Settlement.objects.get(slug="mechka")
