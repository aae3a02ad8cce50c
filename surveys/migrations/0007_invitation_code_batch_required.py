"""Every invitation code belongs to a batch. Apart from 0006 because PostgreSQL alters no table
whose rows a migration has just changed under deferred foreign key checks."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("surveys", "0006_invitation_batches"),
    ]

    operations = [
        migrations.AlterField(
            model_name="invitationcode",
            name="batch",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE,
                related_name="codes",
                to="surveys.invitationbatch",
                verbose_name="batch",
            ),
        ),
        migrations.RemoveField(model_name="invitationcode", name="batch_label"),
    ]
