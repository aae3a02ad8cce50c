"""Letters made before the register told preparing from filing: one with a registry entry, or one
the municipality has answered, was filed (on its registry date, or else on its own date, the best
the register knows); any other was only prepared. Their recommendations follow, and the timeline's
old "sent to the municipality" step becomes "letter prepared". Staff get the new steps."""

from datetime import timedelta

from django.conf import settings
from django.db import migrations

from ivanovo_portal.accounts.roles import grant

ANSWERED_OR_LATER = ["answered", "accepted", "partly_accepted", "rejected", "implemented"]


def split_filing_from_preparing(apps, schema_editor):
    RegistrySubmission = apps.get_model("recommendations", "RegistrySubmission")
    Recommendation = apps.get_model("recommendations", "Recommendation")
    TimelineEntry = apps.get_model("recommendations", "TimelineEntry")
    for letter in RegistrySubmission.objects.all():
        answered = letter.recommendations.filter(status__in=ANSWERED_OR_LATER).exists()
        if letter.registry_number or answered:
            letter.status = "filed"
            letter.filed_on = letter.registry_date or letter.outgoing_date
            letter.filed_at = letter.recorded_at or letter.created_at
            letter.answer_due = letter.filed_on + timedelta(
                days=settings.RECOMMENDATIONS_ANSWER_DAYS
            )
            # Whatever was due then is long known to the officials: no e-mail about it now.
            letter.filing_notice_sent_at = letter.filed_at
        else:
            letter.status = "prepared"
        letter.save()
        letter.recommendations.filter(status="submitted").update(
            status="filed" if letter.status == "filed" else "in_letter"
        )
        TimelineEntry.objects.filter(
            recommendation__in=letter.recommendations.all(),
            kind__in=["submitted", "filed"],
            reference__in=[letter.outgoing_number, letter.registry_number],
        ).update(submission=letter)
    TimelineEntry.objects.filter(kind="submitted").update(kind="letter_prepared")
    Recommendation.objects.filter(status="submitted").update(status="in_letter")


def grant_new_steps(apps, schema_editor):
    grant(
        apps,
        {
            "project_staff": [
                "recommendations.correct_registry_entry",
                "recommendations.record_event",
                "recommendations.view_attachment",
                "recommendations.add_attachment",
                "recommendations.change_attachment",
            ],
            "municipal_official": ["recommendations.add_attachment"],
        },
    )


class Migration(migrations.Migration):
    dependencies = [("recommendations", "0003_letter_steps")]

    operations = [
        migrations.RunPython(split_filing_from_preparing, migrations.RunPython.noop),
        migrations.RunPython(grant_new_steps, migrations.RunPython.noop),
    ]
