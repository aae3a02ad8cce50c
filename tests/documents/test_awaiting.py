"""Failed and stalled documents wait for staff on the page they land on after login."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from ivanovo_portal.documents.models import GeneratedDocument
from ivanovo_portal.documents.services import request_document
from tests.documents.kinds import SHEET

pytestmark = pytest.mark.django_db
Status = GeneratedDocument.Status


def awaiting_items(client, user):
    client.force_login(user)
    response = client.get(reverse("accounts:awaiting"))
    return {key: items for key, _section, items in response.context["sections"]}


def test_failed_and_stalled_documents_await_staff_and_ready_ones_do_not(
    client, staff, ivanovo, village, settings
):
    failed = request_document(ivanovo, SHEET, title="Неуспешна справка")
    GeneratedDocument.objects.filter(pk=failed.pk).update(status=Status.FAILED, error="Грешка")
    stalled = request_document(village, SHEET, title="Заседнала справка")
    long_ago = timezone.now() - timedelta(days=1)
    GeneratedDocument.objects.filter(pk=stalled.pk).update(
        status=Status.RENDERING, updated_at=long_ago
    )

    items = awaiting_items(client, staff)["documents_failed"]

    assert {item.url for item in items} == {failed.get_absolute_url(), stalled.get_absolute_url()}


def test_officials_are_not_shown_the_documents(client, official):
    assert "documents_failed" not in awaiting_items(client, official)
