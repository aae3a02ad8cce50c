from django.shortcuts import render

from ivanovo_portal.activities import overview
from ivanovo_portal.project import Activity


def news(request):
    return render(request, "campaign/news.html", overview(Activity.CAMPAIGN))


def events(request):
    return render(request, "campaign/events.html", overview(Activity.CAMPAIGN))


def publications(request):
    return render(request, "campaign/publications.html", overview(Activity.CAMPAIGN))
