from django.shortcuts import render

from ivanovo_portal.activities import overview
from ivanovo_portal.project import Activity
from surveys.reports import published_reports


def news(request):
    return render(request, "campaign/news.html", overview(Activity.CAMPAIGN))


def events(request):
    return render(request, "campaign/events.html", overview(Activity.CAMPAIGN))


def publications(request):
    context = overview(Activity.CAMPAIGN) | {"analysis_reports": published_reports()}
    return render(request, "campaign/publications.html", context)
