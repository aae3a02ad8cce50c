"""Batches of invitation codes become rows of their own, so that the slips of one batch can be
printed; the codes made under one label for a questionnaire form one batch."""

import django.db.models.deletion
from django.db import migrations, models
from django.db.models import Min


def group_into_batches(apps, schema_editor):
    InvitationBatch = apps.get_model("surveys", "InvitationBatch")
    InvitationCode = apps.get_model("surveys", "InvitationCode")
    groups = (
        InvitationCode.objects.values("questionnaire_id", "batch_label")
        .annotate(made=Min("created_at"))
        .order_by("made")
    )
    for group in groups:
        batch = InvitationBatch.objects.create(
            questionnaire_id=group["questionnaire_id"], label=group["batch_label"]
        )
        InvitationBatch.objects.filter(pk=batch.pk).update(created_at=group["made"])
        InvitationCode.objects.filter(
            questionnaire_id=group["questionnaire_id"], batch_label=group["batch_label"]
        ).update(batch=batch)


def labels_back(apps, schema_editor):
    InvitationBatch = apps.get_model("surveys", "InvitationBatch")
    for batch in InvitationBatch.objects.all():
        batch.codes.update(batch_label=batch.label)


class Migration(migrations.Migration):
    dependencies = [
        ("surveys", "0005_invitations_unlinked_from_responses"),
    ]

    operations = [
        migrations.CreateModel(
            name="InvitationBatch",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "label",
                    models.CharField(blank=True, max_length=100, verbose_name="batch label"),
                ),
                ("created_at", models.DateTimeField(auto_now_add=True, verbose_name="made")),
                (
                    "questionnaire",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="invitation_batches",
                        to="surveys.questionnaire",
                    ),
                ),
            ],
            options={
                "verbose_name": "batch of invitation codes",
                "verbose_name_plural": "batches of invitation codes",
                "ordering": ["-created_at", "-pk"],
            },
        ),
        migrations.RenameField(
            model_name="invitationcode", old_name="batch", new_name="batch_label"
        ),
        migrations.AddField(
            model_name="invitationcode",
            name="batch",
            field=models.ForeignKey(
                null=True,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="codes",
                to="surveys.invitationbatch",
                verbose_name="batch",
            ),
        ),
        migrations.RunPython(group_into_batches, labels_back),
    ]
