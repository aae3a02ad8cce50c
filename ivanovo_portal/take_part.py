"""What a resident can do on the portal right now, for the home page: contributed by the activity
apps that hold it (an open questionnaire, a meeting to register for).

The kernel never imports an activity app: each app registers its provider in
``AppConfig.ready()``::

    from ivanovo_portal.take_part import providers

    def ready(self):
        providers.register("surveys", open_questionnaires)

where ``open_questionnaires()`` returns ``[Opening(kind=..., title=..., url=..., action=...)]``.

A provider is a function without arguments that returns the openings it has now, perhaps none.
"""

from dataclasses import dataclass
from datetime import datetime

from ivanovo_portal.registry import Registry

providers = Registry(
    "home page providers", hint="An app registers what it has open in its AppConfig.ready()."
)


@dataclass(frozen=True)
class Opening:
    """One thing to take part in now. ``when`` says until or on which day, ``audience`` whom it
    is for; ``deadline`` orders the home page's list, the soonest first."""

    kind: str
    title: str
    url: str
    action: str
    when: str = ""
    audience: str = ""
    deadline: datetime | None = None


def open_now():
    """Every opening of every provider, the soonest deadline first, those without one last."""
    openings = [opening for fn in providers.values() for opening in fn()]
    return sorted(openings, key=lambda o: o.deadline.timestamp() if o.deadline else float("inf"))
