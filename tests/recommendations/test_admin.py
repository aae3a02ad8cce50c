"""The admin shows the register and writes none of it: its one action takes a step through the
services."""

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse

from ivanovo_portal.recommendations.models import Recommendation, TimelineEntry
from tests.conftest import make_user

from .helpers import at_status, filed, write

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client, db):
    client.force_login(make_user("root", is_staff=True, is_superuser=True))
    return client


def test_the_register_is_read_only_in_the_admin(admin_client, staff):
    recommendation = at_status(Recommendation.Status.FILED, staff)
    letter = recommendation.submissions.get()
    change = reverse("admin:recommendations_recommendation_change", args=[recommendation.pk])

    for url in (
        reverse("admin:recommendations_recommendation_changelist"),
        change,
        reverse("admin:recommendations_registrysubmission_change", args=[letter.pk]),
    ):
        response = admin_client.get(url)
        assert response.status_code == 200
        assert 'name="_save"' not in response.content.decode()
    assert admin_client.post(change, {"status": "implemented"}).status_code == 403
    assert admin_client.get(reverse("admin:recommendations_recommendation_add")).status_code == 403
    recommendation.refresh_from_db()
    assert recommendation.status == Recommendation.Status.FILED


def test_a_changed_state_posted_to_the_admin_form_changes_nothing(admin_client, staff):
    recommendation = at_status(Recommendation.Status.ANSWERED, staff)
    letter = recommendation.submissions.get()
    page = admin_client.get(
        reverse("admin:recommendations_recommendation_change", args=[recommendation.pk])
    ).text
    for name in ("status", "decision", "progress", "response_text", "number", "timeline-0-kind"):
        assert f'name="{name}"' not in page

    for url, data in [
        (
            reverse("admin:recommendations_recommendation_change", args=[recommendation.pk]),
            {"status": "implemented", "decision": "accepted", "progress": "100"},
        ),
        (
            reverse("admin:recommendations_registrysubmission_change", args=[letter.pk]),
            {"status": "cancelled", "registry_number": "1", "outgoing_number": "2"},
        ),
    ]:
        assert admin_client.post(url, data).status_code == 403

    recommendation.refresh_from_db()
    assert (recommendation.status, recommendation.decision, recommendation.progress) == (
        Recommendation.Status.ANSWERED,
        "",
        0,
    )
    assert recommendation.timeline.count() == 4
    letter.refresh_from_db()
    assert (letter.status, letter.registry_number) == (letter.Status.FILED, "94-00-312")


def test_approving_drafts_from_the_admin_goes_through_the_service(admin_client, staff):
    draft, other = write(staff), filed(staff).recommendations.get()

    response = admin_client.post(
        reverse("admin:recommendations_recommendation_changelist"),
        {"action": "approve_drafts", "_selected_action": [draft.pk, other.pk]},
    )

    draft.refresh_from_db()
    assert draft.status == Recommendation.Status.APPROVED
    assert draft.timeline.get().kind == TimelineEntry.Kind.APPROVED
    other.refresh_from_db()
    assert other.status == Recommendation.Status.FILED
    refused, done = get_messages(response.wsgi_request)
    assert (refused.level_tag, done.level_tag) == ("warning", "success")
    assert str(refused).startswith(f"{other}: ")
    assert "1" in str(done)
