"""Frameworks of criteria: the public page of a frozen version, and the staff's screens that make
frameworks, edit a draft version's areas and criteria, and make a new version. Every change goes
through ``services.frameworks``; a refusal is shown beside its field or at the top of the page."""

from functools import partial

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from ivanovo_portal.accounts.permissions import permission_required
from ivanovo_portal.audit.selectors import history_of
from ivanovo_portal.refusals import Refused, apply_form, show_on_form

from .. import versions
from ..forms.frameworks import (
    AreaForm,
    CriterionForm,
    FrameworkForm,
    NewVersionForm,
    NoteForm,
    scale_formset,
)
from ..models import Area, Criterion, Framework, FrameworkVersion
from ..services import frameworks

CHANGE = "monitoring.change_framework"


def _get_version_for_user(user, slug, number):
    """A version for its public page: a frozen one for anyone, a draft for staff only (404 to
    others, who need not know it exists)."""
    version = get_object_or_404(
        FrameworkVersion.objects.select_related("framework"), framework__slug=slug, number=number
    )
    if not version.is_frozen and not user.has_perm(CHANGE):
        raise Http404
    return version


def _get_framework_for_staff(user, slug):
    if not user.has_perm(CHANGE):
        raise PermissionDenied
    return get_object_or_404(Framework, slug=slug)


def _get_version_for_staff(user, slug, number):
    if not user.has_perm(CHANGE):
        raise PermissionDenied
    return get_object_or_404(
        FrameworkVersion.objects.select_related("framework"), framework__slug=slug, number=number
    )


def _get_part(model, version, pk):
    """An area or a criterion of ``version``, or 404."""
    lookup = "version" if model is Area else "area__version"
    return get_object_or_404(model, pk=pk, **{lookup: version})


def _back_to_version(version):
    return redirect("monitoring:framework_edit", version.framework.slug, version.number)


def _frozen(request, version):
    """Back to the version's page, saying why, when ``version`` can no longer be edited."""
    if not version.is_frozen:
        return None
    messages.error(request, _("This version is frozen: make a new version to change it."))
    return _back_to_version(version)


def _press(request, service, *args, done):
    """Run a service for a POST button; its refusal becomes a message at the top of the page."""
    try:
        service(*args)
    except Refused as refusal:
        messages.error(request, refusal.message)
    else:
        messages.success(request, done)


# The public page


def framework(request, slug, number):
    version = _get_version_for_user(request.user, slug, number)
    areas = versions.structure_of(version)
    return render(
        request,
        "monitoring/frameworks/detail.html",
        {
            "version": version,
            "framework": version.framework,
            "areas": areas,
            "comparison": versions.comparison(version, areas),
            "other_versions": [
                other
                for other in versions.frozen_versions_of(version.framework)
                if other.pk != version.pk
            ],
        },
    )


# The staff's screens


@permission_required(CHANGE)
def framework_list(request):
    return render(
        request,
        "monitoring/frameworks/list.html",
        {"frameworks": versions.frameworks_for_staff()},
    )


@permission_required(CHANGE)
def framework_create(request):
    form = FrameworkForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        created = frameworks.create_framework(user=request.user, **form.cleaned_data)
        messages.success(request, _("The framework has been made with a draft version 1."))
        return redirect("monitoring:framework_edit", created.slug, 1)
    return render(request, "monitoring/frameworks/framework_form.html", {"form": form})


def _edit_page(request, version, *, note_form=None, area_form=None):
    return render(
        request,
        "monitoring/frameworks/edit.html",
        {
            "version": version,
            "framework": version.framework,
            "areas": versions.structure_of(version),
            "note_form": note_form or NoteForm(instance=version),
            "area_form": area_form or AreaForm(),
            "history": history_of(version),
        },
    )


@permission_required(CHANGE)
def framework_edit(request, slug, number):
    return _edit_page(request, _get_version_for_staff(request.user, slug, number))


@require_POST
@permission_required(CHANGE)
def framework_note(request, slug, number):
    version = _get_version_for_staff(request.user, slug, number)
    if refused := _frozen(request, version):
        return refused
    form = NoteForm(request.POST)
    if form.is_valid() and apply_form(form, frameworks.update_note, version):
        messages.success(request, _("The note has been saved."))
        return _back_to_version(version)
    return _edit_page(request, version, note_form=form)


@permission_required(CHANGE)
def framework_new_version(request, slug):
    framework = _get_framework_for_staff(request.user, slug)
    form = NewVersionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        version = apply_form(form, frameworks.new_version, framework, user=request.user)
        if version is not None:
            messages.success(
                request,
                _("Version %(number)s has been made as a draft: change what you need.")
                % {"number": version.number},
            )
            return _back_to_version(version)
    return render(
        request,
        "monitoring/frameworks/new_version.html",
        {
            "framework": framework,
            "form": form,
            "latest": framework.versions.order_by("-number").first(),
        },
    )


