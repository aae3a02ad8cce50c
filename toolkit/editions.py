"""Reads of the toolkit's editions for the public pages: the latest with its book and cards, all
of them newest first (earlier editions stay downloadable), one edition's page."""

from dataclasses import dataclass

from .book import BOOK_KIND, CARDS_KIND, versions_of
from .models import Edition


def _with_downloads(edition):
    """``edition`` with its ``book`` and ``cards`` documents (None before any was requested),
    from its prefetched documents."""
    documents = {document.kind: document for document in edition.documents.all()}
    edition.book = documents.get(BOOK_KIND)
    edition.cards = documents.get(CARDS_KIND)
    return edition


def _editions():
    return Edition.objects.select_related("presented_at").prefetch_related("documents")


def editions():
    """Every edition, newest first, each with its book and cards: two queries however many."""
    return [_with_downloads(edition) for edition in _editions()]


def latest_edition():
    """The latest edition with its book and cards, or None before the first is published."""
    edition = _editions().first()
    return edition and _with_downloads(edition)


@dataclass(frozen=True)
class EditionPage:
    """An edition's page: the edition with its downloads, the methods it holds (their names as
    it prints them, in the catalogue's order) and every other edition."""

    edition: Edition
    methods: list
    others: list


def edition_page(number):
    """What the page of the edition numbered ``number`` shows, or None when there is none."""
    found = editions()
    edition = next((each for each in found if each.number == number), None)
    if edition is None:
        return None
    methods = [
        {"slug": version.content["slug"], "name": version.content["name"]}
        for version in versions_of(edition)
    ]
    return EditionPage(edition, methods, [each for each in found if each is not edition])
