"""Every change to a recommendation: each function is one transaction and refuses steps out of
order, and dates that would put the public timeline out of order or in the future. The letters that
carry recommendations to the municipality have theirs in ``letters.py``."""

from datetime import datetime, time

from django.db import IntegrityError, transaction
from django.db.models import Max
from django.db.models.functions import Length
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ivanovo_portal.audit.services import changed, log_action, tracked
from ivanovo_portal.documents.services import request_document
from ivanovo_portal.project import PROJECT
from ivanovo_portal.refusals import Refused

from . import sources
from .models import Recommendation, TimelineEntry
from .pdf import LETTER_KIND

Status = Recommendation.Status
Kind = TimelineEntry.Kind
EDITABLE_FIELDS = ("title", "text", "rationale", "addressee", "activity", "source_label")
# What the history shows changing when a recommendation takes a step.
STEP_FIELDS = (
    "status",
    "response_text",
    "response_date",
    "response_reference",
    "decision",
    "progress",
)


def _locked(recommendation):
    return Recommendation.objects.select_for_update().get(pk=recommendation.pk)


def _next_number(year):
    prefix = f"П-{year}-"
    last = (
        Recommendation.objects.filter(number__startswith=prefix)
        .order_by(Length("number").desc(), "-number")
        .values_list("number", flat=True)
        .first()
    )
    sequence = int(last.removeprefix(prefix)) + 1 if last else 1
    return f"{prefix}{sequence:03d}"


def check_not_future(date, field="date"):
    if date > timezone.localdate():
        raise Refused(_("The date cannot be in the future."), field=field)


def _check_percentage(progress):
    if not 0 <= progress <= 100:
        raise Refused(_("Progress is a percentage from 0 to 100."), field="progress")


def last_step_date(recommendation):
    """The date of the latest of the register's own steps: events and corrections added by hand
    may be dated anywhere in between and do not count."""
    return recommendation.timeline.filter(kind__in=Kind.steps()).aggregate(last=Max("date"))["last"]


def _check_source_allows(recommendation):
    """Refuse a change the public would see when the recommendation's source refuses it now
    (``sources.change_refusal``: a published report whose PDF lists its recommendations)."""
    refusal = sources.change_refusal(recommendation.source)
    if refusal:
        raise Refused(refusal)


def request_letter(submission, user):
    """Queue the render of a letter's PDF, again after each correction of it."""
    # The letter is in Bulgarian whatever the page's language, and so is its name.
    title = (
        f"Писмо изх. № {submission.outgoing_number} от {submission.outgoing_date:%d.%m.%Y} г. "
        f"до {PROJECT.mayor_title}"
    )
    request_document(submission, LETTER_KIND, user=user, title=title)


@transaction.atomic
def create_recommendation(
    *, user, title, text, rationale, settlements=(), source=None, date=None, **fields
):
    """Write a new draft recommendation with the next number of the year it is written in
    (П-2023-001); ``date`` is when it was written, today unless told. One written from a
    ``source`` belongs to the source's activity unless told otherwise."""
    if source is not None:
        fields.setdefault("activity", sources.activity_of(source))
    recommendation = Recommendation(
        title=title, text=text, rationale=rationale, created_by=user, source=source, **fields
    )
    year = (date or timezone.localdate()).year
    # Two people may save at the same moment and pick the same number: the unique constraint
    # turns the loser away and it takes the next one.
    for attempt in range(5):
        recommendation.number = _next_number(year)
        try:
            with transaction.atomic():
                recommendation.save()
            break
        except IntegrityError:
            if attempt == 4:
                raise
    recommendation.settlements.set(settlements)
    log_action(recommendation, "recommendation.created", user=user)
    return recommendation


@transaction.atomic
def update_recommendation(recommendation, *, user, settlements=None, **fields):
    """Change a recommendation's wording until its letter is filed; a prepared letter that
    carries it is rendered again."""
    unknown = set(fields) - set(EDITABLE_FIELDS)
    if unknown:
        raise TypeError(f"Not editable: {', '.join(sorted(unknown))}")
    recommendation = _locked(recommendation)
    if not recommendation.is_editable:
        raise Refused(_("A recommendation sent to the municipality can no longer be changed."))
    if recommendation.is_public:
        _check_source_allows(recommendation)
    before = tracked(recommendation, EDITABLE_FIELDS)
    for name, value in fields.items():
        setattr(recommendation, name, value)
    recommendation.save()
    changes = changed(before, recommendation)
    if settlements is not None:
        old = ", ".join(map(str, recommendation.settlements.all()))
        recommendation.settlements.set(settlements)
        new = ", ".join(map(str, recommendation.settlements.all()))
        if old != new:
            changes["settlements"] = [old, new]
    log_action(recommendation, "recommendation.updated", user=user, changes=changes)
    # A letter not filed yet prints the text as it now stands.
    for letter in recommendation.submissions.prepared():
        request_letter(letter, user)
    return recommendation


@transaction.atomic
def approve(recommendation, *, user, date=None):
    """Approve a draft: from now on it is public and may go into a letter."""
    today = timezone.localdate()
    date = date or today
    check_not_future(date)
    recommendation = _locked(recommendation)
    if recommendation.status != Status.DRAFT:
        raise Refused(_("Only draft recommendations can be approved."))
    _check_source_allows(recommendation)
    before = tracked(recommendation, STEP_FIELDS)
    recommendation.status = Status.APPROVED
    recommendation.approved_by = user
    # The moment of approval is the date given; its hour is known only when that is today.
    recommendation.approved_at = (
        timezone.now() if date == today else timezone.make_aware(datetime.combine(date, time()))
    )
    recommendation.save()
    TimelineEntry.objects.create(
        recommendation=recommendation,
        date=date,
        kind=Kind.APPROVED,
        created_by=user,
    )
    log_action(
        recommendation,
        "recommendation.approved",
        user=user,
        changes=changed(before, recommendation),
    )
    return recommendation


