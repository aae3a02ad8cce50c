from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils.translation import gettext as _

from ivanovo_portal import demo
from ivanovo_portal.accounts import demo as accounts_demo


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
        with transaction.atomic():
            accounts = accounts_demo.seed_accounts()
            seed_kernel(accounts)
            for seeder in demo.seeders():
                seeder(accounts)
        self.stdout.write(self.login_table())

    def login_table(self):
        rows = [(_("username"), _("role"), _("password")), *accounts_demo.logins()]
        widths = [max(len(str(row[i])) for row in rows) for i in range(3)]
        lines = ["", _("Demo logins:")]
        for row in rows:
            cells = (str(cell).ljust(width) for cell, width in zip(row, widths, strict=True))
            lines.append(("  " + "  ".join(cells)).rstrip())
        return "\n".join(lines) + "\n"


def seed_kernel(accounts):
    """The kernel's own demo content; activity apps add theirs through ``ivanovo_portal.demo``."""
    from ivanovo_portal.recommendations import demo as recommendations_demo

    recommendations_demo.seed(accounts.staff, accounts.official)
