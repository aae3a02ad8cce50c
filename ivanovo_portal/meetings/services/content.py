"""What staff write about a meeting: the meeting itself as a draft, its programme, its speakers
and its materials. Each operation is one transaction with its audit entry; a change of time or
place after the meeting is announced goes through ``services.meetings.update_meeting``, which
tells the registrants."""

from datetime import datetime

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ivanovo_portal import slugs, uploads
from ivanovo_portal.audit.services import created, log_action
from ivanovo_portal.refusals import Refused

from ..models import Material, Meeting, ProgrammeItem, Speaker

# The fixed first words of addresses under /events/, which come before the meetings' own.
RESERVED_SLUGS = {"manage", "feed", "cancel", "door", "new", "materials", "speakers", "certificate"}
# The labels of this module's entries in the audit history (registered in apps.py).
ACTIONS = (
    ("meetings.created", _("Meeting created as a draft")),
    ("meetings.programme_changed", _("Programme changed")),
    ("meetings.speaker_added", _("Speaker added")),
    ("meetings.speaker_changed", _("Speaker changed")),
    ("meetings.speaker_removed", _("Speaker removed")),
    ("meetings.material_added", _("Material added")),
    ("meetings.material_removed", _("Material removed")),
)
# What the history shows of a new meeting.
RECORDED_FIELDS = ("title", "kind", "starts_at", "ends_at", "settlement", "venue", "capacity")


def unique_slug(title):
    """An address made from ``title`` that no other meeting has: „Обсъждане в Нисово“ gives
    ``obsazhdane-v-nisovo``, then ``obsazhdane-v-nisovo-2``."""
    return slugs.unique_slug(title, Meeting.objects, reserved=RESERVED_SLUGS, fallback="meeting")


def check_times(starts_at, ends_at, registration_opens_at=None, registration_closes_at=None):
    """Refuse a meeting that ends before it starts, or a registration window out of order."""
    if starts_at and ends_at and ends_at <= starts_at:
        raise Refused(_("The meeting must end after it starts."), field="ends_at")
    opens, closes = registration_opens_at, registration_closes_at
    if opens and closes and closes <= opens:
        raise Refused(_("Registration must close after it opens."), field="registration_closes_at")
    if closes and ends_at and closes > ends_at:
        raise Refused(
            _("Registration must close by the end of the meeting."),
            field="registration_closes_at",
        )


@transaction.atomic
def create_meeting(*, user, title, starts_at, ends_at, **fields):
    """A new meeting as a draft, seen by staff only until it is scheduled; its address comes
    from the title."""
    check_times(
        starts_at,
        ends_at,
        fields.get("registration_opens_at"),
        fields.get("registration_closes_at"),
    )
    meeting = Meeting.objects.create(
        title=title,
        slug=unique_slug(title),
        starts_at=starts_at,
        ends_at=ends_at,
        status=Meeting.Status.DRAFT,
        created_by=user,
        **fields,
    )
    log_action(meeting, "meetings.created", user=user, changes=created(meeting, RECORDED_FIELDS))
    return meeting


# Programme


def _programme_time(meeting, time):
    """``time`` on the meeting's day in Sofia, refused outside the meeting's hours."""
    day = timezone.localtime(meeting.starts_at).date()
    starts_at = timezone.make_aware(datetime.combine(day, time))
    if not meeting.starts_at <= starts_at < meeting.ends_at:
        raise Refused(
            _("The item must start during the meeting, between %(start)s and %(end)s.")
            % {
                "start": f"{timezone.localtime(meeting.starts_at):%H:%M}",
                "end": f"{timezone.localtime(meeting.ends_at):%H:%M}",
            },
            field="time",
        )
    return starts_at


def _check_speakers(meeting, speakers):
    if any(speaker.meeting_id != meeting.pk for speaker in speakers):
        raise Refused(_("Choose speakers of this meeting."), field="speakers")


@transaction.atomic
def add_programme_item(meeting, *, user, time, title, speakers=(), position=0, session=""):
    """Add an item to the programme at ``time`` on the meeting's day, in ``session`` if any."""
    _check_speakers(meeting, speakers)
    item = ProgrammeItem.objects.create(
        meeting=meeting,
        starts_at=_programme_time(meeting, time),
        title=title,
        session=session.strip(),
        position=position,
    )
    item.speakers.set(speakers)
    log_action(meeting, "meetings.programme_changed", user=user, changes={"title": ["", title]})
    return item


