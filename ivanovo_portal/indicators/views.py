from django.shortcuts import render

from .selectors import progress_by_activity


def index(request):
    # The register's figures (no activity) link to the register.
    sections = [
        (section, section.activity.url_name if section.activity else "recommendations:list")
        for section in progress_by_activity()
    ]
    return render(request, "indicators/index.html", {"sections": sections})
