import pytest

from ivanovo_portal.audit.selectors import history_of

# The shared open questionnaire of the surveys' tests, with its questions and quotas.
from tests.surveys.conftest import questionnaire, respond  # noqa: F401


@pytest.fixture(autouse=True)
def media_in_tmp(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def actions(*targets):
    """The actions recorded on ``targets``, in the order they happened."""
    return [entry.action for entry in reversed(history_of(*targets))]


def last(*targets):
    return history_of(*targets)[0]
