"""The monitors' fieldwork screens (``work/``: their rounds, what is left, a criterion's page, the
observation form with its evidence) and the coordinator's paper sheets (``manage/rounds/<slug>/
sheets/``). Monitors see only their own observations' scores: the second score is blind."""

from dataclasses import dataclass

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Prefetch
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ivanovo_portal import uploads
from ivanovo_portal.places.models import Settlement
from ivanovo_portal.refusals import Refused, apply_form

from ..access import is_coordinator, is_member
from ..forms.observations import FileEvidenceForm, LinkEvidenceForm, ObservationForm
from ..models import Criterion, Evidence, Membership, Observation, Round, ScalePoint
from ..services import observations
from .loaders import get_round_for_member

Status = Observation.Status

# Loaders


def _criteria(round_):
    return Criterion.objects.filter(area__version=round_.version_id).prefetch_related(
        Prefetch("scale", queryset=ScalePoint.objects.order_by("value"))
    )


def _get_criterion(round_, code):
    return get_object_or_404(_criteria(round_).select_related("area"), code=code)


def _get_cell(round_, settlement_slug, code):
    """The criterion and settlement of an observation's page: 404 where it is not scored."""
    criterion = _get_criterion(round_, code)
    settlement = get_object_or_404(Settlement, slug=settlement_slug)
    if not criterion.applies_to(settlement):
        raise Http404
    return criterion, settlement


def _my_settlements(round_, user):
    """The settlements ``user`` works in: a monitor's own list, or every one (none listed, or
    the coordinator)."""
    settlements = Settlement.objects.order_by("position")
    membership = (
        round_.memberships.filter(user=user, role=Membership.Role.MONITOR)
        .prefetch_related("settlements")
        .first()
    )
    covered = list(membership.settlements.all()) if membership else []
    return covered or list(settlements)


# What a person sees of a cell


@dataclass(frozen=True)
class Cell:
    """A criterion in a settlement as the person looking sees it: ``state`` is "todo", "mine"
    (their own observation, with its status) or "other" (someone else's, never its score)."""

    criterion: Criterion
    settlement: Settlement
    state: str
    round_slug: str
    status: str = ""
    status_label: str = ""

    @property
    def url(self):
        return reverse(
            "monitoring:observation",
            args=[self.round_slug, self.settlement.slug, self.criterion.code],
        )


def _cells(round_, user, criteria, settlements, *, coordinator):
    """The cells of ``criteria`` × ``settlements`` scored there, by settlement, in one query;
    a ``coordinator`` sees the status of everyone's."""
    recorded = {
        (row["criterion_id"], row["settlement_id"]): row
        for row in Observation.objects.filter(
            round=round_, settlement__in=settlements, criterion__in=criteria
        ).values("criterion_id", "settlement_id", "status", "monitor_id")
    }
    labels = dict(Status.choices)
    by_settlement = []
    for settlement in settlements:
        cells = []
        for criterion in criteria:
            if not criterion.applies_to(settlement):
                continue
            row = recorded.get((criterion.pk, settlement.pk))
            if row is None:
                state, status = "todo", ""
            elif row["monitor_id"] == user.pk or coordinator:
                state, status = "mine", row["status"]
            else:
                state, status = "other", ""
            label = str(labels.get(status, ""))
            cells.append(Cell(criterion, settlement, state, round_.slug, status, label))
        by_settlement.append((settlement, cells))
    return by_settlement


# Monitors' screens


