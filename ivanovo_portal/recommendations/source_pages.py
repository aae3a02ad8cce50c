"""The recommendations of one source (an analysis report, a monitoring report…) on the source's
own staff pages: listed, written, edited and approved through the register's services. An
activity plugs them into its URLs with one line::

    urlpatterns = [
        ...,
        *source_recommendation_urls(
            loader=_get_report_for_staff,
            prefix="reports/<slug:slug>/",
            name="report_recommendation",
            nav="surveys/reports/_recommendations_nav.html",
        ),
    ]

``loader(request, **kwargs)`` returns the source named by the URL's arguments, or raises
``Http404`` or ``PermissionDenied`` for a user who may not write its recommendations. ``nav``, if
given, is the template of the source's own tabs, included with ``source`` in its context. The
pages are named ``<name>_list``, ``<name>_edit`` and ``<name>_approve`` and come back to the list.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ivanovo_portal.accounts.permissions import permission_required

from . import selectors, services, sources
from .forms import SourceRecommendationForm
from .views import approve_and_say, edit_page


@dataclass(frozen=True)
class SourcePages:
    """How an activity's URLs reach the pages: its loader, its URL name and its tabs."""

    loader: Callable[..., Any]
    name: str
    nav: str = ""

    def url(self, request, page, source_kwargs, **kwargs):
        namespace = request.resolver_match.namespace
        name = f"{namespace}:{self.name}_{page}" if namespace else f"{self.name}_{page}"
        return reverse(name, kwargs={**source_kwargs, **kwargs})


def source_recommendation_urls(*, loader, prefix, name, nav=""):
    """The URL patterns of a source's recommendation pages, under ``prefix`` "recommendations/"."""
    options = {"pages": SourcePages(loader=loader, name=name, nav=nav)}
    route = f"{prefix}recommendations/"
    return [
        path(route, source_recommendations, options, name=f"{name}_list"),
        path(
            f"{route}<int:recommendation_pk>/",
            source_recommendation_edit,
            options,
            name=f"{name}_edit",
        ),
        path(
            f"{route}<int:recommendation_pk>/approve/",
            source_recommendation_approve,
            options,
            name=f"{name}_approve",
        ),
    ]


def _recommendation_of(source, pk):
    return get_object_or_404(selectors.recommendations_of(source), pk=pk)


@permission_required("recommendations.add_recommendation")
def source_recommendations(request, *, pages, **source_kwargs):
    """The source's recommendations, and the form that writes one more as a draft."""
    source = pages.loader(request, **source_kwargs)
    form = SourceRecommendationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        recommendation = services.create_recommendation(
            user=request.user, source=source, **form.cleaned_data
        )
        messages.success(
            request,
            _("Recommendation %(number)s has been entered in the register as a draft.")
            % {"number": recommendation.number},
        )
        return redirect(pages.url(request, "list", source_kwargs))
    recommendations = list(selectors.recommendations_of(source))
    for recommendation in recommendations:
        recommendation.edit_url = pages.url(
            request, "edit", source_kwargs, recommendation_pk=recommendation.pk
        )
        recommendation.approve_url = pages.url(
            request, "approve", source_kwargs, recommendation_pk=recommendation.pk
        )
    return render(
        request,
        "recommendations/source/recommendations.html",
        {
            "source": source,
            "nav": pages.nav,
            "recommendations": recommendations,
            "form": form,
            "refusal": sources.change_refusal(source),
        },
    )


@permission_required("recommendations.change_recommendation")
def source_recommendation_edit(request, recommendation_pk, *, pages, **source_kwargs):
    source = pages.loader(request, **source_kwargs)
    return edit_page(
        request,
        _recommendation_of(source, recommendation_pk),
        form_class=SourceRecommendationForm,
        template="recommendations/source/form.html",
        back=pages.url(request, "list", source_kwargs),
        source=source,
        nav=pages.nav,
    )


@require_POST
@permission_required("recommendations.approve_recommendation")
def source_recommendation_approve(request, recommendation_pk, *, pages, **source_kwargs):
    source = pages.loader(request, **source_kwargs)
    approve_and_say(request, _recommendation_of(source, recommendation_pk))
    return redirect(pages.url(request, "list", source_kwargs))
