"""The coordinator's screens of a round: the list, the hub with its steps, the round's form and
its people."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ivanovo_portal.accounts.permissions import permission_required
from ivanovo_portal.audit.selectors import history_of
from ivanovo_portal.refusals import apply_form

from ..agreement import agreement
from ..forms.rounds import MembersForm, RoundForm, StepForm
from ..models import MonitoringReport, Round
from ..selectors import rounds as selectors
from ..services import rounds
from .loaders import get_round_for_coordinator

COORDINATE = "monitoring.coordinate_round"
PAGE_SIZE = 25


@permission_required(COORDINATE)
def round_list(request):
    page = Paginator(selectors.rounds_for_staff(), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "monitoring/rounds/list.html", {"page_obj": page})


@permission_required(COORDINATE)
def round_create(request):
    form = RoundForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        round_ = apply_form(form, rounds.create_round, user=request.user)
        if round_:
            messages.success(request, _("The round is planned. Now name its people."))
            return redirect("monitoring:round_members", round_.slug)
    return render(request, "monitoring/rounds/form.html", {"form": form})


def _steps(round_):
    """Each status of a round in order, and whether the round has passed it, stands at it or has
    it still to come."""
    statuses = list(Round.Status)
    current = statuses.index(round_.status)
    return [
        (status.label, "done" if i < current else "current" if i == current else "to_come")
        for i, status in enumerate(statuses)
    ]


def _hub(request, round_, step_form=None):
    return render(
        request,
        "monitoring/rounds/detail.html",
        {
            "round": round_,
            "steps": _steps(round_),
            "step": rounds.next_step(round_),
            "refusal": rounds.next_step_refusal(round_),
            "step_form": step_form or StepForm(round_),
            "members": selectors.members_of(round_),
            "counts": selectors.status_counts(round_),
            "expected": selectors.expected_cells(round_),
            "agreement": agreement(round_),
            "report": MonitoringReport.objects.filter(round=round_).first(),
            "history": history_of(round_),
        },
    )


@login_required
def round_detail(request, slug):
    return _hub(request, get_round_for_coordinator(request.user, slug))


@login_required
@require_POST
def round_step(request, slug):
    round_ = get_round_for_coordinator(request.user, slug)
    form = StepForm(round_, request.POST)
    if form.is_valid():
        taken = apply_form(form, rounds.take_step, round_, user=request.user)
        if taken:
            messages.success(
                request,
                _("The round is now at the step “%(status)s”.")
                % {"status": taken.get_status_display()},
            )
            return redirect("monitoring:round_detail", taken.slug)
    return _hub(request, round_, step_form=form)


@login_required
def round_edit(request, slug):
    round_ = get_round_for_coordinator(request.user, slug)
    # The form changes its own copy, so the page's title keeps the saved one on errors.
    form = RoundForm(request.POST or None, instance=Round.objects.get(pk=round_.pk))
    if request.method == "POST" and form.is_valid():
        saved = apply_form(form, rounds.update_round, round_, user=request.user)
        if saved:
            messages.success(request, _("The round has been saved."))
            return redirect("monitoring:round_detail", saved.slug)
    return render(request, "monitoring/rounds/form.html", {"form": form, "round": round_})


@login_required
def round_members(request, slug):
    round_ = get_round_for_coordinator(request.user, slug)
    form = MembersForm(round_, request.POST or None)
    if (
        request.method == "POST"
        and form.is_valid()
        and apply_form(form, rounds.set_members, round_, user=request.user)
    ):
        messages.success(request, _("The round's people have been saved."))
        return redirect("monitoring:round_detail", round_.slug)
    return render(request, "monitoring/rounds/members.html", {"form": form, "round": round_})
