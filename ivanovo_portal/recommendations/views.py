"""Public pages of the register and the back office where staff and officials move it along."""

from functools import partial

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from ivanovo_portal.accounts.permissions import permission_required
from ivanovo_portal.refusals import Refused, apply_form

from . import selectors, services
from .filters import RecommendationFilter
from .forms import DecisionForm, EventForm, ProgressForm, RecommendationForm, ResponseForm

PUBLIC_PAGE_SIZE = 20
MANAGE_PAGE_SIZE = 25


def page_of(request, queryset, size):
    return Paginator(queryset, size).get_page(request.GET.get("page"))


def applied(request, form, service, *args, done, **kwargs):
    """Whether ``form`` came by POST, is valid and ``service`` took it (``apply_form``); if so,
    tell the person ``done``."""
    if request.method == "POST" and form.is_valid() and apply_form(form, service, *args, **kwargs):
        messages.success(request, done)
        return True
    return False


def step_view(permission, form_class, form_name, service, done, *, load, page, back, **options):
    """A POST that takes one step on ``load(request, pk)`` with a form: then to ``back(obj)``, or
    refused or invalid, to its ``page`` again with the form (``form_name``) and its errors; each
    of ``options`` gives the form an argument from ``(request, obj)``."""

    @permission_required(permission)
    @require_POST
    def view(request, pk):
        obj = load(request, pk)
        arguments = {key: option(request, obj) for key, option in options.items()}
        form = form_class(request.POST, request.FILES, **arguments)
        if applied(request, form, service, obj, user=request.user, done=done):
            return redirect(back(obj))
        return page(request, obj, **{form_name: form})

    return view


def _recommendation_for(request, pk):
    recommendation = selectors.recommendation_for_page(pk, request.user)
    if recommendation is None:
        raise Http404
    return recommendation


# Public pages


def recommendation_list(request):
    recommendations = selectors.public_recommendations()
    filterset = RecommendationFilter(request.GET, queryset=recommendations)
    return render(
        request,
        "recommendations/list.html",
        {
            "filter": filterset,
            "page_obj": page_of(request, filterset.qs, PUBLIC_PAGE_SIZE),
            "status_counts": selectors.status_counts(recommendations),
        },
    )


def recommendation_detail(request, pk):
    recommendation = _recommendation_for(request, pk)
    filed = selectors.filed_letter_of(recommendation)
    return render(
        request,
        "recommendations/detail.html",
        {
            "recommendation": recommendation,
            "submission": filed,
            "letter": selectors.letter_of(filed) if filed else None,
            "attachments": selectors.public_attachments(filed) if filed else [],
        },
    )


# Back office: recommendations


@permission_required("recommendations.view_recommendation")
def manage_list(request):
    can_write = request.user.has_perm("recommendations.change_recommendation")
    filterset = RecommendationFilter(
        request.GET,
        queryset=selectors.recommendations_visible_to(request.user),
        public=not can_write,
    )
    return render(
        request,
        "recommendations/manage/list.html",
        {"filter": filterset, "page_obj": page_of(request, filterset.qs, MANAGE_PAGE_SIZE)},
    )


@permission_required("recommendations.add_recommendation")
def recommendation_create(request):
    form = RecommendationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        recommendation = services.create_recommendation(user=request.user, **form.cleaned_data)
        messages.success(request, _("The recommendation has been saved as a draft."))
        return redirect("recommendations:manage", recommendation.pk)
    return render(request, "recommendations/manage/form.html", {"form": form})


def edit_page(request, recommendation, *, form_class, template, back, **context):
    """Reword ``recommendation`` with ``form_class`` through the service; back to the address
    ``back`` once saved, or at once when it can no longer change."""
    if not recommendation.is_editable:
        messages.error(
            request, _("A recommendation sent to the municipality can no longer be changed.")
        )
        return redirect(back)
    form = form_class(request.POST or None, instance=recommendation)
    update = services.update_recommendation
    done = _("The recommendation has been saved.")
    if applied(request, form, update, recommendation, user=request.user, done=done):
        return redirect(back)
    return render(
        request,
        template,
        {"form": form, "recommendation": recommendation, "back": back, **context},
    )


@permission_required("recommendations.change_recommendation")
def recommendation_edit(request, pk):
    recommendation = _recommendation_for(request, pk)
    return edit_page(
        request,
        recommendation,
        form_class=RecommendationForm,
        template="recommendations/manage/form.html",
        back=reverse("recommendations:manage", args=[pk]),
    )


def _manage_page(request, recommendation, **forms):
    """The page of one recommendation with the forms for the steps this user may take now."""
    user = request.user
    status = recommendation.Status
    if user.has_perm("recommendations.record_response"):
        if recommendation.status == status.FILED:
            forms.setdefault("response_form", ResponseForm())
        if recommendation.status == status.ANSWERED:
            forms.setdefault("decision_form", DecisionForm())
    if user.has_perm("recommendations.record_implementation") and recommendation.status in (
        status.ACCEPTED,
        status.PARTLY_ACCEPTED,
    ):
        forms.setdefault(
            "progress_form", ProgressForm(initial={"progress": recommendation.progress})
        )
    if user.has_perm("recommendations.record_event") and recommendation.is_public:
        forms.setdefault("event_form", EventForm())
    return render(
        request,
        "recommendations/manage/recommendation.html",
        {
            "recommendation": recommendation,
            "can_edit": recommendation.is_editable
            and user.has_perm("recommendations.change_recommendation"),
            "can_approve": recommendation.status == status.DRAFT
            and user.has_perm("recommendations.approve_recommendation"),
            "history": selectors.history(recommendation),
            **forms,
        },
    )


@permission_required("recommendations.view_recommendation")
def recommendation_manage(request, pk):
    return _manage_page(request, _recommendation_for(request, pk))


@require_POST
@permission_required("recommendations.approve_recommendation")
def recommendation_approve(request, pk):
    approve_and_say(request, _recommendation_for(request, pk))
    return redirect("recommendations:manage", pk)


def approve_and_say(request, recommendation):
    """Approve ``recommendation`` and tell the person it is public, or why it is refused."""
    try:
        services.approve(recommendation, user=request.user)
    except Refused as refusal:
        messages.error(request, refusal.message)
    else:
        messages.success(request, _("The recommendation has been approved and is now public."))


_recommendation_step = partial(
    step_view,
    load=_recommendation_for,
    page=_manage_page,
    back=lambda recommendation: reverse("recommendations:manage", args=[recommendation.pk]),
)
recommendation_response = _recommendation_step(
    "recommendations.record_response",
    ResponseForm,
    "response_form",
    services.record_response,
    gettext_lazy("The municipality's response has been recorded."),
)
recommendation_decision = _recommendation_step(
    "recommendations.record_response",
    DecisionForm,
    "decision_form",
    services.record_decision,
    gettext_lazy("The municipality's decision has been recorded."),
)
recommendation_progress = _recommendation_step(
    "recommendations.record_implementation",
    ProgressForm,
    "progress_form",
    services.record_progress,
    gettext_lazy("The implementation progress has been recorded."),
)
recommendation_event = _recommendation_step(
    "recommendations.record_event",
    EventForm,
    "event_form",
    services.record_event,
    gettext_lazy("The event has been added to the timeline."),
)
