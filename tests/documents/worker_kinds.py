"""Imported by the real Celery worker of the tests (``celery worker --include``): the worker
finds the test templates and can render the test kinds, as the test process can."""

from django.conf import settings
from django.test.utils import override_settings

from ivanovo_portal.documents.registry import kinds
from tests.documents.kinds import TEST_KINDS, templates_with_test_dir

override_settings(TEMPLATES=templates_with_test_dir(settings.TEMPLATES)).enable()
for kind, entry in TEST_KINDS.items():
    kinds.register(kind, entry)
