"""The documents that wait for staff to render them again: failed, or stalled with no worker left
to finish them. Registered when the app is ready."""

from django.utils.translation import gettext_lazy as _

from ivanovo_portal.accounts.awaiting import Item, Section

from .models import GeneratedDocument

LIMIT = 50


def failed_documents(user):
    documents = GeneratedDocument.objects.retryable().order_by("-updated_at", "-pk")[:LIMIT]
    return [
        Item(
            title=document.title,
            url=document.get_absolute_url(),
            detail=f"{document.kind_label} · {document.status_label}",
        )
        for document in documents
    ]


FAILED_DOCUMENTS = Section(
    title=_("Documents that could not be rendered"),
    permission="documents.change_generateddocument",
    order=40,
    description=_("Open each to read the error and render it again."),
    items=failed_documents,
)
