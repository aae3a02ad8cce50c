"""The toolkit's public reading pages: its landing page, the methods with their filters, one
method, and the Code's matrix of levels × steps."""

from django.shortcuts import render

from ivanovo_portal.activities import overview, section
from ivanovo_portal.project import Activity

from .. import catalogue
from ..forms.catalogue import MethodFilterForm


def index(request):
    context = overview(Activity.TOOLKIT) | catalogue.landing()
    return render(request, "toolkit/index.html", context)


def methods(request):
    form = MethodFilterForm(request.GET)
    context = section(Activity.TOOLKIT) | {
        "form": form,
        "cards": catalogue.method_cards(form.chosen),
    }
    return render(request, "toolkit/methods.html", context)


def method(request, slug):
    context = section(Activity.TOOLKIT) | {"page": catalogue.method_page(slug)}
    return render(request, "toolkit/method.html", context)


def matrix(request):
    context = section(Activity.TOOLKIT) | {"matrix": catalogue.matrix()}
    return render(request, "toolkit/matrix.html", context)
