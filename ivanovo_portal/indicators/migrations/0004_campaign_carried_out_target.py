from django.db import migrations


def add_target(apps, schema_editor):
    """"A wide information campaign carried out": the contract gives no number; a campaign in a
    municipality of 13 settlements is wide when it reaches every one (targets.py). First among
    the campaign's targets, as the contract lists it."""
    Target = apps.get_model("indicators", "Target")
    Target.objects.get_or_create(
        key="campaign_carried_out", defaults={"activity": "campaign", "value": 13, "position": 15}
    )
    # The products disseminated are counted by activity now (targets.py): four, unless staff
    # already set a number of their own.
    Target.objects.filter(key="campaign_publications", value=1).update(value=4)


def remove_target(apps, schema_editor):
    apps.get_model("indicators", "Target").objects.filter(key="campaign_carried_out").delete()


class Migration(migrations.Migration):
    dependencies = [("indicators", "0003_recommendations_filed_target")]

    operations = [migrations.RunPython(add_target, remove_target)]
