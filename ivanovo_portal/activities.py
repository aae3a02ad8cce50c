"""What the portal says about each of the project's five activities, on the home page and in
each activity's own area."""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from .indicators.selectors import figures_for
from .project import Activity
from .recommendations.selectors import latest_public


@dataclass(frozen=True)
class ActivityArea:
    activity: Activity
    aim: str
    what_people_do: str

    @property
    def number(self):
        return self.activity.number

    @property
    def title(self):
        return self.activity.label


ACTIVITIES = [
    ActivityArea(
        Activity.SURVEYS,
        _(
            "To learn how well residents and NGOs know and trust the municipality, and what "
            "businesses, municipal staff and mayors expect from civil society."
        ),
        _(
            "Residents, NGOs and businesses answer questionnaires online or on paper; the "
            "results are published by settlement and analysed in reports with recommendations."
        ),
    ),
    ActivityArea(
        Activity.MONITORING,
        _(
            "Civic oversight of the municipal administration, so that it works more "
            "effectively and more openly."
        ),
        _(
            "NGO monitors score the administration against agreed criteria with evidence, a "
            "second monitor checks each score blind, the municipality may reply, and the "
            "scorecard and a report with recommendations are published."
        ),
    ),
    ActivityArea(
        Activity.TOOLKIT,
        _(
            "A practical toolkit of civic participation methods suited to the settlements "
            "and people of Ivanovo municipality."
        ),
        _(
            "Anyone can find a participation method by level — information, consultation, "
            "dialogue, partnership — and by stage of the decision, and download the toolkit."
        ),
    ),
    ActivityArea(
        Activity.CONSULTATIONS,
        _(
            "Public discussions of municipal documents and local problems in all 13 "
            "settlements, with citizens, NGOs, businesses and the media."
        ),
        _(
            "People see the schedule, register, comment on the documents online and take "
            "part on the spot; reports with recommendations go to the municipality."
        ),
    ),
    ActivityArea(
        Activity.CAMPAIGN,
        _(
            "To make the project's findings and recommendations known to the public and the "
            "municipal leadership."
        ),
        _(
            "News, a round table in Ivanovo, a conference in Ruse, a library of the "
            "project's publications, a newsletter and printed bulletins for every village."
        ),
    ),
]

AREAS = {area.activity: area for area in ACTIVITIES}


def section(activity):
    """The context of a page within an activity's area (its news, its library): the area's
    frame without the landing page's aim, targets and recommendations."""
    return {"area": AREAS[activity], "section": True}


def overview(activity):
    """The context an activity's landing page needs: its aim, live figures and recommendations."""
    return {
        "area": AREAS[activity],
        "figures": figures_for(activity),
        "recommendations": latest_public(limit=5, activity=activity),
    }
