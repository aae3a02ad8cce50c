"""The coordinator's paper fieldwork sheets (``manage/rounds/<slug>/sheets/``): each settlement's
printable sheet from the documents pipeline, and the page that types a filled-in sheet in."""

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.contrib.contenttypes.models import ContentType
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ivanovo_portal.documents.models import GeneratedDocument
from ivanovo_portal.documents.services import request_document
from ivanovo_portal.places.models import Settlement
from ivanovo_portal.refusals import Refused, show_on_form

from .. import sheets
from ..forms.observations import SheetEntryForm
from ..models import Membership, Sheet
from ..services.sheets import type_in_sheet
from .loaders import get_round_for_coordinator


def _sheet_documents(sheet_rows):
    return {
        document.object_id: document
        for document in GeneratedDocument.objects.filter(
            kind=sheets.SHEET_KIND,
            content_type=ContentType.objects.get_for_model(Sheet),
            object_id__in=[sheet.pk for sheet in sheet_rows],
        )
    }


@login_required
def sheet_list(request, slug):
    """Each settlement's fieldwork sheet: its PDF's state, and the page that types it in."""
    round_ = get_round_for_coordinator(request.user, slug)
    sheet_rows = {
        sheet.settlement_id: sheet
        for sheet in round_.sheets.select_related("typed_in_by", "settlement")
    }
    documents = _sheet_documents(sheet_rows.values())
    rows = []
    for settlement in Settlement.objects.order_by("position"):
        sheet = sheet_rows.get(settlement.pk)
        rows.append(
            {
                "settlement": settlement,
                "sheet": sheet,
                "document": documents.get(sheet.pk) if sheet else None,
            }
        )
    return render(request, "monitoring/work/sheets.html", {"round": round_, "rows": rows})


@require_POST
@login_required
def sheet_pdf(request, slug, settlement_slug):
    round_ = get_round_for_coordinator(request.user, slug)
    settlement = get_object_or_404(Settlement, slug=settlement_slug)
    sheet = sheets.sheet_for(round_, settlement)
    request_document(sheet, sheets.SHEET_KIND, user=request.user)
    messages.success(
        request,
        _("The sheet for %(settlement)s is being prepared.") % {"settlement": settlement},
    )
    return redirect("monitoring:sheet_list", slug)


@login_required
def sheet_entry(request, slug, settlement_slug):
    """A paper sheet typed in: every criterion filled in on it at once, or none."""
    round_ = get_round_for_coordinator(request.user, slug)
    settlement = get_object_or_404(Settlement, slug=settlement_slug)
    criteria = sheets.criteria_for(round_, settlement)
    monitors = get_user_model().objects.filter(
        monitoring_memberships__round=round_,
        monitoring_memberships__role=Membership.Role.MONITOR,
    )
    form = SheetEntryForm(request.POST or None, criteria=criteria, monitors=monitors)
    if request.method == "POST" and form.is_valid():
        try:
            type_in_sheet(
                round_,
                settlement=settlement,
                monitor=form.cleaned_data["monitor"],
                entries=form.entries(),
                user=request.user,
            )
        except Refused as refusal:
            show_on_form(form, refusal)
        else:
            messages.success(
                request,
                _("The sheet for %(settlement)s has been typed in.") % {"settlement": settlement},
            )
            return redirect("monitoring:sheet_list", slug)
    return render(
        request,
        "monitoring/work/sheet_entry.html",
        {"round": round_, "settlement": settlement, "form": form},
    )
