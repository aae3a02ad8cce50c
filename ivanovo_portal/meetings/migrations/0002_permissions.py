from django.db import migrations

from ivanovo_portal.accounts.roles import grant


def grant_permissions(apps, schema_editor):
    staff = [
        f"meetings.{action}_{model._meta.model_name}"
        for model in apps.get_app_config("meetings").get_models()
        for action in ("add", "change", "delete", "view")
    ]
    grant(
        apps,
        {
            "project_staff": staff,
            "municipal_official": ["meetings.view_meeting", "meetings.view_registration"],
        },
    )


class Migration(migrations.Migration):
    dependencies = [("meetings", "0001_initial"), ("accounts", "0002_roles")]

    operations = [migrations.RunPython(grant_permissions, migrations.RunPython.noop)]
