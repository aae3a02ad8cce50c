"""Verification: the blind second score a monitor or the coordinator gives, and the coordinator's
reconciliation of scores that differ. The second-score pages never show the first score, its
author or their note."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from ivanovo_portal.refusals import apply_form

from ..forms.verification import ReconcileForm, SecondScoreForm
from ..models import Observation
from ..selectors import rounds as selectors
from ..services import verification
from .loaders import get_round_for_coordinator, get_round_for_member

Status = Observation.Status


def _get_observation(round_, pk, status):
    """The round's observation ``pk`` at ``status`` while the round is being scored, with what its
    page shows: 404 otherwise."""
    if round_.status not in verification.SCORING:
        raise Http404
    return get_object_or_404(
        round_.observations.select_related(
            "round", "criterion__area", "settlement"
        ).prefetch_related("criterion__scale", "evidence"),
        pk=pk,
        status=status,
    )


def _get_observation_for_second_scorer(user, slug, pk):
    """A submitted observation ``user`` may score blind: 403 for their own or outside their
    rounds, 404 once it has its second score."""
    round_ = get_round_for_member(user, slug)
    observation = _get_observation(round_, pk, Status.SUBMITTED)
    if not verification.may_second_score(user, observation):
        raise PermissionDenied
    return observation


@login_required
def second_score_list(request, slug):
    round_ = get_round_for_member(request.user, slug)
    return render(
        request,
        "monitoring/verification/second_score_list.html",
        {
            "round": round_,
            "scoring": round_.status in verification.SCORING,
            "observations": selectors.awaiting_second_score(round_, request.user),
        },
    )


@login_required
def second_score(request, slug, pk):
    observation = _get_observation_for_second_scorer(request.user, slug, pk)
    form = SecondScoreForm(observation.criterion, request.POST or None)
    if request.method == "POST" and form.is_valid():
        scored = apply_form(form, verification.second_score, observation, user=request.user)
        if scored:
            messages.success(
                request,
                _("The scores agree: the observation is verified.")
                if scored.status == Status.VERIFIED
                else _("The scores differ: the coordinator will reconcile them."),
            )
            return redirect("monitoring:second_score_list", slug)
    return render(
        request,
        "monitoring/verification/second_score.html",
        {"round": observation.round, "observation": observation, "form": form},
    )


@login_required
def reconcile_list(request, slug):
    round_ = get_round_for_coordinator(request.user, slug)
    return render(
        request,
        "monitoring/verification/reconcile_list.html",
        {
            "round": round_,
            "scoring": round_.status in verification.SCORING,
            "observations": selectors.disputed(round_),
        },
    )


@login_required
def reconcile(request, slug, pk):
    round_ = get_round_for_coordinator(request.user, slug)
    observation = _get_observation(round_, pk, Status.DISPUTED)
    form = ReconcileForm(observation.criterion, request.POST or None)
    if (
        request.method == "POST"
        and form.is_valid()
        and apply_form(form, verification.reconcile, observation, user=request.user)
    ):
        messages.success(request, _("The final score is set and the observation verified."))
        return redirect("monitoring:reconcile_list", slug)
    return render(
        request,
        "monitoring/verification/reconcile.html",
        {
            "round": round_,
            "observation": observation,
            "second": observation.second_score,
            "form": form,
        },
    )
