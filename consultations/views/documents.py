"""The public pages of a consultation's document: the consultation with its sections,
each version and the comparison of two, and the annexes."""

from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, render

from ivanovo_portal import uploads

from .. import diff
from ..comments import comments_by_section
from ..documents import consultation_page, version_of
from ..minutes import published_reports
from ..models import Annex, Consultation
from ..services.documents import current_version
from ..statement import due_of

VIEW = "consultations.view_consultation"
COMMENTS_PER_PAGE = 50


def get_consultation_for_user(request, slug):
    """The consultation at ``slug``: published ones for anyone, drafts only for those who may see
    every consultation (staff, officials)."""
    consultation = get_object_or_404(Consultation, slug=slug)
    if not consultation.is_public() and not request.user.has_perm(VIEW):
        raise Http404
    return consultation


def detail(request, slug):
    consultation = get_consultation_for_user(request, slug)
    context = consultation_page(consultation) | {
        "due": due_of(consultation),
        "reports": published_reports(consultation),
    }
    return render(request, "consultations/detail.html", context)


def section_comments(request, slug, key):
    """Every published comment on one section of the current version (those on the same section
    of earlier versions too), a page at a time: the consultation's page shows the latest few."""
    consultation = get_consultation_for_user(request, slug)
    version = current_version(consultation)
    section = get_object_or_404(version.sections, key=key) if version else None
    if section is None:
        raise Http404
    comments = comments_by_section(consultation, version).get(section.pk, [])
    page = Paginator(comments, COMMENTS_PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "consultations/section_comments.html",
        {"consultation": consultation, "section": section, "page_obj": page},
    )


def _version_or_404(consultation, number):
    version = version_of(consultation, number)
    if version is None:
        raise Http404
    return version


def version(request, slug, number):
    consultation = get_consultation_for_user(request, slug)
    shown = _version_or_404(consultation, number)
    return render(
        request,
        "consultations/version.html",
        {
            "consultation": consultation,
            "version": shown,
            "versions": list(consultation.versions.all()),
            "sections": list(shown.sections.all()),
        },
    )


def _number(value, default):
    try:
        return int(value)
    except (TypeError, ValueError):
        return default


def compare(request, slug):
    """Two versions side by side, section by section: ``?a=`` the older, ``?b=`` the newer;
    without them, the latest against the one before."""
    consultation = get_consultation_for_user(request, slug)
    versions = list(consultation.versions.all())
    if len(versions) < 2:
        raise Http404
    a = _number(request.GET.get("a"), versions[-2].number)
    b = _number(request.GET.get("b"), versions[-1].number)
    old, new = _version_or_404(consultation, a), _version_or_404(consultation, b)
    return render(
        request,
        "consultations/compare.html",
        {
            "consultation": consultation,
            "versions": versions,
            "old": old,
            "new": new,
            "changes": diff.compare(list(old.sections.all()), list(new.sections.all())),
        },
    )


def annex(request, slug, pk):
    consultation = get_consultation_for_user(request, slug)
    annex = get_object_or_404(Annex, consultation=consultation, pk=pk)
    return uploads.serve_private(
        annex.file,
        annex.name,
        content_type=annex.content_type,
        public=consultation.is_public(),
    )
