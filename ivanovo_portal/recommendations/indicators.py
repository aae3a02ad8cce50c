"""The register's figures for the project's indicators (registered when the app is ready)."""

from ivanovo_portal.indicators.registry import figure
from ivanovo_portal.project import Activity

from .models import Recommendation


@figure("survey_recommendations_filed")
def survey_recommendations_filed():
    return Recommendation.objects.for_activity(Activity.SURVEYS).filed().count()


@figure("monitoring_recommendations_disseminated")
def monitoring_recommendations_disseminated():
    return Recommendation.objects.for_activity(Activity.MONITORING).filed().count()


@figure("consultation_recommendations_filed")
def consultation_recommendations_filed():
    return Recommendation.objects.for_activity(Activity.CONSULTATIONS).filed().count()


@figure("recommendations_filed")
def recommendations_filed():
    return Recommendation.objects.filed().count()
