"""What the portal holds about a person, for the download of their own data.

Apps that keep personal data linked to an account add it in ``AppConfig.ready()``::

    from ivanovo_portal.accounts.personal_data import providers

    def ready(self):
        providers.register("event_registrations", registrations_of)

Each provider takes the user and returns JSON-serialisable data about that user only.
"""

from ivanovo_portal.registry import Registry

providers = Registry(
    "personal data providers",
    hint="An app registers its section of the download in its AppConfig.ready().",
)


def collect(user):
    """Every registered section's data about ``user``, by section name."""
    return {section: provider(user) for section, provider in providers.items()}
