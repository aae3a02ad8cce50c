"""The editions of the toolkit as a book, and the methods' templates as editable documents."""

from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render

from .. import docx
from ..editions import edition_page
from ..models import MethodTemplate


def edition(request, number):
    """An edition: what is new in it, its methods, its book and cards, the other editions."""
    page = edition_page(number)
    if page is None:
        raise Http404("No edition has this number.")
    return render(request, "toolkit/edition.html", {"page": page})


def template_docx(request, pk):
    """A method's template as a Word document to fill in."""
    template = get_object_or_404(MethodTemplate.objects.select_related("method"), pk=pk)
    response = HttpResponse(docx.template_docx(template), content_type=docx.DOCX)
    response["Content-Disposition"] = docx.content_disposition(template.title)
    return response
