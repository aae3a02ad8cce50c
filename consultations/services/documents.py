"""The consultation and its document: creating and publishing it under the period of ЗНА чл. 26,
ал. 4 (30 days, 14 only with a reason shown publicly), its versions, annexes and meetings in the
settlements (the sections of a version: ``services.sections``). Each operation is one transaction
with its audit entry."""

from datetime import timedelta

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ivanovo_portal import slugs, uploads
from ivanovo_portal.audit.services import changed, created, log_action, tracked
from ivanovo_portal.meetings.models import Meeting
from ivanovo_portal.meetings.services.content import create_meeting
from ivanovo_portal.refusals import Refused

from ..models import (
    SHORTEST_DAYS,
    USUAL_DAYS,
    Annex,
    Consultation,
    ConsultationMeeting,
    Section,
    Version,
)

# The fixed first words of addresses under /consultations/, before the consultations' own.
RESERVED_SLUGS = {"manage", "coverage", "comments", "reports"}
# The справка is due this long after comments close unless staff set another day.
STATEMENT_DAYS = 30
# The labels of the document's entries in the audit history, sections' included (registered in
# apps.py).
ACTIONS = (
    ("consultations.created", _("Consultation created as a draft")),
    ("consultations.changed", _("Consultation changed")),
    ("consultations.published", _("Consultation published")),
    ("consultations.version_added", _("New version of the document")),
    ("consultations.sections_changed", _("Sections of the document changed")),
    ("consultations.sections_imported", _("Sections imported")),
    ("consultations.annex_added", _("Annex added")),
    ("consultations.annex_removed", _("Annex removed")),
    ("consultations.meeting_linked", _("Meeting linked to the consultation")),
    ("consultations.meeting_unlinked", _("Meeting unlinked from the consultation")),
)
RECORDED_FIELDS = (
    "title",
    "kind",
    "summary",
    "motives",
    "impact_assessment",
    "opens_on",
    "closes_on",
    "short_period_reason",
    "allows_anonymous",
    "officials_decide",
    "statement_due_on",
)


def check_period(opens_on, closes_on, short_period_reason, statement_due_on=None):
    """Refuse a comment period shorter than 14 days, or shorter than 30 without a reason."""
    if closes_on <= opens_on:
        raise Refused(_("Comments must close after they open."), field="closes_on")
    days = (closes_on - opens_on).days
    if days < SHORTEST_DAYS:
        raise Refused(
            _("The period for comments is %(days)s days; the law allows no fewer than %(least)s.")
            % {"days": days, "least": SHORTEST_DAYS},
            field="closes_on",
        )
    if days < USUAL_DAYS and not short_period_reason.strip():
        raise Refused(
            _(
                "The period for comments is %(days)s days, under %(usual)s: state the reasons, "
                "which are published with the consultation."
            )
            % {"days": days, "usual": USUAL_DAYS},
            field="short_period_reason",
        )
    if statement_due_on and statement_due_on < closes_on:
        raise Refused(
            _("The справка cannot be due before the comments close."), field="statement_due_on"
        )


def _statement_due(closes_on, statement_due_on):
    return statement_due_on or closes_on + timedelta(days=STATEMENT_DAYS)


def locked(consultation):
    """The consultation locked for the rest of the transaction: one change at a time."""
    return Consultation.objects.select_for_update().get(pk=consultation.pk)


@transaction.atomic
def create_consultation(*, user, title, opens_on, closes_on, short_period_reason="", **fields):
    """A new consultation as a draft with an empty first version; its address comes from the
    title and the справка is due 30 days after comments close unless another day is given."""
    check_period(opens_on, closes_on, short_period_reason, fields.get("statement_due_on"))
    fields["statement_due_on"] = _statement_due(closes_on, fields.get("statement_due_on"))
    consultation = Consultation.objects.create(
        title=title,
        slug=slugs.unique_slug(
            title, Consultation.objects, reserved=RESERVED_SLUGS, fallback="consultation"
        ),
        opens_on=opens_on,
        closes_on=closes_on,
        short_period_reason=short_period_reason,
        created_by=user,
        **fields,
    )
    Version.objects.create(
        consultation=consultation, number=1, kind=Version.Kind.DRAFT, created_by=user
    )
    log_action(
        consultation,
        "consultations.created",
        user=user,
        changes=created(consultation, RECORDED_FIELDS),
    )
    return consultation


@transaction.atomic
def update_consultation(consultation, *, user, **fields):
    """Change the consultation's texts, period and settings; a published one's changes are in its
    public history."""
    consultation = locked(consultation)
    before = tracked(consultation, RECORDED_FIELDS)
    for name, value in fields.items():
        setattr(consultation, name, value)
    check_period(
        consultation.opens_on,
        consultation.closes_on,
        consultation.short_period_reason,
        consultation.statement_due_on,
    )
    consultation.statement_due_on = _statement_due(
        consultation.closes_on, consultation.statement_due_on
    )
    consultation.save()
    changes = changed(before, consultation)
    if changes:
        log_action(consultation, "consultations.changed", user=user, changes=changes)
    return consultation


