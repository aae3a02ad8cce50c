"""The round table and the conference: their public pages under ``/campaign/events/`` (the
meeting's programme, speakers, materials and registration from the kernel, the aims, and after the
event its summary, photos, recommendations and attendance), and the staff's screens under
``/campaign/manage/events/``."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from ivanovo_portal import uploads
from ivanovo_portal.accounts.permissions import permission_required
from ivanovo_portal.activities import section
from ivanovo_portal.audit.selectors import history_of
from ivanovo_portal.meetings.services.attendance import send_certificates
from ivanovo_portal.meetings.views.public import page_context
from ivanovo_portal.project import Activity
from ivanovo_portal.refusals import Refused, apply_form

from ..events import after_the_event, certificate_counts, event_for_page, public_events
from ..events import staff_events as staff_event_list
from ..forms.events import EventCreateForm, EventForm, PhotoForm
from ..models import Event, EventPhoto
from ..services import events as services

CHANGE = "campaign.change_event"


def _get_event_for_reader(request, slug):
    """The event of the meeting at ``slug`` with its page's content: anyone's when the meeting
    is public, staff's while it is a draft."""
    event = event_for_page(slug)
    if event is None or not (event.is_public() or request.user.has_perm(CHANGE)):
        raise Http404
    return event


def _get_event_for_staff(slug):
    return get_object_or_404(Event.objects.select_related("meeting"), meeting__slug=slug)


def get_event_for_writer(request, slug):
    """The event at ``slug``, for those who write its recommendations' pages."""
    if not request.user.has_perm(CHANGE):
        raise PermissionDenied
    return _get_event_for_staff(slug)


# Public


def events(request):
    return render(
        request,
        "campaign/events.html",
        {**section(Activity.CAMPAIGN), "events": list(public_events())},
    )


def event(request, slug):
    event = _get_event_for_reader(request, slug)
    can_change = request.user.has_perm(CHANGE)
    return render(
        request,
        "campaign/event.html",
        {
            **page_context(event.meeting),
            "event": event,
            # Staff preview the summary and photos before they are published.
            "show_summary": event.summary_published_at is not None or can_change,
            "after": after_the_event(event, with_drafts=can_change),
            "can_change": can_change,
        },
    )


def event_photo(request, slug, pk):
    """A photo of the event: public with the published summary, to staff before."""
    event = _get_event_for_reader(request, slug)
    photo = get_object_or_404(EventPhoto, event=event, pk=pk)
    public = event.summary_published_at is not None
    if not public and not request.user.has_perm(CHANGE):
        raise Http404
    name = photo.file.name.rsplit("/", 1)[-1]
    response = uploads.serve_private(photo.file, name, public=public)
    # Shown in the page, not downloaded.
    response["Content-Disposition"] = content_disposition_header(False, name)
    return response


# Staff


@permission_required(CHANGE)
def manage_events(request):
    return render(
        request,
        "campaign/manage/events.html",
        {"events": staff_event_list(), "create_form": EventCreateForm()},
    )


@permission_required("campaign.add_event")
def manage_event_create(request):
    form = EventCreateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        event = apply_form(form, services.create_event, user=request.user)
        if event is not None:
            messages.success(request, _("The event page has been created."))
            return redirect("campaign:manage_event", event.meeting.slug)
    return render(request, "campaign/manage/event_create.html", {"form": form})


@permission_required(CHANGE)
def manage_event(request, slug):
    """An event's texts, photos, publication of the summary and certificates."""
    event = _get_event_for_staff(slug)
    # The form changes its own copy, so the page shows what is saved beside the errors.
    form = EventForm(request.POST or None, instance=Event.objects.get(pk=event.pk))
    saved = request.method == "POST" and form.is_valid()
    if saved and apply_form(form, services.update_event, event, user=request.user):
        messages.success(request, _("The event has been saved."))
        return redirect("campaign:manage_event", slug)
    return _event_page(request, event, form=form)


def _event_page(request, event, *, form=None, photo_form=None):
    return render(
        request,
        "campaign/manage/event.html",
        {
            "event": event,
            "meeting": event.meeting,
            "form": form or EventForm(instance=event),
            "photo_form": photo_form or PhotoForm(user=request.user),
            "photos": event.photos.all(),
            "publish_refusal": services.publish_refusal(event),
            "certificates": certificate_counts(event),
            "history": history_of(event),
        },
    )


@require_POST
@permission_required(CHANGE)
def manage_event_photo(request, slug):
    event = _get_event_for_staff(slug)
    photo_form = PhotoForm(request.POST, request.FILES, user=request.user)
    if photo_form.is_valid() and apply_form(
        photo_form, services.add_photo, event, user=request.user
    ):
        messages.success(request, _("The photo has been added."))
        return redirect("campaign:manage_event", slug)
    return _event_page(request, event, photo_form=photo_form)


def _step(request, slug, service, done, target=None):
    """Run a step on the event (or one of its photos); a refusal is shown on its page."""
    try:
        service(target or _get_event_for_staff(slug), user=request.user)
    except Refused as refusal:
        messages.error(request, refusal.message)
    else:
        messages.success(request, done)
    return redirect("campaign:manage_event", slug)


@require_POST
@permission_required(CHANGE)
def manage_event_photo_remove(request, slug, pk):
    photo = get_object_or_404(EventPhoto, event__meeting__slug=slug, pk=pk)
    return _step(request, slug, services.remove_photo, _("The photo has been removed."), photo)


@require_POST
@permission_required(CHANGE)
def manage_event_publish(request, slug):
    return _step(
        request, slug, services.publish_summary, _("The summary and the photos are public.")
    )


@require_POST
@permission_required(CHANGE)
def manage_event_unpublish(request, slug):
    return _step(
        request,
        slug,
        services.unpublish_summary,
        _("The summary and the photos are hidden from the public again."),
    )


@require_POST
@permission_required(CHANGE, "meetings.change_meeting")
def manage_event_certificates(request, slug):
    """Send the certificates not sent yet: those of a meeting whose certificates were turned on
    after it was closed, or whose e-mail failed."""
    event = _get_event_for_staff(slug)
    try:
        count = send_certificates(event.meeting)
    except Refused as refusal:
        messages.error(request, refusal.message)
    else:
        messages.success(
            request,
            ngettext(
                "%(count)s certificate is being sent.",
                "%(count)s certificates are being sent.",
                count,
            )
            % {"count": count},
        )
    return redirect("campaign:manage_event", slug)
