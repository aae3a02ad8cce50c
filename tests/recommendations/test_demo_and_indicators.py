import pytest
from django.utils import timezone

from ivanovo_portal.accounts.demo import seed_accounts
from ivanovo_portal.indicators.registry import value
from ivanovo_portal.project import Activity
from ivanovo_portal.recommendations import demo
from ivanovo_portal.recommendations.models import (
    Recommendation,
    RegistrySubmission,
    TimelineEntry,
)

from .helpers import at_status, filed, prepared, write

pytestmark = pytest.mark.django_db
Status = Recommendation.Status
Kind = TimelineEntry.Kind


@pytest.fixture
def accounts():
    return seed_accounts()


def test_the_demo_shows_every_stage_of_the_register(accounts):
    demo.seed(accounts)

    statuses = set(Recommendation.objects.values_list("status", flat=True))
    assert {
        Status.DRAFT,
        Status.IN_LETTER,
        Status.FILED,
        Status.ANSWERED,
        Status.ACCEPTED,
        Status.REJECTED,
        Status.IMPLEMENTED,
    } <= statuses
    letters = RegistrySubmission.objects.all()
    assert sorted(letters.values_list("status", flat=True)) == ["filed", "filed", "prepared"]
    assert all(letter.has_registry_entry for letter in letters.filed())
    assert Recommendation.objects.filter(status=Status.ACCEPTED, progress=70).exists()
    assert TimelineEntry.objects.filter(kind=Kind.PROGRESS).count() == 2
    assert TimelineEntry.objects.filter(kind=Kind.CORRECTED).exists()
    assert TimelineEntry.objects.filter(kind__in=Kind.events()).count() == 3
    assert Recommendation.objects.filter(settlements__slug="krasen").exists()


def test_the_demo_is_seeded_once(accounts):
    demo.seed(accounts)
    count = Recommendation.objects.count()

    demo.seed(accounts)

    assert Recommendation.objects.count() == count
    assert RegistrySubmission.objects.count() == 3


def test_the_demo_timelines_read_in_order(accounts):
    """Each recommendation's steps, in the order they were taken, are dated in that order, the
    approval first and dated as the recommendation says; what staff added by hand and every
    correction come after the approval, and a correction after what it corrects."""
    demo.seed(accounts)

    for recommendation in Recommendation.objects.public():
        entries = list(recommendation.timeline.order_by("pk"))
        steps = [entry for entry in entries if entry.kind in Kind.steps()]
        assert steps[0].kind == Kind.APPROVED, recommendation
        approved_on = steps[0].date
        assert timezone.localdate(recommendation.approved_at) == approved_on, recommendation
        step_dates = [entry.date for entry in steps]
        assert step_dates == sorted(step_dates), recommendation
        for entry in entries:
            assert entry.date >= approved_on, (recommendation, entry)
            if entry.corrects_id:
                assert entry.date >= entry.corrects.date, (recommendation, entry)
        for letter in recommendation.submissions.all():
            assert letter.outgoing_date >= approved_on
            if letter.is_filed:
                assert letter.outgoing_date <= letter.filed_on <= letter.registry_date
        if recommendation.response_date:
            assert recommendation.response_date >= recommendation.submissions.get().filed_on


def test_the_indicators_count_recommendations_only_once_filed(staff):
    filed(staff, activity=Activity.SURVEYS)
    filed(staff, activity=Activity.CONSULTATIONS)
    prepared(staff, activity=Activity.SURVEYS)
    prepared(staff, activity=Activity.MONITORING)
    at_status(Status.ACCEPTED, staff, activity=Activity.MONITORING)
    write(staff, activity=Activity.MONITORING)

    assert value("survey_recommendations_filed") == 1
    assert value("consultation_recommendations_filed") == 1
    assert value("monitoring_recommendations_disseminated") == 1
    assert value("recommendations_filed") == 3
