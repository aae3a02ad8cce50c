from django.db import migrations

from ivanovo_portal.accounts.roles import grant


def grant_permissions(apps, schema_editor):
    staff = [
        f"consultations.{action}_{model._meta.model_name}"
        for model in apps.get_app_config("consultations").get_models()
        for action in ("add", "change", "delete", "view")
    ]
    grant(
        apps,
        {
            "project_staff": [*staff, "consultations.moderate_comment"],
            # Officials read everything, proposals awaiting moderation included; they record
            # decisions only in a consultation whose staff let them (``officials_decide``).
            "municipal_official": [
                "consultations.view_consultation",
                "consultations.view_comment",
            ],
        },
    )


class Migration(migrations.Migration):
    dependencies = [("consultations", "0001_initial"), ("accounts", "0002_roles")]

    operations = [migrations.RunPython(grant_permissions, migrations.RunPython.noop)]
