"""The register's figures for the project's indicators (registered when the app is ready)."""

from ivanovo_portal.project import Activity

from .models import Recommendation


def survey_recommendations_filed():
    return Recommendation.objects.for_activity(Activity.SURVEYS).filed().count()


def consultation_recommendations_filed():
    return Recommendation.objects.for_activity(Activity.CONSULTATIONS).filed().count()


def recommendations_filed():
    return Recommendation.objects.filed().count()
