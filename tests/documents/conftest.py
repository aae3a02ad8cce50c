import pytest

from ivanovo_portal.documents import registry
from ivanovo_portal.places.models import Settlement
from tests.documents import kinds


@pytest.fixture(autouse=True)
def test_kinds(settings, tmp_path):
    """The test document kinds, their templates, and a media folder of the test's own."""
    settings.TEMPLATES = kinds.templates_with_test_dir(settings.TEMPLATES)
    settings.MEDIA_ROOT = tmp_path / "media"
    with registry.kinds.override(kinds.TEST_KINDS):
        yield


@pytest.fixture(autouse=True)
def in_english(english):
    """Every page of these tests in English (the PDFs keep their own language: Bulgarian)."""


@pytest.fixture
def celery_worker_includes():
    return ["tests.documents.worker_kinds"]


@pytest.fixture
def ivanovo(db):
    return Settlement.objects.get(is_admin_centre=True)


@pytest.fixture
def village(db):
    return Settlement.objects.get(slug="krasen")
