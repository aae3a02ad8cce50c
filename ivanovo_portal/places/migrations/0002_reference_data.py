from django.db import migrations

# The reference data as it was when this migration was written, frozen here: a later change to
# the settlements or groups comes in a migration of its own.

# (Bulgarian name, English name, slug, kind of mayor); the administrative centre comes first.
SETTLEMENTS = [
    ("Иваново", "Ivanovo", "ivanovo", "municipal_mayor"),
    ("Божичен", "Bozhichen", "bozhichen", "deputy_mayor"),
    ("Кошов", "Koshov", "koshov", "deputy_mayor"),
    ("Красен", "Krasen", "krasen", "mayor"),
    ("Мечка", "Mechka", "mechka", "mayor"),
    ("Нисово", "Nisovo", "nisovo", "deputy_mayor"),
    ("Пиргово", "Pirgovo", "pirgovo", "mayor"),
    ("Сваленик", "Svalenik", "svalenik", "mayor"),
    ("Табачка", "Tabachka", "tabachka", "deputy_mayor"),
    ("Тръстеник", "Trastenik", "trastenik", "mayor"),
    ("Церовец", "Tserovets", "tserovets", "deputy_mayor"),
    ("Червен", "Cherven", "cherven", "deputy_mayor"),
    ("Щръклево", "Shtraklevo", "shtraklevo", "mayor"),
]

STAKEHOLDER_GROUPS = [
    ("Граждани", "Citizens", "citizens"),
    ("Неправителствени организации", "Non-governmental organisations", "ngos"),
    ("Бизнес", "Businesses", "businesses"),
    ("Медии", "Media", "media"),
    ("Служители на общинската администрация", "Municipal staff", "municipal-staff"),
    ("Кметове и кметски наместници", "Mayors and deputy mayors", "mayors"),
]


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