@login_required
def work(request):
    """The rounds the person works in, with what is left to do in each."""
    rounds = list(
        Round.objects.of_member(request.user)
        .exclude(status=Round.Status.PLANNED)
        .select_related("version__framework")
        .order_by("-period_start", "-pk")
    )
    criteria = list(
        Criterion.objects.filter(area__version__in={r.version_id for r in rounds})
        .select_related("area")
        .only("scope", "area__version")
    )
    recorded = {
        (row["round"], row["settlement"]): row["n"]
        for row in Observation.objects.filter(round__in=rounds)
        .values("round", "settlement")
        .annotate(n=Count("pk"))
    }
    mine = {
        (row["round"], row["status"]): row["n"]
        for row in Observation.objects.filter(round__in=rounds, monitor=request.user)
        .values("round", "status")
        .annotate(n=Count("pk"))
    }
    memberships = {
        membership.round_id: [s.pk for s in membership.settlements.all()]
        for membership in request.user.monitoring_memberships.filter(
            round__in=rounds
        ).prefetch_related("settlements")
    }
    settlements = list(Settlement.objects.order_by("position"))
    rows = []
    for round_ in rounds:
        covered = memberships.get(round_.pk) or [s.pk for s in settlements]
        left = 0
        for settlement in settlements:
            if settlement.pk not in covered:
                continue
            cells = sum(
                1
                for criterion in criteria
                if criterion.area.version_id == round_.version_id
                and criterion.applies_to(settlement)
            )
            left += max(cells - recorded.get((round_.pk, settlement.pk), 0), 0)
        rows.append(
            {
                "round": round_,
                "left": left,
                "drafts": mine.get((round_.pk, Status.DRAFT), 0),
                "submitted": sum(n for (pk, status), n in mine.items() if pk == round_.pk)
                - mine.get((round_.pk, Status.DRAFT), 0),
            }
        )
    return render(request, "monitoring/work/rounds.html", {"rows": rows})


@login_required
def work_round(request, slug):
    """The person's settlements, each with its criteria and how far each is recorded."""
    round_ = get_round_for_member(request.user, slug)
    coordinator = is_coordinator(request.user, round_)
    criteria = list(Criterion.objects.filter(area__version=round_.version_id))
    settlements = _my_settlements(round_, request.user)
    by_settlement = _cells(round_, request.user, criteria, settlements, coordinator=coordinator)
    return render(
        request,
        "monitoring/work/round.html",
        {"round": round_, "by_settlement": by_settlement, "is_coordinator": coordinator},
    )


@login_required
def work_criterion(request, slug, code):
    """A criterion's question, legal basis, guidance and scale, with a link to record it for
    each of the person's settlements: what a sheet's QR code opens."""
    round_ = get_round_for_member(request.user, slug)
    criterion = _get_criterion(round_, code)
    settlements = _my_settlements(round_, request.user)
    coordinator = is_coordinator(request.user, round_)
    cells = [
        cell
        for _settlement, row in _cells(
            round_, request.user, [criterion], settlements, coordinator=coordinator
        )
        for cell in row
    ]
    return render(
        request,
        "monitoring/work/criterion.html",
        {"round": round_, "criterion": criterion, "cells": cells},
    )


def _observation_page(request, round_, criterion, settlement, *, form=None, evidence_forms=None):
    observation = (
        Observation.objects.filter(round=round_, criterion=criterion, settlement=settlement)
        .select_related("monitor", "entered_by")
        .prefetch_related("evidence")
        .first()
    )
    coordinator = is_coordinator(request.user, round_)
    own = observation is None or observation.monitor_id == request.user.pk
    editable = (
        own
        and round_.status == Round.Status.FIELDWORK
        and (observation is None or observation.status == Status.DRAFT)
    )
    evidence_forms = evidence_forms or {}
    context = {
        "round": round_,
        "criterion": criterion,
        "settlement": settlement,
        "observation": observation,
        # Another monitor's score stays hidden from monitors: they may score it second.
        "may_see": own or coordinator,
        "is_coordinator": coordinator,
        "editable": editable,
        "form": form
        or (ObservationForm.of(observation, criterion=criterion) if editable else None),
        "file_form": evidence_forms.get("file") or FileEvidenceForm(),
        "link_form": evidence_forms.get("link") or LinkEvidenceForm(),
    }
    return render(request, "monitoring/work/observation.html", context)


@login_required
def observation(request, slug, settlement_slug, code):
    """The observation form: saved as a draft by its button, or as the person types (htmx
    answers with the saved time for the status line)."""
    round_ = get_round_for_member(request.user, slug)
    criterion, settlement = _get_cell(round_, settlement_slug, code)
    if request.method != "POST":
        return _observation_page(request, round_, criterion, settlement)
    form = ObservationForm(request.POST, criterion=criterion)
    saved = form.is_valid() and apply_form(
        form,
        observations.save_draft,
        round_,
        criterion=criterion,
        settlement=settlement,
        user=request.user,
    )
    if request.htmx:
        return render(
            request, "monitoring/work/_saved.html", {"saved": saved or None, "form": form}
        )
    if saved:
        messages.success(request, _("The draft has been saved."))
        return redirect("monitoring:observation", slug, settlement_slug, code)
    return _observation_page(request, round_, criterion, settlement, form=form)


