import pytest

from ivanovo_portal.indicators.registry import figures as figure_registry


@pytest.fixture
def figures():
    """No figure registered for the test, so the apps' own figures do not interfere."""
    with figure_registry.override(only=True) as registry:
        yield registry
