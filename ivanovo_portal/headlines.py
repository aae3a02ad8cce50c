"""The latest news for the home page, from the app that publishes it (the campaign's articles).

The kernel never imports an activity app: the app registers its provider in
``AppConfig.ready()``::

    from ivanovo_portal.headlines import providers

    def ready(self):
        providers.register("campaign", latest_articles)

where ``latest_articles(limit)`` returns at most ``limit`` ``Headline`` items, the newest first.
"""

from dataclasses import dataclass
from datetime import datetime

from ivanovo_portal.registry import Registry

providers = Registry(
    "home page headlines", hint="An app registers its latest news in its AppConfig.ready()."
)


@dataclass(frozen=True)
class Headline:
    """One piece of news: ``published_at`` orders the home page's list, the newest first;
    ``topics`` are short labels (the activities it concerns)."""

    title: str
    url: str
    lead: str
    published_at: datetime
    topics: tuple = ()


def latest(limit=3):
    """The ``limit`` newest headlines of every provider together."""
    headlines = [headline for fn in providers.values() for headline in fn(limit)]
    return sorted(headlines, key=lambda h: h.published_at, reverse=True)[:limit]
