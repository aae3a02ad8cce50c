from django.shortcuts import render

from ivanovo_portal.activities import overview
from ivanovo_portal.project import Activity


def index(request):
    return render(request, "surveys/index.html", overview(Activity.SURVEYS))
