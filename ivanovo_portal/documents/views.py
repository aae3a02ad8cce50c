from contextlib import suppress

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.cache import patch_cache_control
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from ivanovo_portal.accounts.permissions import permission_required
from ivanovo_portal.audit.selectors import history_of
from ivanovo_portal.pagecache import counts
from ivanovo_portal.refusals import Refused

from . import selectors, services
from .filters import DocumentFilter
from .models import GeneratedDocument
from .registry import VIEW_PERMISSION

RETRY_PERMISSION = "documents.change_generateddocument"


def _get_document_for_user(request, pk):
    """The document, if this user may see it: public documents for anyone, others for those
    with its kind's permission (staff's, or a narrower one such as exporting responses)."""
    document = get_object_or_404(GeneratedDocument.objects.select_related("content_type"), pk=pk)
    if not (request.user.has_perm(document.view_permission) or document.is_public):
        raise PermissionDenied
    return document


def _status_fragment(request, document):
    return render(
        request, "documents/_status.html", {"document": document, "document_fragment": True}
    )


def detail(request, pk):
    document = _get_document_for_user(request, pk)
    if request.htmx or "fragment" in request.GET:
        return _status_fragment(request, document)
    # The history is the staff's, as are the technical details beside it.
    history = (
        history_of(document) if request.user.has_perm("documents.view_generateddocument") else ()
    )
    return render(request, "documents/detail.html", {"document": document, "history": history})


def download(request, pk):
    """The document's file: the last good one, also while a new version is being prepared."""
    document = _get_document_for_user(request, pk)
    response = FileResponse(
        _open_file(document),
        as_attachment=True,
        filename=document.download_filename,
        content_type=document.media_type,
    )
    if not document.is_public:
        patch_cache_control(response, private=True)
    elif request.method == "GET" and not request.user.has_perm(VIEW_PERMISSION):
        # The campaign's reach counts the public's downloads: staff checking a file are not
        # reach, nor is a robot or a HEAD request that fetches no file. The count reaches the row
        # within a minute, and leaves updated_at, which the render pipeline watches, as it is.
        counts.add(request, GeneratedDocument, document.pk, "downloads")
    return response


def _open_file(document):
    """The document's file, open. A new version may replace it between reading the row and
    opening the file: then the row, read again, serves the new one."""
    if not document.is_available:
        raise Http404("This document has not been rendered yet.")
    try:
        return document.file.open("rb")
    except FileNotFoundError:
        document.refresh_from_db()
    if document.is_available:
        with suppress(FileNotFoundError):
            return document.file.open("rb")
    raise Http404("The file of this document is missing.")


@require_POST
@permission_required(RETRY_PERMISSION)
def retry(request, pk):
    document = get_object_or_404(GeneratedDocument, pk=pk)
    try:
        document = services.retry_document(document, user=request.user)
    except Refused as refusal:
        messages.error(request, refusal.message)
    if request.htmx:
        # Without a broker the render already ran when the retry committed: show where it stands.
        document.refresh_from_db()
        return _status_fragment(request, document)
    next_url = request.POST.get("next", "")
    if url_has_allowed_host_and_scheme(next_url, {request.get_host()}, request.is_secure()):
        return redirect(next_url)
    return redirect(document)


@permission_required(VIEW_PERMISSION)
def document_list(request):
    documents = DocumentFilter(request.GET, queryset=selectors.documents_for_staff())
    page = Paginator(documents.qs, 25).get_page(request.GET.get("page"))
    return render(request, "documents/list.html", {"filter": documents, "page": page})