@require_POST
@login_required
def observation_submit(request, slug, settlement_slug, code):
    round_ = get_round_for_member(request.user, slug)
    criterion, settlement = _get_cell(round_, settlement_slug, code)
    form = ObservationForm(request.POST, criterion=criterion)
    if form.is_valid() and apply_form(
        form,
        observations.submit,
        round_,
        criterion=criterion,
        settlement=settlement,
        user=request.user,
    ):
        messages.success(
            request,
            _("Observation %(code)s for %(settlement)s has been submitted for the second score.")
            % {"code": criterion.code, "settlement": settlement},
        )
        return redirect("monitoring:work_round", slug)
    return _observation_page(request, round_, criterion, settlement, form=form)


@require_POST
@login_required
def evidence_add(request, slug, settlement_slug, code):
    """A photo, a document or a link added to the person's draft (saved empty if need be)."""
    round_ = get_round_for_member(request.user, slug)
    criterion, settlement = _get_cell(round_, settlement_slug, code)
    cell = {"criterion": criterion, "settlement": settlement, "user": request.user}
    if request.POST.get("kind") == "link":
        kind, form = "link", LinkEvidenceForm(request.POST)
        service = observations.add_link_evidence
        done = _("The link has been added; its page is being captured.")
    else:
        kind, form = "file", FileEvidenceForm(request.POST, request.FILES, user=request.user)
        service = observations.add_file_evidence
        done = _("The file has been added.")
    if form.is_valid() and apply_form(form, service, round_, **cell):
        messages.success(request, done)
        return redirect("monitoring:observation", slug, settlement_slug, code)
    return _observation_page(request, round_, criterion, settlement, evidence_forms={kind: form})


def _get_evidence_for_member(request, slug, pk):
    round_ = get_round_for_member(request.user, slug)
    return get_object_or_404(
        Evidence.objects.select_related("observation__criterion", "observation__settlement"),
        pk=pk,
        observation__round=round_,
    )


def _back_to(evidence, round_):
    observation = evidence.observation
    return redirect(
        "monitoring:observation",
        round_.slug,
        observation.settlement.slug,
        observation.criterion.code,
    )


@require_POST
@login_required
def evidence_remove(request, slug, pk):
    evidence = _get_evidence_for_member(request, slug, pk)
    try:
        observations.remove_evidence(evidence, user=request.user)
    except Refused as refusal:
        messages.error(request, refusal.message)
    else:
        messages.success(request, _("The evidence has been removed from the draft."))
    return _back_to(evidence, evidence.observation.round)


@require_POST
@login_required
def evidence_publish(request, pk):
    """The coordinator shows evidence on the published scorecard, or stops showing it."""
    evidence = get_object_or_404(
        Evidence.objects.select_related(
            "observation__round", "observation__criterion", "observation__settlement"
        ),
        pk=pk,
    )
    if not is_coordinator(request.user, evidence.observation.round):
        raise PermissionDenied
    publish = request.POST.get("is_public") == "1"
    observations.set_evidence_public(evidence, is_public=publish, user=request.user)
    messages.success(
        request,
        _("The evidence will be shown on the published scorecard.")
        if publish
        else _("The evidence is seen only by the round's members."),
    )
    return _back_to(evidence, evidence.observation.round)


def evidence_file(request, pk):
    """A file or captured page: to the round's members always; to anyone once the round is
    published, if the coordinator made it public."""
    evidence = get_object_or_404(Evidence.objects.select_related("observation__round"), pk=pk)
    if not evidence.file:
        raise Http404
    round_ = evidence.observation.round
    public = evidence.is_public and round_.is_public()
    if not public:
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not is_member(request.user, round_):
            raise PermissionDenied
    return uploads.serve_private(
        evidence.file,
        evidence.name or evidence.file.name.rsplit("/", 1)[-1],
        content_type=evidence.content_type or None,
        public=public,
    )
