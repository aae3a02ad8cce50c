from django.core.management.base import BaseCommand

from toolkit.services.loading import load_methods


class Command(BaseCommand):
    help = (
        "Load the toolkit's participation methods that the portal does not have yet, each as its "
        "first version; methods that exist are left as staff made them. Safe to run again."
    )

    def handle(self, *args, **options):
        created = load_methods()
        self.stdout.write(f"Methods created: {len(created)}")
