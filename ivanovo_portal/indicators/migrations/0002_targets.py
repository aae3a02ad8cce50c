from django.db import migrations

from ivanovo_portal.accounts.roles import grant

# The targets as the contract set them when this migration was written (key, activity, value),
# in their order; "" is the register-wide figure. Frozen here: later changes come in migrations of
# their own (0003 set the register-wide target to 4).
TARGETS = [
    ("survey_questionnaire_types", "surveys", 2),
    ("survey_respondents", "surveys", 110),
    ("survey_target_groups", "surveys", 2),
    ("survey_report_citizens", "surveys", 1),
    ("survey_report_business", "surveys", 1),
    ("survey_recommendations_filed", "surveys", 2),
    ("monitoring_rounds_completed", "monitoring", 1),
    ("monitoring_reports_published", "monitoring", 1),
    ("monitoring_recommendations_disseminated", "monitoring", 1),
    ("toolkit_published", "toolkit", 1),
    ("toolkit_presented", "toolkit", 1),
    ("consultations_held", "consultations", 13),
    ("consultations_settlements", "consultations", 13),
    ("consultation_participants", "consultations", 65),
    ("consultation_recommendations_filed", "consultations", 2),
    ("campaign_round_table", "campaign", 1),
    ("campaign_conference", "campaign", 1),
    ("campaign_publications", "campaign", 1),
    ("recommendations_filed", "", 6),
]


def load(apps, schema_editor):
    Target = apps.get_model("indicators", "Target")
    for position, (key, activity, value) in enumerate(TARGETS):
        Target.objects.update_or_create(
            key=key, defaults={"activity": activity, "value": value, "position": position}
        )
    grant(apps, {"project_staff": ["indicators.view_target", "indicators.change_target"]})


class Migration(migrations.Migration):
    dependencies = [("indicators", "0001_initial"), ("accounts", "0002_roles")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
