"""The project's targets, as the funding contract sets them (DESIGN §6).

The keys are fixed: activity apps register their figures under them. Labels live here, in code, so
that they are translated like every other UI string; the ``Target`` rows loaded from this list keep
what staff may adjust in the admin (the target value and the order).
"""

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from ivanovo_portal.project import Activity


@dataclass(frozen=True)
class TargetSpec:
    key: str
    activity: str  # an Activity value, or "" for the register-wide figures
    label: Promise
    value: int


REGISTER = ""

TARGETS = [
    TargetSpec(
        "survey_questionnaire_types", Activity.SURVEYS, _("Types of questionnaire prepared"), 2
    ),
    TargetSpec("survey_respondents", Activity.SURVEYS, _("Respondents surveyed"), 110),
    TargetSpec("survey_target_groups", Activity.SURVEYS, _("Target groups surveyed"), 2),
    TargetSpec(
        "survey_report_citizens",
        Activity.SURVEYS,
        _("Report on the views of citizens and NGOs"),
        1,
    ),
    TargetSpec(
        "survey_report_business", Activity.SURVEYS, _("Report on the views of businesses"), 1
    ),
    TargetSpec(
        "survey_recommendations_filed",
        Activity.SURVEYS,
        _("Recommendations filed at the municipal registry and presented at the round table"),
        2,
    ),
    TargetSpec(
        "monitoring_rounds_completed", Activity.MONITORING, _("Monitoring rounds completed"), 1
    ),
    TargetSpec(
        "monitoring_reports_published",
        Activity.MONITORING,
        _("Monitoring report with recommendations published"),
        1,
    ),
    TargetSpec(
        "monitoring_recommendations_disseminated",
        Activity.MONITORING,
        _("Monitoring recommendations disseminated"),
        1,
    ),
    TargetSpec("toolkit_published", Activity.TOOLKIT, _("Participation toolkit published"), 1),
    TargetSpec("toolkit_presented", Activity.TOOLKIT, _("Toolkit presented at the conference"), 1),
    TargetSpec("consultations_held", Activity.CONSULTATIONS, _("Public discussions held"), 13),
    TargetSpec(
        "consultations_settlements",
        Activity.CONSULTATIONS,
        _("Settlements where a discussion took place"),
        13,
    ),
    TargetSpec(
        "consultation_participants",
        Activity.CONSULTATIONS,
        _("Participants in the discussions (NGOs, business, media, citizens)"),
        65,
    ),
    TargetSpec(
        "consultation_recommendations_filed",
        Activity.CONSULTATIONS,
        _("Recommendations from the discussions given to the municipality"),
        2,
    ),
    # "A wide information campaign carried out": the contract gives no number; a campaign of a
    # municipality of 13 settlements is wide when it reaches every one of them.
    TargetSpec(
        "campaign_carried_out",
        Activity.CAMPAIGN,
        _("Settlements reached by the information campaign"),
        13,
    ),
    TargetSpec("campaign_round_table", Activity.CAMPAIGN, _("Round table held in Ivanovo"), 1),
    TargetSpec("campaign_conference", Activity.CAMPAIGN, _("Conference held in Ruse"), 1),
    # The contract: "the products, analyses and recommendations made known" — of the four
    # activities before the campaign, each with its products public in the library.
    TargetSpec(
        "campaign_publications",
        Activity.CAMPAIGN,
        _("Activities whose products are public in the library"),
        4,
    ),
    # The contract names no total: this is the activities' own numbers added up (surveys 2,
    # consultations 2; the monitoring report's recommendations are not counted in advance).
    TargetSpec(
        "recommendations_filed",
        REGISTER,
        _("Recommendations filed at the municipal registry, from all activities"),
        4,
    ),
]

LABELS = {spec.key: spec.label for spec in TARGETS}
VALUES = {spec.key: spec.value for spec in TARGETS}
