"""Imported by the real Celery worker of the tests (``celery worker --include``): the worker
finds the test templates and can render the test kinds, as the test process can."""

from django.conf import settings
from django.test.utils import override_settings

from tests.documents.kinds import register_test_kinds, templates_with_test_dir

override_settings(TEMPLATES=templates_with_test_dir(settings.TEMPLATES)).enable()
register_test_kinds()
