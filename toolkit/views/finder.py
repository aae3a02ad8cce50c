"""The method finder and the planning sheet: two GET forms whose addresses are the links to
share the answers and the plan."""

from django.shortcuts import render

from ivanovo_portal.activities import section
from ivanovo_portal.project import Activity

from ..finder import rank
from ..forms.finder import FinderForm
from ..forms.plan import PlanForm
from ..models import Method
from ..planning import make_plan


def finder(request):
    form = FinderForm(request.GET)
    ranking = None
    if form.answered:
        ranking = rank(Method.objects.with_placements(), form.answers())
    context = section(Activity.TOOLKIT) | {
        "form": form,
        "ranking": ranking,
        "decision": form.cleaned_data.get("decision") or "",
        "link": request.build_absolute_uri(),
    }
    return render(request, "toolkit/finder.html", context)


def plan(request):
    form = PlanForm(request.GET or None)
    sheet = make_plan(**form.cleaned_data) if form.is_valid() else None
    context = section(Activity.TOOLKIT) | {
        "form": form,
        "plan": sheet,
        "link": request.build_absolute_uri(),
    }
    return render(request, "toolkit/plan.html", context)
