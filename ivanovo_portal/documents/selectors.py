from django.contrib.contenttypes.models import ContentType

from .models import GeneratedDocument


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