@transaction.atomic
def update_programme_item(item, *, user, time, title, speakers=(), position=0, session=""):
    """Change an item's time, title, session, speakers or place among items at the same time."""
    meeting = item.meeting
    _check_speakers(meeting, speakers)
    old_title = item.title
    item.starts_at = _programme_time(meeting, time)
    item.title, item.session, item.position = title, session.strip(), position
    item.save()
    item.speakers.set(speakers)
    log_action(
        meeting, "meetings.programme_changed", user=user, changes={"title": [old_title, title]}
    )
    return item


@transaction.atomic
def remove_programme_item(item, *, user):
    """Take an item off the programme."""
    log_action(
        item.meeting, "meetings.programme_changed", user=user, changes={"title": [item.title, ""]}
    )
    item.delete()


# Speakers


def _delete_after_commit(file):
    """Delete a stored file once the change that drops it is committed, never before."""
    storage, name = file.storage, file.name
    transaction.on_commit(lambda: storage.delete(name))


def _store(field_file, folder, checked):
    """Write a checked file to private storage under a random name kept in ``field_file``."""
    field_file.name = field_file.storage.save(
        uploads.private_name(folder, f"file{checked.extension}"), ContentFile(checked.data)
    )


def _store_photo(speaker, photo):
    if speaker.photo:
        _delete_after_commit(speaker.photo)
    _store(speaker.photo, "meetings/speakers", photo)


def _check_alt(has_photo, photo_alt):
    if has_photo and not photo_alt.strip():
        raise Refused(
            _("Say what the photo shows, for people who cannot see it."), field="photo_alt"
        )


@transaction.atomic
def add_speaker(meeting, *, user, name, photo=None, photo_alt="", **fields):
    """Add a speaker; ``photo`` is a checked image (``uploads.checked``), public with the
    meeting beside its alternative text."""
    _check_alt(photo is not None, photo_alt)
    speaker = Speaker(meeting=meeting, name=name, photo_alt=photo_alt, **fields)
    if photo is not None:
        _store_photo(speaker, photo)
    speaker.save()
    log_action(meeting, "meetings.speaker_added", user=user, changes={"name": ["", name]})
    return speaker


@transaction.atomic
def update_speaker(speaker, *, user, name, photo=None, remove_photo=False, photo_alt="", **fields):
    """Change a speaker's details; a new ``photo`` replaces the old one, ``remove_photo`` takes
    it away."""
    _check_alt(photo is not None or (bool(speaker.photo) and not remove_photo), photo_alt)
    old_name = speaker.name
    for field, value in {"name": name, "photo_alt": photo_alt, **fields}.items():
        setattr(speaker, field, value)
    if photo is not None:
        _store_photo(speaker, photo)
    elif remove_photo and speaker.photo:
        _delete_after_commit(speaker.photo)
        speaker.photo = ""
    speaker.save()
    log_action(
        speaker.meeting, "meetings.speaker_changed", user=user, changes={"name": [old_name, name]}
    )
    return speaker


@transaction.atomic
def remove_speaker(speaker, *, user):
    """Take a speaker off the meeting (and off its programme), with their photo."""
    log_action(
        speaker.meeting, "meetings.speaker_removed", user=user, changes={"name": [speaker.name, ""]}
    )
    if speaker.photo:
        _delete_after_commit(speaker.photo)
    speaker.delete()


# Materials


@transaction.atomic
def add_material(meeting, *, user, title, file, is_public=True):
    """Keep a checked file (``uploads.checked``) for the meeting: public ones are listed on its
    page with their size, type and SHA-256."""
    material = Material(
        meeting=meeting,
        title=title,
        name=file.name[: Material._meta.get_field("name").max_length],
        content_type=file.content_type,
        size=file.size,
        sha256=file.sha256,
        is_public=is_public,
        added_by=user,
    )
    _store(material.file, "meetings/materials", file)
    material.save()
    log_action(meeting, "meetings.material_added", user=user, changes={"title": ["", title]})
    return material


@transaction.atomic
def remove_material(material, *, user):
    """Take a material off the meeting and delete its file."""
    log_action(
        material.meeting,
        "meetings.material_removed",
        user=user,
        changes={"title": [material.title, ""]},
    )
    _delete_after_commit(material.file)
    material.delete()
