from django.db import migrations

from ivanovo_portal.accounts.roles import grant

STEPS = [
    "approve_recommendation",
    "submit_recommendation",
    "record_registry_entry",
    "record_response",
    "record_implementation",
]


def grant_permissions(apps, schema_editor):
    grant(
        apps,
        {
            "project_staff": [
                "recommendations.add_recommendation",
                "recommendations.change_recommendation",
                "recommendations.view_recommendation",
                *(f"recommendations.{step}" for step in STEPS),
                "recommendations.view_registrysubmission",
                "recommendations.add_registrysubmission",
                "recommendations.change_registrysubmission",
            ],
            "municipal_official": [
                "recommendations.view_recommendation",
                "recommendations.view_registrysubmission",
                "recommendations.record_registry_entry",
                "recommendations.record_response",
                "recommendations.record_implementation",
            ],
        },
    )


class Migration(migrations.Migration):
    dependencies = [("recommendations", "0001_initial"), ("accounts", "0002_roles")]

    operations = [migrations.RunPython(grant_permissions, migrations.RunPython.noop)]
