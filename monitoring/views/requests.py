"""Access-to-information requests of a round: the members' list with each deadline, logging a
request and recording what the municipality did, the answer's document; and the coordinator's
exports of the round."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import BadRequest, PermissionDenied
from django.db.models import Prefetch
from django.forms.models import model_to_dict
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from ivanovo_portal import uploads
from ivanovo_portal.accounts.permissions import permission_required
from ivanovo_portal.documents.registry import kinds
from ivanovo_portal.documents.selectors import document_of
from ivanovo_portal.documents.services import request_document
from ivanovo_portal.refusals import apply_form

from .. import exports
from ..access import is_coordinator, is_member
from ..deadlines import with_deadlines
from ..forms.requests import AnswerForm, ClarificationForm, ExtensionForm, RequestForm
from ..models import Criterion, InformationRequest, Round
from ..services import requests as services
from .loaders import get_round_for_member

REQUEST_FIELDS = list(RequestForm._meta.fields)


def _get_request_for_member(user, slug, pk):
    """The request ``pk`` of the round at ``slug`` for one of the round's members."""
    info_request = get_object_or_404(
        InformationRequest.objects.select_related("round__version", "settlement"),
        round__slug=slug,
        pk=pk,
    )
    if not is_member(user, info_request.round):
        raise PermissionDenied
    return info_request


@permission_required("monitoring.view_informationrequest")
def request_list(request, slug):
    """The round's requests, each with its deadline, the days left and the answer."""
    round_ = get_round_for_member(request.user, slug)
    requests = round_.requests.select_related("settlement").prefetch_related(
        Prefetch("criteria", queryset=Criterion.objects.only("pk", "code"))
    )
    rows = with_deadlines(requests)
    return render(
        request,
        "monitoring/requests/list.html",
        {
            "round": round_,
            "rows": rows,
            "overdue_count": sum(row.overdue for row in rows),
            "may_change": round_.status != Round.Status.PUBLISHED,
        },
    )


@permission_required("monitoring.add_informationrequest")
def request_create(request, slug):
    """Log a request made to the municipality; then its page records what comes of it."""
    round_ = get_round_for_member(request.user, slug)
    form = RequestForm(request.POST or None, round_=round_)
    if form.is_valid():
        created = apply_form(form, services.create_request, round_, user=request.user)
        if created is not None:
            messages.success(request, _("The request has been logged."))
            return redirect("monitoring:request_edit", round_.slug, created.pk)
    return render(request, "monitoring/requests/create.html", {"round": round_, "form": form})


def _edit_forms(request, info_request, bound=None):
    """The forms of the request's page, keyed by the name its POST carries in ``form``; the one
    named ``bound`` holds what was sent."""

    def sent(name):
        return {"data": request.POST, "files": request.FILES} if name == bound else {}

    return {
        "request": RequestForm(
            initial=model_to_dict(info_request, fields=REQUEST_FIELDS),
            round_=info_request.round,
            **sent("request"),
        ),
        "clarification": ClarificationForm(
            initial={"clarified_on": info_request.clarified_on}, **sent("clarification")
        ),
        "extension": ExtensionForm(
            initial={
                "extension": info_request.extension,
                "extension_notified_on": info_request.extension_notified_on,
                "extension_days": info_request.extension_days,
            },
            **sent("extension"),
        ),
        "answer": AnswerForm(
            initial=model_to_dict(
                info_request,
                fields=["answer", "answered_on", "answer_summary", "answer_is_public"],
            ),
            user=request.user,
            may_publish=is_coordinator(request.user, info_request.round),
            **sent("answer"),
        ),
    }


# The service each form of the request's page calls.
SERVICES = {
    "request": services.update_request,
    "clarification": services.record_clarification,
    "extension": services.record_extension,
    "answer": services.record_answer,
}


@permission_required("monitoring.change_informationrequest")
def request_edit(request, slug, pk):
    """A request: correct it, record a clarification, an extension and the answer."""
    info_request = _get_request_for_member(request.user, slug, pk)
    name = request.POST.get("form") if request.method == "POST" else None
    if request.method == "POST" and name not in SERVICES:
        raise BadRequest("Unknown form.")
    forms = _edit_forms(request, info_request, bound=name)
    if name:
        form = forms[name]
        if form.is_valid() and apply_form(form, SERVICES[name], info_request, user=request.user):
            messages.success(request, _("The request has been saved."))
            return redirect("monitoring:request_edit", slug, pk)
    [row] = with_deadlines([info_request])
    return render(
        request,
        "monitoring/requests/edit.html",
        {
            "round": info_request.round,
            "info_request": info_request,
            "row": row,
            "forms": forms,
            "may_change": info_request.round.status != Round.Status.PUBLISHED,
        },
    )


def request_answer_file(request, slug, pk):
    """The answer's document: to the round's members always, to anyone once the round is
    published and the coordinator has made the document public."""
    info_request = get_object_or_404(
        InformationRequest.objects.select_related("round"), round__slug=slug, pk=pk
    )
    public = info_request.round.is_public() and info_request.answer_is_public
    if not public:
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not is_member(request.user, info_request.round):
            raise PermissionDenied
    if not info_request.answer_file:
        raise Http404("This request has no answer's document.")
    extension = info_request.answer_file.name.rsplit(".", 1)[-1]
    return uploads.serve_private(
        info_request.answer_file,
        f"{info_request.round.slug}-zdoi-{info_request.pk}.{extension}",
        public=public,
    )


@login_required
def round_exports(request, slug):
    """The round's exports, each with the state of its last rendering; a POST has one rendered
    anew from the round as it is now. Coordinators only."""
    round_ = get_object_or_404(Round, slug=slug)
    if not is_coordinator(request.user, round_):
        raise PermissionDenied
    if request.method == "POST":
        name = request.POST.get("name")
        if name not in exports.EXPORTS:
            raise Http404("No such export.")
        request_document(round_, exports.EXPORTS[name], user=request.user)
        return redirect("monitoring:round_exports", round_.slug)
    documents = [
        (name, kinds.get(kind).label, document_of(round_, kind))
        for name, kind in exports.EXPORTS.items()
    ]
    return render(
        request, "monitoring/requests/exports.html", {"round": round_, "exports": documents}
    )
