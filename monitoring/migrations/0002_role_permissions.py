from django.db import migrations

from ivanovo_portal.accounts.roles import grant

MONITOR = [
    "monitoring.view_framework",
    "monitoring.view_round",
    "monitoring.add_observation",
    "monitoring.change_observation",
    "monitoring.view_observation",
    "monitoring.add_evidence",
    "monitoring.add_secondscore",
    "monitoring.add_informationrequest",
    "monitoring.change_informationrequest",
    "monitoring.view_informationrequest",
]


def grant_permissions(apps, schema_editor):
    staff = [
        f"monitoring.{action}_{model._meta.model_name}"
        for model in apps.get_app_config("monitoring").get_models()
        for action in ("add", "change", "delete", "view")
    ]
    grant(
        apps,
        {
            "project_staff": [*staff, "monitoring.coordinate_round", "monitoring.reply_finding"],
            "ngo_monitor": MONITOR,
            "municipal_official": ["monitoring.view_round", "monitoring.reply_finding"],
        },
    )


class Migration(migrations.Migration):
    dependencies = [("monitoring", "0001_initial"), ("accounts", "0002_roles")]

    operations = [migrations.RunPython(grant_permissions, migrations.RunPython.noop)]
