"""What the portal holds about a person, for the download of their own data.

Apps that keep personal data linked to an account add it in ``AppConfig.ready()``::

    from ivanovo_portal.accounts.personal_data import providers

    def ready(self):
        providers.register("event_registrations", registrations_of)

Each provider takes the user and returns JSON-serialisable data about that user only.
"""

from axes.models import AccessAttempt, AccessFailureLog, AccessLog

from ivanovo_portal.registry import Registry

providers = Registry(
    "personal data providers",
    hint="An app registers its section of the download in its AppConfig.ready().",
)


def collect(user):
    """Every registered section's data about ``user``, by section name."""
    return {section: provider(user) for section, provider in providers.items()}


def login_records(user):
    """The person's own login records kept by the login throttling (django-axes): successful
    logins, failures and the current failure counts under their username, with address and
    browser. They are erased with the account."""
    fields = ["attempt_time", "ip_address", "user_agent"]
    username = user.get_username()

    def rows(model, *extra):
        return [
            {name: str(value) if value is not None else None for name, value in row.items()}
            for row in model.objects.filter(username=username).values(*fields, *extra)
        ]

    return {
        "logins": rows(AccessLog, "logout_time"),
        "failures": rows(AccessFailureLog, "locked_out"),
        "failure_counts": rows(AccessAttempt, "failures_since_start"),
    }