@require_POST
@permission_required(CHANGE)
def area_add(request, slug, number):
    version = _get_version_for_staff(request.user, slug, number)
    if refused := _frozen(request, version):
        return refused
    form = AreaForm(request.POST)
    if form.is_valid() and apply_form(form, frameworks.add_area, version):
        messages.success(request, _("The area has been added."))
        return _back_to_version(version)
    return _edit_page(request, version, area_form=form)


@permission_required(CHANGE)
def area_edit(request, slug, number, pk):
    version = _get_version_for_staff(request.user, slug, number)
    if refused := _frozen(request, version):
        return refused
    area = _get_part(Area, version, pk)
    # The form writes what was typed onto its instance: a copy of its own keeps the page's
    # heading and the service's checks on the area as it is saved.
    form = AreaForm(request.POST or None, instance=Area.objects.get(pk=area.pk))
    if (
        request.method == "POST"
        and form.is_valid()
        and apply_form(form, frameworks.update_area, area)
    ):
        messages.success(request, _("The area has been saved."))
        return _back_to_version(version)
    return render(
        request,
        "monitoring/frameworks/area_form.html",
        {"version": version, "framework": version.framework, "area": area, "form": form},
    )


def _criterion_page(request, version, form, scale, criterion=None):
    return render(
        request,
        "monitoring/frameworks/criterion_form.html",
        {
            "version": version,
            "framework": version.framework,
            "criterion": criterion,
            "form": form,
            "scale": scale,
        },
    )


def _save_criterion(form, scale, save):
    """Call ``save(area=…, scale=…, **fields)`` when the criterion's form and its scale are both
    valid; a refusal goes on the form. The criterion saved, or None."""
    if not (form.is_valid() and scale.is_valid()):
        return None
    fields = dict(form.cleaned_data)
    try:
        return save(area=fields.pop("area"), scale=scale.points(), **fields)
    except Refused as refusal:
        show_on_form(form, refusal)
        return None


@permission_required(CHANGE)
def criterion_add(request, slug, number):
    version = _get_version_for_staff(request.user, slug, number)
    if refused := _frozen(request, version):
        return refused
    chosen = request.GET.get("area", "")
    area = version.areas.filter(pk=chosen).first() if chosen.isdigit() else None
    form = CriterionForm(version, request.POST or None, initial={"area": area})
    scale = scale_formset(request.POST or None)
    if request.method == "POST":
        saved = _save_criterion(form, scale, frameworks.add_criterion)
        if saved is not None:
            messages.success(
                request, _("Criterion %(code)s has been added.") % {"code": saved.code}
            )
            return redirect(_anchor(version, saved))
    return _criterion_page(request, version, form, scale)


@permission_required(CHANGE)
def criterion_edit(request, slug, number, pk):
    version = _get_version_for_staff(request.user, slug, number)
    if refused := _frozen(request, version):
        return refused
    criterion = _get_part(Criterion, version, pk)
    # As for an area: the form's instance is a copy of its own.
    form = CriterionForm(
        version, request.POST or None, instance=Criterion.objects.get(pk=criterion.pk)
    )
    scale = scale_formset(request.POST or None, criterion=criterion)
    if request.method == "POST":
        saved = _save_criterion(form, scale, partial(frameworks.update_criterion, criterion))
        if saved is not None:
            messages.success(
                request, _("Criterion %(code)s has been saved.") % {"code": saved.code}
            )
            return redirect(_anchor(version, saved))
    return _criterion_page(request, version, form, scale, criterion)


def _anchor(version, criterion):
    url = reverse("monitoring:framework_edit", args=[version.framework.slug, version.number])
    return f"{url}#criterion-{criterion.pk}"


def _direction(request):
    direction = request.POST.get("direction")
    if direction not in ("up", "down"):
        raise Http404
    return direction


def _part_step(model, service, done, *, moves=False):
    """A POST button on an area or criterion (``model``) that calls ``service`` with it, and with
    the ``direction`` posted when it ``moves`` it, then goes back to the version's page."""

    @require_POST
    @permission_required(CHANGE)
    def view(request, slug, number, pk):
        version = _get_version_for_staff(request.user, slug, number)
        part = _get_part(model, version, pk)
        arguments = (part, _direction(request)) if moves else (part,)
        _press(request, service, *arguments, done=done)
        return _back_to_version(version)

    return view


area_delete = _part_step(
    Area, frameworks.delete_area, gettext_lazy("The area has been deleted with its criteria.")
)
area_move = _part_step(
    Area, frameworks.move_area, gettext_lazy("The area has been moved."), moves=True
)
criterion_delete = _part_step(
    Criterion, frameworks.delete_criterion, gettext_lazy("The criterion has been deleted.")
)
criterion_move = _part_step(
    Criterion, frameworks.move_criterion, gettext_lazy("The criterion has been moved."), moves=True
)
