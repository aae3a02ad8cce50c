"""Every change to a letter to the municipal registry, each one transaction: prepared by the
project (and corrected or cancelled while it is not filed), filed with the municipality, entered in
its registry under a number and date the project may learn later, and corrected with a reason when
one of those was typed wrong. The files that go with a letter are in ``attachments.py``."""

import logging
from datetime import timedelta
from functools import partial

from django.conf import settings
from django.db import transaction
from django.db.models import Max, Min
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from kombu.exceptions import OperationalError as BrokerError

from ivanovo_portal.audit.services import changed, created, log_action, tracked
from ivanovo_portal.refusals import Refused

from . import tasks
from .models import Recommendation, RegistrySubmission, TimelineEntry
from .services import check_not_future, request_letter

logger = logging.getLogger(__name__)
Status = Recommendation.Status
Kind = TimelineEntry.Kind
FILING_FIELDS = ("filed_on", "registry_number", "registry_date")
# What the history shows changing on a letter.
LETTER_FIELDS = ("status", "outgoing_number", "outgoing_date", *FILING_FIELDS)


def answer_due(received_on):
    """The day by which the municipality owes an answer to a letter it received on that day."""
    return received_on + timedelta(days=settings.RECOMMENDATIONS_ANSWER_DAYS)


def _locked_letter(submission):
    return RegistrySubmission.objects.select_for_update().get(pk=submission.pk)


def _locked_recommendations(pks):
    # Always in the same order, so two people changing overlapping letters wait, not deadlock.
    return list(Recommendation.objects.select_for_update().filter(pk__in=pks).order_by("pk"))


def _check_reason(reason):
    if not reason.strip():
        raise Refused(_("Say why, for the public record."), field="reason")


def _check_outgoing(number, date, recommendations, letter=None):
    """The checks a letter's number, date and recommendations pass when prepared or corrected."""
    if not recommendations:
        raise Refused(
            _("Choose at least one recommendation for the letter."), field="recommendations"
        )
    check_not_future(date, field="outgoing_date")
    taken = RegistrySubmission.objects.filter(outgoing_number=number)
    if letter is not None:
        taken = taken.exclude(pk=letter.pk)
    if taken.exists():
        raise Refused(
            _("A letter with this outgoing number already exists."), field="outgoing_number"
        )
    approved_on = TimelineEntry.objects.filter(
        recommendation__in=recommendations, kind=Kind.APPROVED
    ).aggregate(last=Max("date"))["last"]
    if date < approved_on:
        raise Refused(
            _("The letter cannot be dated before the approval of a recommendation it carries."),
            field="outgoing_date",
        )


def _entries(letter, recommendations, kind, *, date, user, reference="", text=""):
    TimelineEntry.objects.bulk_create(
        TimelineEntry(
            recommendation=recommendation,
            submission=letter,
            date=date,
            kind=kind,
            reference=reference,
            text=text,
            created_by=user,
        )
        for recommendation in recommendations
    )


def _numbers(recommendations):
    return ", ".join(sorted(recommendation.number for recommendation in recommendations))


def _move(recommendations, status):
    Recommendation.objects.filter(pk__in=[r.pk for r in recommendations]).update(
        status=status, updated_at=timezone.now()
    )


@transaction.atomic
def prepare_letter(recommendations, *, outgoing_number, outgoing_date, user):
    """Put approved recommendations into a letter to the municipal registry and render its PDF,
    to be printed, signed and filed. Nothing is filed yet."""
    locked = _locked_recommendations({recommendation.pk for recommendation in recommendations})
    if any(recommendation.status != Status.APPROVED for recommendation in locked):
        raise Refused(_("Only approved recommendations can go into a letter."))
    _check_outgoing(outgoing_number, outgoing_date, locked)
    letter = RegistrySubmission.objects.create(
        outgoing_number=outgoing_number, outgoing_date=outgoing_date, created_by=user
    )
    letter.recommendations.set(locked)
    changes = created(letter, ("outgoing_number", "outgoing_date"))
    changes["recommendations"] = ["", _numbers(locked)]
    log_action(letter, "letter.prepared", user=user, changes=changes)
    _move(locked, Status.IN_LETTER)
    _entries(
        letter,
        locked,
        Kind.LETTER_PREPARED,
        date=outgoing_date,
        reference=outgoing_number,
        user=user,
    )
    request_letter(letter, user)
    return letter


