"""What monitoring holds about people, for the kernel's personal-data register."""

from django.utils.translation import gettext_lazy as _

from ivanovo_portal.accounts import personal_data

from . import models

MONITORS_DATA = _(
    "Monitors' and coordinators' accounts beside their part in a monitoring round: the "
    "observations they recorded, the scores they gave, the evidence they added and the "
    "access-to-information requests they made"
)
MONITORS_PURPOSE = _(
    "To organise the civic monitoring and to show, to the coordinator and the programme's "
    "auditors, who observed and scored what, so that every finding can be checked; the public "
    "sees a name only with its holder's consent"
)


def declarations():
    """``(key, Declaration)`` pairs for every monitoring field that holds a person."""
    # Who made, typed in or settled something: staff on the project's records.
    for key, model, names in (
        ("monitoring_frameworks_staff", models.Framework, ("created_by",)),
        ("monitoring_versions_staff", models.FrameworkVersion, ("created_by",)),
        ("monitoring_rounds_staff", models.Round, ("created_by",)),
        ("monitoring_observations_staff", models.Observation, ("entered_by", "reconciled_by")),
        ("monitoring_sheets_staff", models.Sheet, ("typed_in_by",)),
        ("monitoring_reports_staff", models.MonitoringReport, ("created_by",)),
    ):
        yield key, personal_data.staff_declaration(model, *names)
    # What monitors did in a round: kept with the round, so that its findings can be checked.
    for key, model, name, context in (
        ("monitoring_members", models.Membership, "user", ("round", "role")),
        ("monitoring_observations", models.Observation, "monitor", ("round", "submitted_at")),
        ("monitoring_second_scores", models.SecondScore, "scorer", ("scored_at",)),
        ("monitoring_evidence", models.Evidence, "added_by", ("added_at",)),
        ("monitoring_requests", models.InformationRequest, "made_by", ("submitted_on",)),
    ):
        yield (
            key,
            personal_data.Declaration(
                model=model,
                fields=(name,),
                data=MONITORS_DATA,
                purpose=MONITORS_PURPOSE,
                legal_basis=personal_data.LegalBasis.LEGAL_OBLIGATION,
                retention=personal_data.PROJECT_RECORDS,
                of=personal_data.by_user(model, name),
                context=context,
                erasable=False,
            ),
        )
    yield (
        "monitoring_names_published",
        personal_data.Declaration(
            model=models.Membership,
            fields=("name_public",),
            data=_(
                "A monitor's or coordinator's name in a published scorecard and monitoring report"
            ),
            purpose=_("To credit the people who carried out the monitoring"),
            legal_basis=personal_data.LegalBasis.CONSENT,
            retention=_(
                "Published only with the person's consent, given to the coordinator; once it is "
                "withdrawn the portal shows the name no more"
            ),
            of=personal_data.by_user(models.Membership, "user"),
            context=("round",),
            erasable=False,
        ),
    )
    yield (
        "monitoring_replies",
        personal_data.Declaration(
            model=models.Reply,
            fields=("official",),
            data=_("The account of the official who answered a monitoring finding"),
            purpose=_(
                "To record who answered a finding on the municipality's behalf during the right of "
                "reply"
            ),
            legal_basis=personal_data.LegalBasis.LEGAL_OBLIGATION,
            retention=personal_data.PROJECT_RECORDS,
            of=personal_data.by_user(models.Reply, "official"),
            context=("answered_at",),
            erasable=False,
        ),
    )