@transaction.atomic
def publish(consultation, *, user):
    """Make the consultation public with its current version; the document needs sections."""
    consultation = locked(consultation)
    if consultation.is_public():
        raise Refused(_("This consultation is already published."))
    if not current_version(consultation).sections.exists():
        raise Refused(_("Add the document's sections before publishing it."))
    check_period(consultation.opens_on, consultation.closes_on, consultation.short_period_reason)
    before = tracked(consultation, ("status",))
    consultation.status = Consultation.Status.PUBLISHED
    consultation.published_at = timezone.now()
    consultation.save(update_fields=["status", "published_at", "updated_at"])
    log_action(
        consultation, "consultations.published", user=user, changes=changed(before, consultation)
    )
    return consultation


# Versions


def current_version(consultation):
    """The consultation's latest version: the text shown and commented on."""
    return consultation.versions.order_by("-number").first()


@transaction.atomic
def new_version(consultation, *, user, kind, changelog):
    """A revision or the adopted text, starting as a copy of the latest version's sections with
    their keys, so that the two compare section by section."""
    consultation = locked(consultation)
    latest = current_version(consultation)
    if latest.kind == Version.Kind.ADOPTED:
        raise Refused(_("The adopted text is the last version."), field="kind")
    if kind not in (Version.Kind.REVISION, Version.Kind.ADOPTED):
        raise Refused(_("A new version is a revision or the adopted text."), field="kind")
    if not changelog.strip():
        raise Refused(_("Say what changed in this version."), field="changelog")
    version = Version.objects.create(
        consultation=consultation,
        number=latest.number + 1,
        kind=kind,
        changelog=changelog,
        created_by=user,
    )
    sections = list(latest.sections.all())
    for section in sections:
        section.pk, section.version = None, version
    Section.objects.bulk_create(sections)
    log_action(
        consultation,
        "consultations.version_added",
        user=user,
        changes={"version": ["", str(version)]},
        reason=changelog,
    )
    return version


# Annexes


@transaction.atomic
def add_annex(consultation, *, user, title, file):
    """Keep a checked file (``uploads.checked``) as an annex, listed publicly with its SHA-256."""
    annex = Annex(
        consultation=consultation,
        title=title,
        name=file.name[: Annex._meta.get_field("name").max_length],
        content_type=file.content_type,
        size=file.size,
        sha256=file.sha256,
        added_by=user,
    )
    annex.file.name = annex.file.storage.save(
        uploads.private_name("consultations/annexes", f"file{file.extension}"),
        ContentFile(file.data),
    )
    annex.save()
    log_action(consultation, "consultations.annex_added", user=user, changes={"annex": ["", title]})
    return annex


@transaction.atomic
def remove_annex(annex, *, user):
    """Take an annex off the consultation and delete its file once that is committed."""
    log_action(
        annex.consultation,
        "consultations.annex_removed",
        user=user,
        changes={"annex": [annex.title, ""]},
    )
    storage, name = annex.file.storage, annex.file.name
    annex.delete()
    transaction.on_commit(lambda: storage.delete(name))


# Meetings


@transaction.atomic
def link_meeting(consultation, meeting, *, user):
    """Make a consultation meeting of the meetings app one of this consultation's meetings."""
    if meeting.kind != Meeting.Kind.CONSULTATION:
        raise Refused(_("Only a consultation meeting can be linked."), field="meeting")
    if ConsultationMeeting.objects.filter(meeting=meeting).exists():
        raise Refused(_("This meeting belongs to a consultation already."), field="meeting")
    link = ConsultationMeeting.objects.create(consultation=consultation, meeting=meeting)
    log_action(
        consultation,
        "consultations.meeting_linked",
        user=user,
        changes={"meeting": ["", str(meeting)]},
    )
    return link


@transaction.atomic
def create_linked_meeting(consultation, *, user, title, starts_at, ends_at, **fields):
    """A new consultation meeting (a draft of the meetings app, scheduled there) linked to the
    consultation."""
    meeting = create_meeting(
        user=user,
        title=title,
        starts_at=starts_at,
        ends_at=ends_at,
        kind=Meeting.Kind.CONSULTATION,
        **fields,
    )
    return link_meeting(consultation, meeting, user=user)


@transaction.atomic
def unlink_meeting(link, *, user):
    """Take a meeting off the consultation, unless proposals, minutes or a report hang on it."""
    if link.proposals.exists() or link.reports.exists() or link.minutes_published_at:
        raise Refused(_("Proposals, minutes or a report belong to this meeting: it stays."))
    log_action(
        link.consultation,
        "consultations.meeting_unlinked",
        user=user,
        changes={"meeting": [str(link.meeting), ""]},
    )
    link.delete()
