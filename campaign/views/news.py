from django.shortcuts import render

from ivanovo_portal.activities import overview
from ivanovo_portal.project import Activity


def news(request):
    return render(request, "campaign/news.html", overview(Activity.CAMPAIGN))
