from django.shortcuts import render

from ivanovo_portal.activities import overview
from ivanovo_portal.documents.selectors import publications as publications_of
from ivanovo_portal.project import Activity


def publications(request):
    """Every public document an activity or the register publishes, with its checksum."""
    context = overview(Activity.CAMPAIGN) | {"publications": publications_of()}
    return render(request, "campaign/publications.html", context)
