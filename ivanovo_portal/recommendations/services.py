"""Every change to the register: each function is one transaction and refuses steps out of order,
and dates that would put the public timeline out of order or in the future."""

from django.db import IntegrityError, transaction
from django.db.models import Max, Min
from django.db.models.functions import Length
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ivanovo_portal.documents.services import request_document
from ivanovo_portal.project import PROJECT

from .models import Recommendation, RegistrySubmission, TimelineEntry
from .pdf import LETTER_KIND

Status = Recommendation.Status
Kind = TimelineEntry.Kind
EDITABLE_FIELDS = ("title", "text", "rationale", "addressee", "activity", "source_label")


class TransitionError(Exception):
    """A step the register refuses; ``field`` names the argument at fault, if one is."""

    def __init__(self, message, field=None):
        super().__init__(message)
        self.message = message
        self.field = field


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


def _check_not_future(date, field="date"):
    if date > timezone.localdate():
        raise TransitionError(_("The date cannot be in the future."), field=field)


def _check_percentage(progress):
    if not 0 <= progress <= 100:
        raise TransitionError(_("Progress is a percentage from 0 to 100."), field="progress")


@transaction.atomic
def create_recommendation(
    *, user, title, text, rationale, settlements=(), source=None, date=None, **fields
):
    """Write a new draft recommendation with the next number of the year it is written in
    (П-2023-001); ``date`` is when it was written, today unless told."""
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
    return recommendation


@transaction.atomic
def update_recommendation(recommendation, *, user, settlements=None, **fields):
    """Change a recommendation's wording while it is still a draft or only approved."""
    unknown = set(fields) - set(EDITABLE_FIELDS)
    if unknown:
        raise TypeError(f"Not editable: {', '.join(sorted(unknown))}")
    recommendation = _locked(recommendation)
    if not recommendation.is_editable:
        raise TransitionError(
            _("A recommendation sent to the municipality can no longer be changed.")
        )
    for name, value in fields.items():
        setattr(recommendation, name, value)
    recommendation.save()
    if settlements is not None:
        recommendation.settlements.set(settlements)
    return recommendation


@transaction.atomic
def approve(recommendation, *, user, date=None):
    """Approve a draft: from now on it is public and may go into a letter."""
    date = date or timezone.localdate()
    _check_not_future(date)
    recommendation = _locked(recommendation)
    if recommendation.status != Status.DRAFT:
        raise TransitionError(_("Only draft recommendations can be approved."))
    recommendation.status = Status.APPROVED
    recommendation.approved_by = user
    recommendation.approved_at = timezone.now()
    recommendation.save()
    TimelineEntry.objects.create(
        recommendation=recommendation,
        date=date,
        kind=Kind.APPROVED,
        created_by=user,
    )
    return recommendation


@transaction.atomic
def submit(recommendations, *, outgoing_number, outgoing_date, user):
    """Put approved recommendations into a letter to the municipal registry and render it."""
    pks = sorted({recommendation.pk for recommendation in recommendations})
    if not pks:
        raise TransitionError(
            _("Choose at least one recommendation for the letter."), field="recommendations"
        )
    _check_not_future(outgoing_date, field="outgoing_date")
    # Locked in a fixed order, so two people sending overlapping letters wait rather than deadlock;
    # the second then finds them submitted and is refused.
    locked = list(Recommendation.objects.select_for_update().filter(pk__in=pks).order_by("pk"))
    if len(locked) != len(pks) or any(r.status != Status.APPROVED for r in locked):
        raise TransitionError(_("Only approved recommendations can be submitted."))
    if RegistrySubmission.objects.filter(outgoing_number=outgoing_number).exists():
        raise TransitionError(
            _("A letter with this outgoing number already exists."), field="outgoing_number"
        )
    submission = RegistrySubmission.objects.create(
        outgoing_number=outgoing_number, outgoing_date=outgoing_date, created_by=user
    )
    submission.recommendations.set(locked)
    Recommendation.objects.filter(pk__in=pks).update(
        status=Status.SUBMITTED, updated_at=timezone.now()
    )
    TimelineEntry.objects.bulk_create(
        TimelineEntry(
            recommendation=recommendation,
            date=outgoing_date,
            kind=Kind.SUBMITTED,
            reference=outgoing_number,
            created_by=user,
        )
        for recommendation in locked
    )
    # The letter is in Bulgarian whatever the page's language, and so is its name.
    title = (
        f"Писмо изх. № {outgoing_number} от {outgoing_date:%d.%m.%Y} г. до {PROJECT.mayor_title}"
    )
    request_document(submission, LETTER_KIND, user=user, title=title)
    return submission


