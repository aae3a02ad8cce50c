"""The staff's screens of the toolkit (``/toolkit/manage/``): the methods and editions at a
glance, a method written or changed as a new version, its versions compared and restored, a new
edition published and where it was presented."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from ivanovo_portal.accounts.permissions import permission_required
from ivanovo_portal.audit.selectors import history_of
from ivanovo_portal.refusals import Refused, apply_form, show_on_form

from .. import backoffice
from ..forms.manage import EditionForm, MethodForm, PresentationForm, part_formsets
from ..models import Edition, Method, MethodVersion
from ..services import editions as edition_services
from ..services import methods as method_services
from ..versions import snapshot

CHANGE_METHOD = "toolkit.change_method"
CHANGE_EDITION = "toolkit.change_edition"
methods_staff = permission_required(CHANGE_METHOD)
editions_staff = permission_required(CHANGE_EDITION)


def _get_method_for_staff(slug):
    return get_object_or_404(Method, slug=slug)


def _get_version_for_staff(slug, number):
    return get_object_or_404(
        MethodVersion.objects.select_related("method", "saved_by"),
        method__slug=slug,
        number=number,
    )


def _get_edition_for_staff(number):
    return get_object_or_404(Edition.objects.select_related("presented_at"), number=number)


@methods_staff
def manage(request):
    board = backoffice.dashboard()
    form = EditionForm() if board.changed and request.user.has_perm(CHANGE_EDITION) else None
    return render(request, "toolkit/manage/index.html", {"board": board, "edition_form": form})


def _save(form, steps, templates, method, user):
    """Save the method through the service when the form and both formsets are valid; a refusal
    goes by its field. The method saved, or None."""
    if not (form.is_valid() and steps.is_valid() and templates.is_valid()):
        return None
    try:
        return method_services.save_method(
            method,
            **form.service_arguments(),
            steps=steps.rows(),
            templates=templates.rows(),
            user=user,
        )
    except Refused as refusal:
        show_on_form(form, refusal)
        return None


def _method_form(request, method=None):
    content = snapshot(method) if method else None
    # The form changes its own copy, so the page keeps the saved name on errors.
    instance = Method.objects.get(pk=method.pk) if method else None
    form = MethodForm(request.POST or None, instance=instance, content=content)
    steps, templates = part_formsets(request.POST or None, content=content)
    if request.method == "POST":
        saved = _save(form, steps, templates, method, request.user)
        if saved is not None:
            messages.success(
                request, _("“%(name)s” is saved as a new version.") % {"name": saved.name}
            )
            return redirect("toolkit:manage")
        messages.error(request, _("Nothing was saved: please correct what is marked below."))
    context = {"method": method, "form": form, "steps": steps, "templates": templates}
    if method:
        context["history"] = history_of(method)
    return render(request, "toolkit/manage/method_form.html", context)


@methods_staff
def method_new(request):
    return _method_form(request)


@methods_staff
def method_edit(request, slug):
    return _method_form(request, _get_method_for_staff(slug))


@methods_staff
def versions(request, slug):
    method = _get_method_for_staff(slug)
    return render(
        request,
        "toolkit/manage/versions.html",
        {"method": method, "versions": backoffice.versions_of(method)},
    )


@methods_staff
def version(request, slug, number):
    shown = _get_version_for_staff(slug, number)
    if request.method == "POST":
        try:
            method_services.restore_version(shown, user=request.user)
        except Refused as refusal:
            messages.error(request, refusal.message)
        else:
            messages.success(
                request,
                _("Version %(number)s is the method's current one again.")
                % {"number": shown.number},
            )
            return redirect("toolkit:versions", slug)
    return render(request, "toolkit/manage/version.html", {"page": backoffice.version_page(shown)})


@editions_staff
def edition_new(request):
    form = EditionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        edition = apply_form(form, edition_services.publish_edition, user=request.user)
        if edition is not None:
            messages.success(
                request,
                _("Edition %(number)s is published; its book and cards are being rendered.")
                % {"number": edition.number},
            )
            return redirect("toolkit:edition_manage", edition.number)
    board = backoffice.dashboard()
    return render(request, "toolkit/manage/edition_new.html", {"form": form, "board": board})


@editions_staff
def edition_manage(request, number):
    edition = _get_edition_for_staff(number)
    form = PresentationForm(request.POST or None, initial={"meeting": edition.presented_at})
    if (
        request.method == "POST"
        and form.is_valid()
        and apply_form(form, edition_services.record_presentation, edition, user=request.user)
    ):
        messages.success(request, _("Where the edition was presented is recorded."))
        return redirect("toolkit:edition_manage", edition.number)
    context = backoffice.edition_page(edition) | {"form": form, "history": history_of(edition)}
    return render(request, "toolkit/manage/edition.html", context)
