from django.conf import settings
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import render

from ivanovo_portal.activities import section
from ivanovo_portal.documents.selectors import publication as publication_of
from ivanovo_portal.project import Activity

from ..publications import library

PAGE_SIZE = 20


def publications(request):
    """Every public document an activity or the register publishes, filtered by activity, kind
    and year, with its checksum and how often it was downloaded."""
    form, found = library(request.GET)
    page_obj = Paginator(found, PAGE_SIZE).get_page(request.GET.get("page"))
    context = section(Activity.CAMPAIGN) | {"filter": form, "page_obj": page_obj}
    return render(request, "campaign/publications.html", context)


def publication(request, pk):
    """A publication's lasting page: what it is, where it comes from and its file. Its address
    is the document's number, which a new version of the file keeps."""
    found = publication_of(pk)
    if found is None:
        raise Http404("No public publication has this number.")
    context = {"publication": found, "permalink": settings.PORTAL_URL + request.path}
    return render(request, "campaign/publication.html", context)
