from django.db import migrations

from ivanovo_portal.accounts.roles import Role, grant
from ivanovo_portal.indicators.targets import TARGETS


def load(apps, schema_editor):
    Target = apps.get_model("indicators", "Target")
    for position, spec in enumerate(TARGETS):
        Target.objects.update_or_create(
            key=spec.key,
            defaults={"activity": spec.activity, "value": spec.value, "position": position},
        )
    grant(apps, {Role.PROJECT_STAFF: ["indicators.view_target", "indicators.change_target"]})


class Migration(migrations.Migration):
    dependencies = [("indicators", "0001_initial"), ("accounts", "0002_roles")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
