from django.core.management.base import BaseCommand

from ivanovo_portal.accounts.retention import apply_retention


class Command(BaseCommand):
    help = (
        "Erase or anonymise the personal data past the retention period its app declared; "
        "prints how many rows, never the data."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run", action="store_true", help="Count what would be erased, erase nothing."
        )

    def handle(self, *args, dry_run=False, **options):
        counts = apply_retention(dry_run=dry_run)
        verb = "would erase" if dry_run else "erased"
        for key, count in counts.items():
            self.stdout.write(f"{key}: {verb} {count}")
