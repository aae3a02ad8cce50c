from django.shortcuts import render

from ivanovo_portal.project import Activity

from .selectors import progress_by_activity

AREA_URLS = {
    Activity.SURVEYS: "surveys:index",
    Activity.MONITORING: "monitoring:index",
    Activity.TOOLKIT: "toolkit:index",
    Activity.CONSULTATIONS: "consultations:index",
    Activity.CAMPAIGN: "campaign:news",
    None: "recommendations:list",
}


def index(request):
    sections = [(section, AREA_URLS[section.activity]) for section in progress_by_activity()]
    return render(request, "indicators/index.html", {"sections": sections})
