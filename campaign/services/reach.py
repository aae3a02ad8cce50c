"""Staff's log of what the campaign did to reach people — media appearances and campaign actions —
and the village bulletins' renders. The log feeds the public reach figures and the indicators, so
every change is in the audit history."""

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from ivanovo_portal.audit.services import changed, created, log_action, tracked
from ivanovo_portal.documents.selectors import document_of
from ivanovo_portal.documents.services import request_document

from .. import bulletin
from ..models import CampaignAction, MediaAppearance

MEDIA_FIELDS = ("outlet", "kind", "title", "appeared_on", "url", "note")
ACTION_FIELDS = ("kind", "description", "done_on", "count", "settlement")

ACTIONS = (
    ("campaign.media_added", _("Media appearance logged")),
    ("campaign.media_changed", _("Media appearance changed")),
    ("campaign.media_deleted", _("Media appearance deleted")),
    ("campaign.action_added", _("Campaign action logged")),
    ("campaign.action_changed", _("Campaign action changed")),
    ("campaign.action_deleted", _("Campaign action deleted")),
)


def _add(model, prefix, fields, *, user, **values):
    entry = model.objects.create(created_by=user, **values)
    log_action(entry, f"campaign.{prefix}_added", user=user, changes=created(entry, fields))
    return entry


def _change(entry, prefix, fields, *, user, **values):
    entry = type(entry).objects.select_for_update().get(pk=entry.pk)
    before = tracked(entry, fields)
    for name, value in values.items():
        setattr(entry, name, value)
    entry.save()
    changes = changed(before, entry)
    if changes:
        log_action(entry, f"campaign.{prefix}_changed", user=user, changes=changes)
    return entry


def _delete(entry, prefix, fields, *, user):
    # The history keeps what was deleted: the entry's last values, under its old id.
    log_action(entry, f"campaign.{prefix}_deleted", user=user, changes=created(entry, fields))
    entry.delete()


@transaction.atomic
def add_media_appearance(*, user, **values):
    """Log an appearance of the project in the media."""
    return _add(MediaAppearance, "media", MEDIA_FIELDS, user=user, **values)


@transaction.atomic
def change_media_appearance(appearance, *, user, **values):
    """Correct a logged media appearance."""
    return _change(appearance, "media", MEDIA_FIELDS, user=user, **values)


@transaction.atomic
def delete_media_appearance(appearance, *, user):
    """Remove a media appearance logged by mistake."""
    _delete(appearance, "media", MEDIA_FIELDS, user=user)


@transaction.atomic
def add_campaign_action(*, user, **values):
    """Log a campaign action: posters put up, leaflets handed out, posts, bulletins printed."""
    return _add(CampaignAction, "action", ACTION_FIELDS, user=user, **values)


@transaction.atomic
def change_campaign_action(action, *, user, **values):
    """Correct a logged campaign action."""
    return _change(action, "action", ACTION_FIELDS, user=user, **values)


@transaction.atomic
def delete_campaign_action(action, *, user):
    """Remove a campaign action logged by mistake."""
    _delete(action, "action", ACTION_FIELDS, user=user)


def refresh_bulletin(settlement, *, user=None):
    """The settlement's bulletin, with a new render queued first when it is missing or out of
    date. One under way is left to finish; should two visitors race, the later request
    supersedes the earlier and one render is stored."""
    document = document_of(settlement, bulletin.KIND)
    if bulletin.is_out_of_date(document, settlement):
        document = request_document(settlement, bulletin.KIND, user=user)
    return document
