"""Civic monitoring's figures for the project's indicators, counted live from the data."""

from datetime import date

import pytest

from ivanovo_portal.indicators.registry import value
from ivanovo_portal.project import Activity
from ivanovo_portal.recommendations import services
from ivanovo_portal.recommendations.models import Recommendation, TimelineEntry
from monitoring.models import MonitoringReport, Round
from tests.recommendations.helpers import at_status, filed, prepared

from .conftest import build_round

pytestmark = pytest.mark.django_db
PUBLISHED = Round.Status.PUBLISHED


def draft_report(round_):
    return MonitoringReport.objects.create(
        round=round_, title="Доклад от наблюдението", slug=f"doklad-{round_.slug}"
    )


def publish(report):
    """Published as ``services.reports.publish`` leaves it; approving a recommendation of a
    published report is refused, so its recommendations are approved before."""
    MonitoringReport.objects.filter(pk=report.pk).update(status=MonitoringReport.Status.PUBLISHED)


def recommendation_of(report, user, *, approve=True):
    recommendation = services.create_recommendation(
        source=report,
        user=user,
        title="Справка от всяка обществена консултация",
        text="Да се публикува справка за постъпилите предложения.",
        rationale="Справки не се публикуват.",
    )
    if approve:
        services.approve(recommendation, user=user, date=date(2023, 5, 8))
    return recommendation


def test_only_published_rounds_count_as_monitoring_carried_out(framework_version):
    for number, status in enumerate(Round.Status):
        build_round(framework_version, slug=f"round-{number}", status=status)
    build_round(framework_version, slug="another-published", status=PUBLISHED)

    assert value("monitoring_rounds_completed") == 2


def test_a_report_counts_once_published_with_an_approved_recommendation(framework_version, staff):
    report = draft_report(build_round(framework_version, status=PUBLISHED))
    recommendation_of(report, staff)
    assert value("monitoring_reports_published") == 0

    publish(report)
    assert value("monitoring_reports_published") == 1


def test_a_published_report_without_public_recommendations_does_not_count(framework_version, staff):
    bare = draft_report(build_round(framework_version, slug="bare", status=PUBLISHED))
    drafted = draft_report(build_round(framework_version, slug="drafted", status=PUBLISHED))
    recommended = draft_report(build_round(framework_version, slug="full", status=PUBLISHED))
    recommendation_of(drafted, staff, approve=False)
    recommendation_of(recommended, staff)
    recommendation_of(recommended, staff)
    for report in (bare, drafted, recommended):
        publish(report)

    assert value("monitoring_reports_published") == 1


def test_recommendations_are_disseminated_when_filed_or_presented(framework_version, staff):
    report = draft_report(build_round(framework_version, status=PUBLISHED))
    kept = recommendation_of(report, staff)
    presented = recommendation_of(report, staff)
    in_letter = recommendation_of(report, staff)
    on_file = recommendation_of(report, staff)
    publish(report)
    prepared(staff, in_letter)
    filed(staff, prepared(staff, on_file))
    assert value("monitoring_recommendations_disseminated") == 1

    services.record_event(
        presented,
        kind=TimelineEntry.Kind.MEETING,
        date=date(2023, 5, 15),
        text="Представена на кръглата маса в Иваново.",
        user=staff,
    )
    services.record_event(
        kept,
        kind=TimelineEntry.Kind.REMINDER,
        date=date(2023, 5, 16),
        text="Напомняне.",
        user=staff,
    )
    assert value("monitoring_recommendations_disseminated") == 2


def test_other_activities_recommendations_are_not_disseminated_by_monitoring(staff):
    at_status(Recommendation.Status.ACCEPTED, staff)
    filed(staff, activity=Activity.CONSULTATIONS)
    at_status(Recommendation.Status.FILED, staff, activity="")

    assert value("monitoring_recommendations_disseminated") == 0
    filed(staff, activity=Activity.MONITORING)
    assert value("monitoring_recommendations_disseminated") == 1
