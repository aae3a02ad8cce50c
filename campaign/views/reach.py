"""The campaign's page with its reach, the village bulletins, and the staff's hub and log of media
appearances and campaign actions under ``/campaign/manage/``."""

from dataclasses import dataclass

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ivanovo_portal.accounts.permissions import permission_required
from ivanovo_portal.activities import overview, section
from ivanovo_portal.audit.selectors import history_of
from ivanovo_portal.places.models import Settlement
from ivanovo_portal.project import Activity
from ivanovo_portal.refusals import apply_form

from .. import bulletin as bulletins_
from .. import reach as reads
from ..forms.reach import CampaignActionForm, MediaAppearanceForm
from ..models import CampaignAction, MediaAppearance
from ..services import reach as services


def index(request):
    """What the campaign is, where its parts are, and how far it has reached."""
    context = overview(Activity.CAMPAIGN) | {
        "reach": reads.reach(),
        "media": reads.latest_media(),
    }
    return render(request, "campaign/index.html", context)


def bulletins(request):
    """The 13 settlements, each with its printable bulletin."""
    context = section(Activity.CAMPAIGN) | {"listed": bulletins_.bulletins()}
    return render(request, "campaign/bulletins.html", context)


def bulletin(request, slug):
    """One settlement's bulletin as a page, and its PDF, rendered again when out of date."""
    settlement = get_object_or_404(Settlement, slug=slug)
    context = section(Activity.CAMPAIGN) | {
        "bulletin": bulletins_.bulletin(settlement),
        "document": services.refresh_bulletin(settlement, user=request.user),
    }
    return render(request, "campaign/bulletin.html", context)


@permission_required("campaign.view_mediaappearance", "campaign.view_campaignaction")
def manage(request):
    """The staff's hub: every part of the campaign's back office, beside the reach."""
    return render(request, "campaign/manage/index.html", {"reach": reads.reach()})


@dataclass(frozen=True)
class Log:
    """One of the staff's logs: its rows, form, services and words."""

    name: str
    model: type
    form: type
    entries: object
    add: object
    change: object
    delete: object
    title: str
    add_label: str
    empty: str

    def permission(self, action):
        return f"campaign.{action}_{self.model._meta.model_name}"

    @property
    def list_url_name(self):
        return f"campaign:manage_{self.name}"

    @property
    def add_url_name(self):
        return f"{self.list_url_name}_add"

    @property
    def edit_url_name(self):
        return f"{self.list_url_name}_edit"

    @property
    def delete_url_name(self):
        return f"{self.list_url_name}_delete"


LOGS = {
    log.name: log
    for log in (
        Log(
            "media",
            MediaAppearance,
            MediaAppearanceForm,
            reads.media_for_staff,
            services.add_media_appearance,
            services.change_media_appearance,
            services.delete_media_appearance,
            gettext_lazy("Media appearances"),
            gettext_lazy("Log a media appearance"),
            gettext_lazy("No media appearance has been logged yet."),
        ),
        Log(
            "actions",
            CampaignAction,
            CampaignActionForm,
            reads.actions_for_staff,
            services.add_campaign_action,
            services.change_campaign_action,
            services.delete_campaign_action,
            gettext_lazy("Campaign actions"),
            gettext_lazy("Log a campaign action"),
            gettext_lazy("No campaign action has been logged yet."),
        ),
    )
}


def _get_log_for_user(request, name, action):
    """The log, if the user may ``action`` ("view", "add", "change", "delete") its rows."""
    log = LOGS[name]
    if not request.user.has_perm(log.permission(action)):
        raise PermissionDenied
    return log


def _get_entry_for_user(request, name, pk, action):
    log = _get_log_for_user(request, name, action)
    return log, get_object_or_404(log.model, pk=pk)


@login_required
def manage_log(request, log):
    log = _get_log_for_user(request, log, "view")
    context = {
        "log": log,
        "entries": log.entries(),
        "can_add": request.user.has_perm(log.permission("add")),
        "reach": reads.reach(),
    }
    return render(request, "campaign/manage/reach.html", context)


@login_required
def manage_add(request, log):
    log = _get_log_for_user(request, log, "add")
    form = log.form(request.POST or None)
    if (
        request.method == "POST"
        and form.is_valid()
        and apply_form(form, log.add, user=request.user)
    ):
        messages.success(request, _("Logged."))
        return redirect(log.list_url_name)
    return render(request, "campaign/manage/reach_form.html", {"log": log, "form": form})


@login_required
def manage_edit(request, log, pk):
    log, entry = _get_entry_for_user(request, log, pk, "change")
    form = log.form(request.POST or None, instance=log.model.objects.get(pk=entry.pk))
    if (
        request.method == "POST"
        and form.is_valid()
        and apply_form(form, log.change, entry, user=request.user)
    ):
        messages.success(request, _("The changes are saved."))
        return redirect(log.list_url_name)
    context = {"log": log, "form": form, "entry": entry, "history": history_of(entry)}
    return render(request, "campaign/manage/reach_form.html", context)


@login_required
def manage_delete(request, log, pk):
    """Asks first; deletes on the confirming POST."""
    log, entry = _get_entry_for_user(request, log, pk, "delete")
    if request.method == "POST":
        log.delete(entry, user=request.user)
        messages.success(request, _("Deleted."))
        return redirect(log.list_url_name)
    return render(request, "campaign/manage/reach_delete.html", {"log": log, "entry": entry})
