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

    @property
    def published_at(self):
        """:attr:`date` as an aware moment (a date counts from its start in the portal's time
        zone), to order publications and date them in feeds."""
        moment = self.date
        if isinstance(moment, datetime):
            return moment
        return timezone.make_aware(datetime.combine(moment, time.min))

    @property
    def year(self):
        """The year of :attr:`date` as the portal's readers count it (in its time zone)."""
        return timezone.localtime(self.published_at).year

    @property
    def source_url(self):
        """The page of what the document was made from (the report, the consultation…), or
        None when the source has no public page."""
        if self.kind.source_page:
            return self.kind.source_page(self.document.source)
        get_absolute_url = getattr(self.document.source, "get_absolute_url", None)
        return get_absolute_url() if get_absolute_url else None


def _publication_kinds():
    """``{key: kind}`` of the kinds registered as publications."""
    return {key: kind for key, kind in kinds.items() if kind.publication}


def _published(documents, published):
    """The documents among ``documents`` that are public, as publications."""
    return [
        Publication(document, published[document.kind])
        for document in documents
        if document.source is not None and published[document.kind].public_for(document.source)
    ]


def _with_files(published):
    """Documents of the ``published`` kinds that have a file to download (the last good one
    while a new version renders), their sources loaded in one query per source model."""
    return (
        GeneratedDocument.objects.filter(kind__in=published)
        .exclude(file="")
        .select_related("content_type")
        .prefetch_related("source")
    )


def publications():
    """The public documents of the kinds registered as publications that have a file to
    download, the latest published first (of two published at the same moment, the one
    requested later)."""
    published = _publication_kinds()
    listed = _published(_with_files(published).order_by("-pk"), published)
    return sorted(listed, key=lambda publication: publication.published_at, reverse=True)


def publication(pk):
    """The publication with the document number ``pk``, or None when that document is no
    public publication with a file. The number stays when a new version of the file is
    rendered, so a publication's address lasts."""
    published = _publication_kinds()
    found = _published(_with_files(published).filter(pk=pk), published)
    return found[0] if found else None
