import pytest

from ivanovo_portal.indicators import registry as indicators
from ivanovo_portal.project import Activity
from ivanovo_portal.recommendations import demo
from ivanovo_portal.recommendations.models import (
    Recommendation,
    RegistrySubmission,
    TimelineEntry,
)

from .helpers import at_status, filed, submitted, write

pytestmark = pytest.mark.django_db
Status = Recommendation.Status


def test_the_demo_shows_every_stage_of_the_register(staff, official):
    demo.seed(staff, official)

    statuses = set(Recommendation.objects.values_list("status", flat=True))
    assert {
        Status.DRAFT,
        Status.APPROVED,
        Status.ANSWERED,
        Status.ACCEPTED,
        Status.REJECTED,
        Status.IMPLEMENTED,
    } <= statuses
    submission = RegistrySubmission.objects.get()
    assert submission.is_filed
    assert Recommendation.objects.filter(status=Status.ACCEPTED, progress=70).exists()
    assert TimelineEntry.objects.filter(kind=TimelineEntry.Kind.PROGRESS).count() == 2
    assert Recommendation.objects.filter(settlements__slug="krasen").exists()


def test_the_demo_is_seeded_once(staff, official):
    demo.seed(staff, official)
    count = Recommendation.objects.count()

    demo.seed(staff, official)

    assert Recommendation.objects.count() == count
    assert RegistrySubmission.objects.count() == 1


def test_the_indicators_count_filed_recommendations_per_activity(staff):
    filed(staff, activity=Activity.SURVEYS)
    filed(staff, activity=Activity.CONSULTATIONS)
    submitted(staff, activity=Activity.SURVEYS)
    submitted(staff, activity=Activity.MONITORING)
    at_status(Status.ACCEPTED, staff, activity=Activity.MONITORING)
    write(staff, activity=Activity.MONITORING)

    assert indicators.value("survey_recommendations_filed") == 1
    assert indicators.value("consultation_recommendations_filed") == 1
    assert indicators.value("monitoring_recommendations_disseminated") == 2
    assert indicators.value("recommendations_filed") == 3
