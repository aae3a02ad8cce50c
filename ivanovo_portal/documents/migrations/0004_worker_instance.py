from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("documents", "0003_media_type"),
    ]

    operations = [
        migrations.AddField(
            model_name="generateddocument",
            name="worker_instance",
            field=models.CharField(blank=True, max_length=255, verbose_name="worker instance"),
        ),
    ]
