"""The toolkit's figures for the project's indicators (activity 3), worked out live: the toolkit
published as a book, and presented at a conference that was held."""

from ivanovo_portal.documents.models import GeneratedDocument

from .book import BOOK_KIND
from .models import Edition
from .services.editions import held_conferences


def toolkit_published():
    """1 once an edition's book is ready and public, else 0: the toolkit is made once."""
    books = GeneratedDocument.objects.filter(
        kind=BOOK_KIND, toolkit_edition__isnull=False, status=GeneratedDocument.Status.READY
    ).exclude(file="")
    return int(any(book.is_public for book in books))


def toolkit_presented():
    """Conferences held (public, not cancelled, closed by staff after it) at which an edition
    was presented."""
    return held_conferences().filter(pk__in=Edition.objects.values("presented_at")).count()


def register():
    """Add the toolkit's figures to the indicators; called from ``ToolkitConfig.ready()``."""
    from ivanovo_portal.indicators.registry import figures

    figures.register("toolkit_published", toolkit_published)
    figures.register("toolkit_presented", toolkit_presented)
