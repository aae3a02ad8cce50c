from dataclasses import dataclass
from datetime import datetime, time

from django.contrib.contenttypes.models import ContentType
from django.utils import timezone

from .models import GeneratedDocument
from .registry import DocumentKind, kinds


def documents_for_staff():
    """Every generated document with what the staff list shows, newest first."""
    return GeneratedDocument.objects.select_related(
        "content_type", "requested_by"
    ).prefetch_related("source")


def document_of(source, kind):
    """The document of ``kind`` rendered from ``source``, or None before anyone requested it."""
    return GeneratedDocument.objects.filter(
        kind=kind, content_type=ContentType.objects.get_for_model(source), object_id=source.pk
    ).first()


@dataclass(frozen=True)
class Publication:
    """A public document on the publications page, with the kind that makes it one."""

    document: GeneratedDocument
    kind: DocumentKind

    @property
    def date(self):
        """When the source was published, as its kind says, or else when its file was made."""
        published = self.kind.published_on and self.kind.published_on(self.document.source)
        return published or self.document.finished_at or self.document.updated_at


def publications():
    """The public documents of the kinds registered as publications that have a file to
    download (the last good one while a new version renders), the latest published first."""
    published = {key: kind for key, kind in kinds.items() if kind.publication}
    documents = (
        GeneratedDocument.objects.filter(kind__in=published)
        .exclude(file="")
        .select_related("content_type")
        .prefetch_related("source")
        .order_by("-updated_at", "-pk")
    )
    listed = [
        Publication(document, published[document.kind])
        for document in documents
        if document.source is not None and published[document.kind].public_for(document.source)
    ]
    return sorted(listed, key=lambda publication: _sortable(publication.date), reverse=True)


def _sortable(moment):
    """Dates and date-times in one order (a date counts from its start)."""
    if isinstance(moment, datetime):
        return timezone.localtime(moment).replace(tzinfo=None)
    return datetime.combine(moment, time.min)
