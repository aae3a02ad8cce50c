from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils.translation import gettext as _

from ivanovo_portal.accounts import demo as accounts_demo
from ivanovo_portal.demo import seeders


class Command(BaseCommand):
    help = (
        "Create the demo accounts (one per role) and demo content. Only with DJANGO_DEBUG on; "
        "running it again creates nothing new."
    )

    def handle(self, *args, **options):
        if not settings.DEBUG:
            raise CommandError(
                "seed_demo creates accounts with a published password: it runs only with "
                "DJANGO_DEBUG=1, never on a production portal."
            )
        # The accounts come first: every app's seeder, the kernel's included, is given them.
        with transaction.atomic():
            accounts = accounts_demo.seed_accounts()
            for seeder in seeders.values():
                seeder(accounts)
        self.stdout.write(self.login_table())

    def login_table(self):
        header = (_("username"), _("role"), _("password"), _("TOTP key (base32)"))
        rows = [header, *accounts_demo.logins()]
        widths = [max(len(str(row[i])) for row in rows) for i in range(len(header))]
        lines = ["", _("Demo logins:")]
        for row in rows:
            cells = (str(cell).ljust(width) for cell, width in zip(row, widths, strict=True))
            lines.append(("  " + "  ".join(cells)).rstrip())
        return "\n".join(lines) + "\n"
