"""Civic monitoring's figures for the project's indicators (registered when the app is ready)."""

from django.db.models import Exists, OuterRef, Q

from ivanovo_portal.project import Activity
from ivanovo_portal.recommendations.models import Recommendation, TimelineEntry

from .models import MonitoringReport, Round


def monitoring_rounds_completed():
    """Monitoring carried out: rounds published with their scorecard."""
    return Round.objects.published().count()


def monitoring_reports_published():
    """Published monitoring reports that carry at least one recommendation in the register (a
    draft recommendation is not yet the project's word)."""
    public = Recommendation.objects.public().filter(
        source_type__app_label=MonitoringReport._meta.app_label,
        source_type__model=MonitoringReport._meta.model_name,
        source_id=OuterRef("pk"),
    )
    return (
        MonitoringReport.objects.filter(status=MonitoringReport.Status.PUBLISHED)
        .filter(Exists(public))
        .count()
    )


def monitoring_recommendations_disseminated():
    """Monitoring's recommendations that reached the municipality: filed at its registry, or
    presented at a meeting (the round table, the conference) recorded on their timeline."""
    presented = TimelineEntry.objects.filter(
        recommendation=OuterRef("pk"), kind=TimelineEntry.Kind.MEETING
    )
    return (
        Recommendation.objects.for_activity(Activity.MONITORING)
        .filter(Q(status__in=Recommendation.Status.filed_or_later()) | Q(Exists(presented)))
        .count()
    )
