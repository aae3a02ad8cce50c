"""Where the portal used the toolkit's methods: every case by method, and one case as a case
study (issue, place, dates, participants by group, method, outcome, what changed)."""

from django.http import Http404
from django.shortcuts import render

from ivanovo_portal.activities import section
from ivanovo_portal.project import Activity

from ..usage import case_page, cases_page


def cases(request):
    context = section(Activity.TOOLKIT) | {"sections": cases_page()}
    return render(request, "toolkit/cases.html", context)


def case(request, provider, key):
    page = case_page(provider, key)
    if page is None:
        raise Http404("No such case.")
    return render(request, "toolkit/case.html", section(Activity.TOOLKIT) | {"page": page})
