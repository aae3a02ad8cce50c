from django.db import migrations

from ivanovo_portal.accounts.roles import grant

CUSTOM = ["enter_paper_response", "view_results", "export_responses"]


def grant_permissions(apps, schema_editor):
    defaults = [
        f"surveys.{action}_{model._meta.model_name}"
        for model in apps.get_app_config("surveys").get_models()
        for action in ("add", "change", "delete", "view")
    ]
    grant(apps, {"project_staff": [*defaults, *(f"surveys.{name}" for name in CUSTOM)]})


class Migration(migrations.Migration):
    dependencies = [("surveys", "0001_initial"), ("accounts", "0002_roles")]

    operations = [migrations.RunPython(grant_permissions, migrations.RunPython.noop)]
