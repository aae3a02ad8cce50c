"""Invitation codes no longer point at the response they were used for, and keep only the day they
were used on, so that a code (and its batch) cannot be matched to a response."""

from django.db import migrations, models
from django.db.models.functions import TruncDate


def keep_the_day(apps, schema_editor):
    InvitationCode = apps.get_model("surveys", "InvitationCode")
    InvitationCode.objects.filter(used_at__isnull=False).update(used_on=TruncDate("used_at"))


class Migration(migrations.Migration):
    dependencies = [
        ("surveys", "0004_report_figures"),
    ]

    operations = [
        migrations.RemoveField(model_name="response", name="invitation"),
        migrations.AddField(
            model_name="invitationcode",
            name="used_on",
            field=models.DateField(blank=True, null=True, verbose_name="used on"),
        ),
        migrations.RunPython(keep_the_day, migrations.RunPython.noop),
        migrations.RemoveField(model_name="invitationcode", name="used_at"),
    ]
