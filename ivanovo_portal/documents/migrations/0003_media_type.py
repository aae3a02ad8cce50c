from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("documents", "0002_permissions"),
    ]

    operations = [
        migrations.AddField(
            model_name="generateddocument",
            name="media_type",
            field=models.CharField(
                default="application/pdf", max_length=100, verbose_name="media type"
            ),
        ),
    ]