@transaction.atomic
def record_response(recommendation, *, text, date, reference="", decision="", user):
    """Record the municipality's answer, with its decision when the answer gives one."""
    recommendation = _locked(recommendation)
    # A response answers the letter, so the letter must have been filed. It need not wait for the
    # registry entry: the municipality may answer before anyone tells the project its number.
    if recommendation.status != Status.FILED:
        raise Refused(_("Only recommendations whose letter has been filed can receive a response."))
    check_not_future(date)
    letter = recommendation.submissions.filed().get()
    if date < letter.filed_on:
        raise Refused(_("The response cannot be dated before the letter was filed."), field="date")
    if letter.has_registry_entry and date < letter.registry_date:
        raise Refused(
            _("The response cannot be dated before the letter's registry entry."), field="date"
        )
    if decision and decision not in Recommendation.Decision.values:
        raise Refused(_("Unknown decision."), field="decision")
    before = tracked(recommendation, STEP_FIELDS)
    recommendation.response_text = text
    recommendation.response_date = date
    recommendation.response_reference = reference
    recommendation.decision = decision
    recommendation.status = decision or Status.ANSWERED
    recommendation.save()
    TimelineEntry.objects.create(
        recommendation=recommendation,
        date=date,
        kind=decision or Kind.ANSWERED,
        reference=reference,
        text=text,
        created_by=user,
    )
    log_action(
        recommendation,
        "recommendation.response_recorded",
        user=user,
        changes=changed(before, recommendation),
    )
    return recommendation


@transaction.atomic
def record_decision(recommendation, *, decision, user, date=None, note=""):
    """Record whether the municipality accepts an answered recommendation, in part, or not."""
    date = date or timezone.localdate()
    check_not_future(date)
    recommendation = _locked(recommendation)
    if recommendation.status != Status.ANSWERED:
        raise Refused(_("A decision can only follow the municipality's response."))
    if decision not in Recommendation.Decision.values:
        raise Refused(_("Unknown decision."), field="decision")
    if date < recommendation.response_date:
        raise Refused(
            _("The decision cannot be dated before the municipality's response."), field="date"
        )
    before = tracked(recommendation, STEP_FIELDS)
    recommendation.decision = decision
    recommendation.status = decision
    recommendation.save()
    TimelineEntry.objects.create(
        recommendation=recommendation,
        date=date,
        kind=decision,
        text=note,
        created_by=user,
    )
    log_action(
        recommendation,
        "recommendation.decision_recorded",
        user=user,
        changes=changed(before, recommendation),
    )
    return recommendation


@transaction.atomic
def record_progress(recommendation, *, progress, user, note="", date=None, implemented=False):
    """Record how far an accepted recommendation is implemented; at 100 % it is implemented."""
    recommendation = _locked(recommendation)
    if recommendation.status not in (Status.ACCEPTED, Status.PARTLY_ACCEPTED):
        raise Refused(_("Only accepted or partly accepted recommendations can make progress."))
    _check_percentage(progress)
    date = date or timezone.localdate()
    check_not_future(date)
    # The last step is the decision or an earlier update: the timeline reads in date order.
    if date < last_step_date(recommendation):
        raise Refused(
            _("Progress cannot be dated before the decision or an earlier progress update."),
            field="date",
        )
    before = tracked(recommendation, STEP_FIELDS)
    implemented = implemented or progress == 100
    recommendation.progress = 100 if implemented else progress
    if implemented:
        recommendation.status = Status.IMPLEMENTED
    recommendation.save()
    TimelineEntry.objects.create(
        recommendation=recommendation,
        date=date,
        kind=Kind.IMPLEMENTED if implemented else Kind.PROGRESS,
        text=note,
        progress=recommendation.progress,
        created_by=user,
    )
    log_action(
        recommendation,
        "recommendation.progress_recorded",
        user=user,
        changes=changed(before, recommendation),
    )
    return recommendation


@transaction.atomic
def record_event(recommendation, *, kind, date, text, user, reference=""):
    """Add an event of the staff's own to a public recommendation's timeline: a reminder letter,
    a meeting, a council decision…, dated when it happened, after the approval."""
    recommendation = _locked(recommendation)
    if not recommendation.is_public:
        raise Refused(_("Only an approved recommendation has a public timeline."))
    if kind not in Kind.events():
        raise Refused(_("Unknown kind of event."), field="kind")
    if not text.strip():
        raise Refused(_("Say what happened."), field="text")
    check_not_future(date)
    approved_on = recommendation.timeline.filter(kind=Kind.APPROVED).values_list("date", flat=True)[
        0
    ]
    if date < approved_on:
        raise Refused(
            _("An event cannot be dated before the recommendation was approved."), field="date"
        )
    entry = TimelineEntry.objects.create(
        recommendation=recommendation,
        date=date,
        kind=kind,
        reference=reference,
        text=text,
        created_by=user,
    )
    log_action(
        recommendation,
        "recommendation.event_added",
        user=user,
        changes={"timeline": ["", f"{date:%d.%m.%Y} {tracked(entry, ['kind'])['kind']}: {text}"]},
    )
    return entry
