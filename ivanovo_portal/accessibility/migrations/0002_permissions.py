from django.db import migrations

from ivanovo_portal.accounts.roles import grant


def grant_permissions(apps, schema_editor):
    grant(apps, {"project_staff": ["accessibility.view_feedback", "accessibility.change_feedback"]})


class Migration(migrations.Migration):
    dependencies = [("accessibility", "0001_initial"), ("accounts", "0002_roles")]

    operations = [migrations.RunPython(grant_permissions, migrations.RunPython.noop)]