@transaction.atomic
def correct_letter(
    submission, *, outgoing_number, outgoing_date, recommendations, reason, user, date=None
):
    """Change a letter that is not filed yet: its number, its date, which approved
    recommendations it carries. Its PDF is rendered again; the public timeline of each
    recommendation shows what changed and why."""
    letter = _locked_letter(submission)
    if not letter.is_prepared:
        raise Refused(_("Only a letter that has not been filed can be corrected."))
    _check_reason(reason)
    date = date or timezone.localdate()
    current = set(letter.recommendations.values_list("pk", flat=True))
    wanted = {recommendation.pk for recommendation in recommendations}
    locked = {r.pk: r for r in _locked_recommendations(current | wanted)}
    added = [locked[pk] for pk in sorted(wanted - current)]
    if any(recommendation.status != Status.APPROVED for recommendation in added):
        raise Refused(
            _("Only approved recommendations can go into a letter."), field="recommendations"
        )
    _check_outgoing(outgoing_number, outgoing_date, [locked[pk] for pk in wanted], letter)
    changes = [
        {"field": name, "old": str(getattr(letter, name)), "new": str(value)}
        for name, value in (("outgoing_number", outgoing_number), ("outgoing_date", outgoing_date))
        if getattr(letter, name) != value
    ]
    if not changes and wanted == current:
        raise Refused(_("Nothing has been changed."))

    removed = [locked[pk] for pk in sorted(current - wanted)]
    kept = [locked[pk] for pk in sorted(current & wanted)]
    before = tracked(letter, LETTER_FIELDS)
    letter.outgoing_number, letter.outgoing_date = outgoing_number, outgoing_date
    letter.save()
    letter.recommendations.set(wanted)
    recorded = changed(before, letter)
    if wanted != current:
        recorded["recommendations"] = [
            _numbers(locked[pk] for pk in current),
            _numbers(locked[pk] for pk in wanted),
        ]
    log_action(letter, "letter.corrected", user=user, changes=recorded, reason=reason)
    _move(removed, Status.APPROVED)
    _move(added, Status.IN_LETTER)
    _entries(letter, removed, Kind.LETTER_WITHDRAWN, date=date, text=reason, user=user)
    _entries(
        letter,
        added,
        Kind.LETTER_PREPARED,
        date=outgoing_date,
        reference=outgoing_number,
        user=user,
    )
    if changes:
        _corrections(
            letter, kept, Kind.LETTER_PREPARED, changes, date=date, reason=reason, user=user
        )
    request_letter(letter, user)
    return letter


def _corrections(letter, recommendations, corrected_kind, changes, *, date, reason, user):
    """A correction on each recommendation's timeline, naming the entry of this letter it puts
    right (the latest of ``corrected_kind``)."""
    wrong = {
        entry.recommendation_id: entry
        for entry in TimelineEntry.objects.filter(
            submission=letter, kind=corrected_kind, recommendation__in=recommendations
        ).order_by("date", "pk")
    }
    for recommendation in recommendations:
        if date < wrong[recommendation.pk].date:
            raise Refused(_("A correction cannot be dated before what it corrects."), field="date")
    TimelineEntry.objects.bulk_create(
        TimelineEntry(
            recommendation=recommendation,
            submission=letter,
            date=date,
            kind=Kind.CORRECTED,
            text=reason,
            changes=changes,
            corrects=wrong[recommendation.pk],
            created_by=user,
        )
        for recommendation in recommendations
    )


@transaction.atomic
def cancel_letter(submission, *, reason, user, date=None):
    """Cancel a letter that is not filed yet: its recommendations are approved and free for
    another letter again, and the letter stays on record, with why it was cancelled."""
    letter = _locked_letter(submission)
    if not letter.is_prepared:
        raise Refused(_("Only a letter that has not been filed can be cancelled."))
    _check_reason(reason)
    date = date or timezone.localdate()
    recommendations = _locked_recommendations(letter.recommendations.values_list("pk", flat=True))
    before = tracked(letter, LETTER_FIELDS)
    letter.status = RegistrySubmission.Status.CANCELLED
    letter.cancelled_by, letter.cancelled_at, letter.cancel_reason = user, timezone.now(), reason
    letter.save()
    log_action(
        letter, "letter.cancelled", user=user, changes=changed(before, letter), reason=reason
    )
    _move(recommendations, Status.APPROVED)
    _entries(letter, recommendations, Kind.LETTER_WITHDRAWN, date=date, text=reason, user=user)
    return letter


def _check_filing(letter, *, filed_on, registry_number, registry_date):
    """The filing's dates read in order: letter ≤ filed ≤ registry entry ≤ first response."""
    check_not_future(filed_on, field="filed_on")
    if filed_on < letter.outgoing_date:
        raise Refused(_("The letter cannot be filed before its own date."), field="filed_on")
    if registry_date and not registry_number:
        raise Refused(_("Give the registry entry's number with its date."), field="registry_number")
    first_response = letter.recommendations.aggregate(first=Min("response_date"))["first"]
    if first_response and filed_on > first_response:
        raise Refused(
            _("The letter cannot be filed after the municipality's response."), field="filed_on"
        )
    if registry_number:
        _check_registry_date(letter, registry_date, filed_on, first_response)


def _check_registry_date(letter, date, filed_on, first_response, field="registry_date"):
    check_not_future(date, field=field)
    if date < letter.outgoing_date:
        raise Refused(_("The registry entry cannot be dated before the letter."), field=field)
    if date < filed_on:
        raise Refused(
            _("The registry entry cannot be dated before the letter was filed."), field=field
        )
    # The municipality may answer before the project learns the registry number.
    if first_response and date > first_response:
        raise Refused(
            _("The registry entry cannot be dated after the municipality's response."),
            field=field,
        )


