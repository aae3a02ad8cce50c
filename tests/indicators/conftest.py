import pytest

from ivanovo_portal.indicators import registry


@pytest.fixture
def figures(monkeypatch):
    """An empty figure registry for the test, so the apps' own figures do not interfere."""
    empty = {}
    monkeypatch.setattr(registry, "_figures", empty)
    return empty
