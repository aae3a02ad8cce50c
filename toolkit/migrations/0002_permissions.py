from django.db import migrations

from ivanovo_portal.accounts.roles import grant


def grant_permissions(apps, schema_editor):
    staff = [
        f"toolkit.{action}_{model._meta.model_name}"
        for model in apps.get_app_config("toolkit").get_models()
        for action in ("add", "change", "delete", "view")
    ]
    grant(apps, {"project_staff": staff})


class Migration(migrations.Migration):
    dependencies = [("toolkit", "0001_initial"), ("accounts", "0002_roles")]

    operations = [migrations.RunPython(grant_permissions, migrations.RunPython.noop)]
