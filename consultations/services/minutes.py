"""The minutes of a consultation meeting: its agenda, the discussion and photos, published once
the meeting is closed (its attendance is final then). The proposals raised at the meeting are
comments entered with the channel "at a meeting" (``services.comments.add_proposal``); the
minutes list them. Each operation is one transaction, recorded in the meeting's history."""

import uuid

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ivanovo_portal import uploads
from ivanovo_portal.audit.services import changed, log_action, tracked
from ivanovo_portal.documents.services import request_document
from ivanovo_portal.refusals import Refused

from ..models import ConsultationMeeting, ConsultationReport, MinutesPhoto
from ..reports_pdf import MINUTES_KIND

MINUTES_FIELDS = ("agenda", "discussion")


def _lock(consultation_meeting):
    """Lock the row and read it afresh into ``consultation_meeting``, which the caller holds."""
    ConsultationMeeting.objects.select_for_update().only("pk").get(pk=consultation_meeting.pk)
    consultation_meeting.refresh_from_db()


@transaction.atomic
def update_minutes(consultation_meeting, *, user, agenda, discussion):
    """Write the agenda and the discussion; published minutes are taken back first, so that the
    page never differs from the PDF the public may have filed."""
    _lock(consultation_meeting)
    if consultation_meeting.minutes_published_at:
        raise Refused(_("Published minutes are not changed: take them back to edit them."))
    before = tracked(consultation_meeting, MINUTES_FIELDS)
    consultation_meeting.agenda = agenda.strip()
    consultation_meeting.discussion = discussion.strip()
    consultation_meeting.save(update_fields=list(MINUTES_FIELDS))
    log_action(
        consultation_meeting,
        "consultations.minutes_changed",
        user=user,
        changes=changed(before, consultation_meeting),
    )
    return consultation_meeting


@transaction.atomic
def add_photo(consultation_meeting, *, user, file, alt):
    """Keep a photo of the meeting (an ``uploads.CheckedFile``, redrawn without its metadata)
    with the words that describe it to those who cannot see it."""
    _lock(consultation_meeting)
    alt = alt.strip()
    if not alt:
        raise Refused(_("Say what the photo shows, for those who cannot see it."), "alt")
    photo = MinutesPhoto(
        consultation_meeting=consultation_meeting, alt=alt, sha256=file.sha256, added_by=user
    )
    storage = MinutesPhoto._meta.get_field("file").storage
    photo.file.name = storage.save(
        uploads.private_name("consultations", f"{uuid.uuid4().hex}{file.extension}"),
        ContentFile(file.data),
    )
    photo.save()
    log_action(
        consultation_meeting,
        "consultations.minutes_photo_added",
        user=user,
        changes={"photo": ["", alt]},
    )
    return photo


@transaction.atomic
def remove_photo(photo, *, user):
    """Remove a photo from minutes not yet published."""
    consultation_meeting = photo.consultation_meeting
    _lock(consultation_meeting)
    if consultation_meeting.minutes_published_at:
        raise Refused(_("Published minutes are not changed: take them back to edit them."))
    photo.delete()
    photo.file.storage.delete(photo.file.name)
    log_action(
        consultation_meeting,
        "consultations.minutes_photo_removed",
        user=user,
        changes={"photo": [photo.alt, ""]},
    )


def publish_refusal(consultation_meeting):
    """Why the minutes cannot be published now, or "": the meeting must be closed (its
    attendance final), the consultation public, and the agenda and discussion written."""
    if not consultation_meeting.consultation.is_public():
        return _("Publish the consultation first: its minutes are public only with it.")
    if consultation_meeting.meeting.closed_at is None:
        return _("Close the meeting first: its minutes carry the final attendance.")
    if not consultation_meeting.agenda or not consultation_meeting.discussion:
        return _("Write the agenda and the discussion before publishing the minutes.")
    return ""


@transaction.atomic
def publish_minutes(consultation_meeting, *, user):
    """Make the minutes public, dated now, and render their PDF afresh."""
    _lock(consultation_meeting)
    if consultation_meeting.minutes_published_at:
        return consultation_meeting
    refusal = publish_refusal(consultation_meeting)
    if refusal:
        raise Refused(refusal)
    before = tracked(consultation_meeting, ["minutes_published_at"])
    consultation_meeting.minutes_published_at = timezone.now()
    consultation_meeting.save(update_fields=["minutes_published_at"])
    log_action(
        consultation_meeting,
        "consultations.minutes_published",
        user=user,
        changes=changed(before, consultation_meeting),
    )
    request_minutes_pdf(consultation_meeting, user=user)
    return consultation_meeting


@transaction.atomic
def unpublish_minutes(consultation_meeting, *, user):
    """Take the minutes back from the public, open to changes, unless a published report on the
    meeting refers to them."""
    _lock(consultation_meeting)
    if not consultation_meeting.minutes_published_at:
        return consultation_meeting
    if consultation_meeting.reports.filter(status=ConsultationReport.Status.PUBLISHED).exists():
        raise Refused(
            _("A published report refers to these minutes: take the report back to a draft first.")
        )
    before = tracked(consultation_meeting, ["minutes_published_at"])
    consultation_meeting.minutes_published_at = None
    consultation_meeting.save(update_fields=["minutes_published_at"])
    log_action(
        consultation_meeting,
        "consultations.minutes_unpublished",
        user=user,
        changes=changed(before, consultation_meeting),
    )
    return consultation_meeting


def request_minutes_pdf(consultation_meeting, *, user):
    """Queue (again) the rendering of the minutes' PDF."""
    return request_document(
        consultation_meeting,
        MINUTES_KIND,
        user=user,
        title=_("Minutes: %(meeting)s") % {"meeting": consultation_meeting.meeting.title},
    )
