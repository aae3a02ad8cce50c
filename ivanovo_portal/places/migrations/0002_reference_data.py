from django.db import migrations

from ivanovo_portal.places.reference import SETTLEMENTS, STAKEHOLDER_GROUPS


def load(apps, schema_editor):
    Settlement = apps.get_model("places", "Settlement")
    StakeholderGroup = apps.get_model("places", "StakeholderGroup")
    for position, (name, name_en, slug, mayor_kind) in enumerate(SETTLEMENTS):
        Settlement.objects.update_or_create(
            slug=slug,
            defaults={
                "name": name,
                "name_en": name_en,
                "mayor_kind": mayor_kind,
                "is_admin_centre": position == 0,
                "position": position,
            },
        )
    for position, (name, name_en, slug) in enumerate(STAKEHOLDER_GROUPS):
        StakeholderGroup.objects.update_or_create(
            slug=slug, defaults={"name": name, "name_en": name_en, "position": position}
        )


class Migration(migrations.Migration):
    dependencies = [("places", "0001_initial")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