def _notify_filing(letter_id):
    try:
        tasks.send_filing_notice.delay(letter_id)
    except BrokerError:
        # The filing is committed and must not fail now; the officials see it in their inbox.
        logger.exception("Could not queue the filing notice of letter %s", letter_id)


@transaction.atomic
def file_letter(submission, *, filed_on, user, registry_number="", registry_date=None):
    """Record that the signed letter was filed with the municipality on ``filed_on``, with the
    number and date its registry gave it when these are known (the date is the filing day unless
    told); its recommendations now await the municipality's answer, which falls due
    ``RECOMMENDATIONS_ANSWER_DAYS`` after the municipality received it. The officials are told
    by e-mail."""
    letter = _locked_letter(submission)
    if not letter.is_prepared:
        raise Refused(_("Only a prepared letter can be filed; this one is not."))
    registry_number = registry_number.strip()
    if registry_number and registry_date is None:
        registry_date = filed_on
    _check_filing(
        letter, filed_on=filed_on, registry_number=registry_number, registry_date=registry_date
    )
    recommendations = _locked_recommendations(letter.recommendations.values_list("pk", flat=True))
    now = timezone.now()
    before = tracked(letter, LETTER_FIELDS)
    letter.status = RegistrySubmission.Status.FILED
    letter.filed_on, letter.filed_by, letter.filed_at = filed_on, user, now
    if registry_number:
        letter.registry_number, letter.registry_date = registry_number, registry_date
        letter.recorded_by, letter.recorded_at = user, now
    letter.answer_due = answer_due(letter.received_on)
    letter.save()
    log_action(letter, "letter.filed", user=user, changes=changed(before, letter))
    _move(recommendations, Status.FILED)
    same_day = registry_number and registry_date == filed_on
    _entries(
        letter,
        recommendations,
        Kind.FILED,
        date=filed_on,
        reference=registry_number if same_day else "",
        user=user,
    )
    if registry_number and not same_day:
        _entries(
            letter,
            recommendations,
            Kind.REGISTERED,
            date=registry_date,
            reference=registry_number,
            user=user,
        )
    transaction.on_commit(partial(_notify_filing, letter.pk))
    return letter


@transaction.atomic
def record_registry_entry(submission, *, number, date, user):
    """Record the number and date under which the municipal registry entered a filed letter,
    when the project learns them after the filing."""
    letter = _locked_letter(submission)
    if not letter.is_filed:
        raise Refused(_("The letter has not been filed yet: record its filing first."))
    if letter.has_registry_entry:
        raise Refused(_("The registry entry of this letter has already been recorded."))
    first_response = letter.recommendations.aggregate(first=Min("response_date"))["first"]
    _check_registry_date(letter, date, letter.filed_on, first_response, field="date")
    before = tracked(letter, LETTER_FIELDS)
    letter.registry_number, letter.registry_date = number.strip(), date
    letter.recorded_by, letter.recorded_at = user, timezone.now()
    letter.answer_due = answer_due(letter.received_on)
    letter.save()
    log_action(letter, "letter.registry_entry_recorded", user=user, changes=changed(before, letter))
    _entries(
        letter,
        letter.recommendations.all(),
        Kind.REGISTERED,
        date=date,
        reference=letter.registry_number,
        user=user,
    )
    return letter


@transaction.atomic
def correct_filing(
    submission, *, filed_on, registry_number, registry_date, reason, user, date=None
):
    """Put right a filing day, registry number or registry date typed wrong. The timeline keeps
    what was recorded and shows the correction beside it: old → new, and why."""
    letter = _locked_letter(submission)
    if not letter.is_filed:
        raise Refused(_("Only the filing of a filed letter can be corrected."))
    _check_reason(reason)
    registry_number = registry_number.strip()
    new = {"filed_on": filed_on, "registry_number": registry_number, "registry_date": registry_date}
    if registry_number and registry_date is None:
        raise Refused(_("Give the registry entry's date with its number."), field="registry_date")
    changes = [
        {"field": name, "old": str(getattr(letter, name) or ""), "new": str(new[name] or "")}
        for name in FILING_FIELDS
        if getattr(letter, name) != new[name]
    ]
    if not changes:
        raise Refused(_("Nothing has been changed."))
    _check_filing(letter, **new)
    date = date or timezone.localdate()
    check_not_future(date)
    # The entry that shows the value put right: the registry's own, if it has one of its own.
    registered = letter.timeline_entries.filter(kind=Kind.REGISTERED).exists()
    corrected = (
        Kind.REGISTERED
        if registered and all(change["field"] != "filed_on" for change in changes)
        else Kind.FILED
    )
    before = tracked(letter, LETTER_FIELDS)
    for name, value in new.items():
        setattr(letter, name, value)
    letter.answer_due = answer_due(letter.received_on)
    letter.save()
    log_action(
        letter,
        "letter.filing_corrected",
        user=user,
        changes=changed(before, letter),
        reason=reason,
    )
    _corrections(
        letter,
        list(letter.recommendations.all()),
        corrected,
        changes,
        date=date,
        reason=reason,
        user=user,
    )
    return letter
