"""The activity's landing page: what it is for, its figures, and the consultations open now and
past."""

from django.shortcuts import render

from ivanovo_portal.activities import overview
from ivanovo_portal.project import Activity

from ..documents import public_consultations


def index(request):
    return render(
        request,
        "consultations/index.html",
        {**overview(Activity.CONSULTATIONS), **public_consultations()},
    )