@transaction.atomic
def record_registry_entry(submission, *, number, date, user):
    """Record the number and date under which the municipal registry entered the letter."""
    submission = RegistrySubmission.objects.select_for_update().get(pk=submission.pk)
    if submission.is_filed:
        raise TransitionError(_("The registry entry of this letter has already been recorded."))
    _check_not_future(date)
    if date < submission.outgoing_date:
        raise TransitionError(
            _("The registry entry cannot be dated before the letter."), field="date"
        )
    # The municipality may answer before the project learns the registry number (see below).
    first_response = submission.recommendations.aggregate(first=Min("response_date"))["first"]
    if first_response and date > first_response:
        raise TransitionError(
            _("The registry entry cannot be dated after the municipality's response."),
            field="date",
        )
    submission.registry_number = number
    submission.registry_date = date
    submission.recorded_by = user
    submission.recorded_at = timezone.now()
    submission.save()
    TimelineEntry.objects.bulk_create(
        TimelineEntry(
            recommendation=recommendation,
            date=date,
            kind=Kind.FILED,
            reference=number,
            created_by=user,
        )
        for recommendation in submission.recommendations.all()
    )
    return submission


@transaction.atomic
def record_response(recommendation, *, text, date, reference="", decision="", user):
    """Record the municipality's answer, with its decision when the answer gives one."""
    recommendation = _locked(recommendation)
    # A response answers the letter, so the letter must have gone. It need not wait for the
    # registry entry: the municipality may answer before anyone tells the project its number.
    if recommendation.status != Status.SUBMITTED:
        raise TransitionError(
            _("Only recommendations submitted to the municipality can receive a response.")
        )
    _check_not_future(date)
    letter = recommendation.submissions.order_by("-outgoing_date").first()
    if date < letter.outgoing_date:
        raise TransitionError(_("The response cannot be dated before the letter."), field="date")
    if letter.is_filed and date < letter.registry_date:
        raise TransitionError(
            _("The response cannot be dated before the letter's registry entry."), field="date"
        )
    if decision and decision not in Recommendation.Decision.values:
        raise TransitionError(_("Unknown decision."), field="decision")
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
    return recommendation


@transaction.atomic
def record_decision(recommendation, *, decision, user, date=None, note=""):
    """Record whether the municipality accepts an answered recommendation, in part, or not."""
    date = date or timezone.localdate()
    _check_not_future(date)
    recommendation = _locked(recommendation)
    if recommendation.status != Status.ANSWERED:
        raise TransitionError(_("A decision can only follow the municipality's response."))
    if decision not in Recommendation.Decision.values:
        raise TransitionError(_("Unknown decision."), field="decision")
    if date < recommendation.response_date:
        raise TransitionError(
            _("The decision cannot be dated before the municipality's response."), field="date"
        )
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
    return recommendation


@transaction.atomic
def record_progress(recommendation, *, progress, user, note="", date=None, implemented=False):
    """Record how far an accepted recommendation is implemented; at 100 % it is implemented."""
    recommendation = _locked(recommendation)
    if recommendation.status not in (Status.ACCEPTED, Status.PARTLY_ACCEPTED):
        raise TransitionError(
            _("Only accepted or partly accepted recommendations can make progress.")
        )
    _check_percentage(progress)
    date = date or timezone.localdate()
    _check_not_future(date)
    # The last step is the decision or an earlier update: the timeline reads in date order.
    if date < recommendation.timeline.aggregate(last=Max("date"))["last"]:
        raise TransitionError(
            _("Progress cannot be dated before the decision or an earlier progress update."),
            field="date",
        )
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
    return recommendation
