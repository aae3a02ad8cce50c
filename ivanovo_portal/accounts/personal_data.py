"""What the portal holds about a person, for the download of their own data.

Apps that keep personal data linked to an account add it in ``AppConfig.ready()``::

    from ivanovo_portal.accounts.personal_data import register

    register("event_registrations", lambda user: [...])

Each provider takes the user and returns JSON-serialisable data about that user only.
"""

_providers = {}


def register(section, provider):
    """Add ``provider(user)`` under ``section`` in the download; registering again replaces it."""
    _providers[section] = provider


def collect(user):
    """Every registered section's data about ``user``, by section name."""
    return {section: provider(user) for section, provider in _providers.items()}
