"""What staff write about the round table and the conference: the event page of a meeting, its
aims beforehand, its summary and photos afterwards, the summary published once the meeting has
ended. Each operation is one transaction on the event's locked row, recorded in its history."""

import uuid

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ivanovo_portal import uploads
from ivanovo_portal.audit.services import changed, created, log_action, tracked
from ivanovo_portal.refusals import Refused

from ..events import EVENT_KINDS
from ..models import Event, EventPhoto

# The audit history's words for what happens to events (registered by ``events.register``).
ACTIONS = (
    ("campaign.event_created", _("Event page created")),
    ("campaign.event_changed", _("Event page changed")),
    ("campaign.event_summary_published", _("Summary of the event published")),
    ("campaign.event_summary_unpublished", _("Summary of the event taken back")),
    ("campaign.event_photo_added", _("Photo added to the event")),
    ("campaign.event_photo_removed", _("Photo removed from the event")),
)
TEXT_FIELDS = ("aims", "summary")


def _locked(event):
    return Event.objects.select_for_update().select_related("meeting").get(pk=event.pk)


@transaction.atomic
def create_event(*, user, meeting, aims):
    """Give a round table or a conference its page in the campaign, with its aims."""
    if meeting.kind not in EVENT_KINDS:
        raise Refused(_("Only a round table or a conference has an event page."), "meeting")
    if Event.objects.filter(meeting=meeting).exists():
        raise Refused(_("This meeting has an event page already."), "meeting")
    event = Event.objects.create(meeting=meeting, aims=aims.strip())
    log_action(event, "campaign.event_created", user=user, changes=created(event, ("aims",)))
    return event


@transaction.atomic
def update_event(event, *, user, aims, summary):
    """Change the aims and the summary; a published summary is never emptied (take it back
    first), so the page never says "summary" over nothing."""
    event = _locked(event)
    summary = summary.strip()
    if event.summary_published_at and not summary:
        raise Refused(_("A published summary cannot be empty: take it back first."), "summary")
    before = tracked(event, TEXT_FIELDS)
    event.aims, event.summary = aims.strip(), summary
    event.save(update_fields=[*TEXT_FIELDS, "updated_at"])
    changes = changed(before, event)
    if changes:
        log_action(event, "campaign.event_changed", user=user, changes=changes)
    return event


def publish_refusal(event):
    """Why the summary cannot be published now, or "": the meeting must have ended and the
    summary be written."""
    if event.meeting.ends_at > timezone.now():
        return _("The summary is published after the event has taken place.")
    if not event.summary.strip():
        return _("Write the summary before publishing it.")
    return ""


@transaction.atomic
def publish_summary(event, *, user):
    """Make the summary and the photos public, dated now."""
    event = _locked(event)
    if event.summary_published_at:
        return event
    refusal = publish_refusal(event)
    if refusal:
        raise Refused(refusal)
    before = tracked(event, ["summary_published_at"])
    event.summary_published_at = timezone.now()
    event.save(update_fields=["summary_published_at", "updated_at"])
    log_action(event, "campaign.event_summary_published", user=user, changes=changed(before, event))
    return event


@transaction.atomic
def unpublish_summary(event, *, user):
    """Take the summary and the photos back from the public."""
    event = _locked(event)
    if not event.summary_published_at:
        return event
    before = tracked(event, ["summary_published_at"])
    event.summary_published_at = None
    event.save(update_fields=["summary_published_at", "updated_at"])
    log_action(
        event, "campaign.event_summary_unpublished", user=user, changes=changed(before, event)
    )
    return event


@transaction.atomic
def add_photo(event, *, user, file, alt, caption="", position=0):
    """Keep a photo of the event (an ``uploads.CheckedFile``, redrawn without its metadata) with
    the words that describe it to those who cannot see it."""
    event = _locked(event)
    alt = alt.strip()
    if not alt:
        raise Refused(_("Say what the photo shows, for those who cannot see it."), "alt")
    photo = EventPhoto(event=event, alt=alt, caption=caption.strip(), position=position)
    storage = EventPhoto._meta.get_field("file").storage
    photo.file.name = storage.save(
        uploads.private_name("campaign", f"{uuid.uuid4().hex}{file.extension}"),
        ContentFile(file.data),
    )
    photo.save()
    log_action(event, "campaign.event_photo_added", user=user, changes={"photo": ["", alt]})
    return photo


@transaction.atomic
def remove_photo(photo, *, user):
    """Remove a photo of the event, and its file once the removal is committed."""
    event = _locked(photo.event)
    photo.delete()
    name, storage = photo.file.name, photo.file.storage
    transaction.on_commit(lambda: storage.delete(name))
    log_action(event, "campaign.event_photo_removed", user=user, changes={"photo": [photo.alt, ""]})
    return event
