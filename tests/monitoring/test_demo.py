"""The monitoring demo: seeded once, with something on every screen of the activity."""

import hashlib

import pytest

from ivanovo_portal.accounts.demo import seed_accounts
from ivanovo_portal.accounts.roles import Role
from ivanovo_portal.documents.models import GeneratedDocument
from ivanovo_portal.indicators.registry import value
from ivanovo_portal.places.models import Settlement
from ivanovo_portal.recommendations.models import Recommendation
from monitoring import deadlines, pdf
from monitoring.demo import seed
from monitoring.models import (
    Criterion,
    Evidence,
    Framework,
    InformationRequest,
    Membership,
    MonitoringReport,
    Observation,
    Reply,
    Round,
    SecondScore,
)
from monitoring.services.replies import ReplyState, reply_state

pytestmark = pytest.mark.django_db
Status = Observation.Status
COUNTED = (
    Framework,
    Criterion,
    Round,
    Membership,
    Observation,
    SecondScore,
    Evidence,
    InformationRequest,
    Reply,
    MonitoringReport,
    Recommendation,
)


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def accounts():
    return seed_accounts()


@pytest.fixture
def seeded(accounts):
    seed.seed(accounts)
    return Round.objects.get(slug="grazhdansko-nablyudenie-2023")


def counts():
    return {model.__name__: model.objects.count() for model in COUNTED}


def test_seeding_again_creates_nothing_new(accounts):
    seed.seed(accounts)
    first = counts()

    seed.seed(accounts)

    assert counts() == first
    assert first["Round"] == 2
    assert first["Criterion"] == 70


def test_the_framework_has_five_areas_and_a_described_scale_for_every_criterion(seeded):
    criteria = Criterion.objects.filter(area__version=seeded.version).prefetch_related("scale")

    assert 25 <= len(criteria) <= 35
    assert seeded.version.areas.count() == 5
    assert seeded.version.is_frozen
    for criterion in criteria:
        assert criterion.legal_basis and criterion.question.endswith("?"), criterion
        points = list(criterion.scale.all())
        assert [point.value for point in points] == list(range(len(points)))
        assert all(point.descriptor for point in points), criterion
    assert {len(criterion.scale.all()) for criterion in criteria} == {2, 3, 4}


def test_the_next_version_is_a_draft_revising_one_criterion(seeded):
    draft = seeded.version.framework.versions.get(number=2)
    revised = Criterion.objects.get(area__version=draft, code="C6")

    assert not draft.is_frozen and draft.changes
    assert not revised.allows_not_applicable
    assert Criterion.objects.filter(area__version=draft).count() == 35


def test_every_applicable_cell_of_the_published_round_is_scored_twice_and_verified(seeded):
    criteria = Criterion.objects.filter(area__version=seeded.version)
    cells = {
        (criterion.pk, settlement.pk)
        for criterion in criteria
        for settlement in Settlement.objects.all()
        if criterion.applies_to(settlement)
    }
    observations = seeded.observations.all()

    assert seeded.status == Round.Status.PUBLISHED
    assert {(o.criterion_id, o.settlement_id) for o in observations} == cells
    assert len({o.settlement_id for o in observations}) == 13
    assert not observations.exclude(status=Status.VERIFIED).exists()
    assert SecondScore.objects.filter(observation__round=seeded).count() == len(cells)
    assert len({o.monitor_id for o in observations}) == 3
    assert all(o.verified_at and o.submitted_at <= o.verified_at for o in observations)
    assert observations.filter(final_not_applicable=True).count() >= 3


def test_disagreements_are_reconciled_with_a_reason_and_the_rest_agree(seeded):
    observations = seeded.observations.select_related("second_score")
    disputed = [
        o
        for o in observations
        if (o.score, o.not_applicable) != (o.second_score.score, o.second_score.not_applicable)
    ]

    assert 3 <= len(disputed) < len(observations) / 10
    assert all(o.reconciliation and o.reconciled_by for o in disputed)
    assert any(o.final_score != o.score for o in disputed)
    for observation in observations:
        assert observation.second_score.scorer_id != observation.monitor_id
        if observation not in disputed:
            assert (observation.final_score, observation.final_not_applicable) == (
                observation.score,
                observation.not_applicable,
            )


def test_requests_show_every_answer_and_one_overdue(seeded):
    requests = list(seeded.requests.all())
    answers = {request.answer for request in requests}

    assert 4 <= len(requests) <= 6
    assert {"full", "partial", "refusal"} <= answers
    assert [request for request in requests if deadlines.is_overdue(request)]
    assert all(request.criteria.exists() for request in requests)


def test_the_municipality_replied_to_part_of_the_findings_some_late(seeded):
    states = [reply_state(o) for o in seeded.observations.select_related("round", "reply")]

    assert {ReplyState.ON_TIME, ReplyState.LATE, ReplyState.MISSING} <= set(states)
    assert states.count(ReplyState.MISSING) > len(states) / 2


def test_captured_pages_are_kept_with_their_checksum_and_some_are_public(seeded):
    captured = Evidence.objects.filter(observation__round=seeded, capture=Evidence.Capture.CAPTURED)

    assert captured.filter(is_public=True).exists()
    assert captured.filter(is_public=False).exists()
    assert Evidence.objects.filter(capture=Evidence.Capture.FAILED).exists()
    for evidence in captured:
        with evidence.file.open("rb") as stored:
            content = stored.read()
        assert hashlib.sha256(content).hexdigest() == evidence.sha256
        assert b'<html lang="bg">' in content


def test_the_report_is_published_with_recommendations_in_the_register(seeded):
    report = seeded.report
    recommendations = Recommendation.objects.from_source(report)

    assert report.is_public()
    assert 3 <= recommendations.count() <= 5
    assert not recommendations.filter(status=Recommendation.Status.DRAFT).exists()
    assert recommendations.filter(status__in=Recommendation.Status.filed_or_later()).exists()
    assert GeneratedDocument.objects.filter(kind=pdf.REPORT_KIND, object_id=report.pk).exists()


def test_the_follow_up_round_is_in_fieldwork_with_drafts_and_submissions(seeded, accounts):
    follow_up = Round.objects.get(status=Round.Status.FIELDWORK)
    statuses = set(follow_up.observations.values_list("status", flat=True))

    assert statuses == {Status.DRAFT, Status.SUBMITTED}
    assert follow_up.observations.filter(monitor=accounts.monitor, status=Status.DRAFT).exists()
    assert follow_up.requests.filter(answer="").exists()


def test_the_monitors_are_three_with_the_monitor_role(seeded):
    monitors = Membership.objects.filter(round=seeded, role=Membership.Role.MONITOR)

    assert monitors.count() == 3
    assert all(m.user.groups.filter(name=Role.NGO_MONITOR).exists() for m in monitors)
    assert monitors.filter(name_public=False).exists()


def test_the_demo_meets_the_monitoring_indicators(seeded):
    assert value("monitoring_rounds_completed") == 1
    assert value("monitoring_reports_published") == 1
    assert value("monitoring_recommendations_disseminated") == 4
