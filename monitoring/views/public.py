from django.shortcuts import render

from ivanovo_portal.activities import overview
from ivanovo_portal.project import Activity


def index(request):
    return render(request, "monitoring/index.html", overview(Activity.MONITORING))
