"""Access-to-information requests a round's monitors make to the municipality under ЗДОИ: logged,
corrected, with the municipality's clarification request, extension and answer recorded as they
come. Each function is one transaction and refuses, naming the field at fault, a date out of order
or in the future, a criterion of another framework version, or a change to a published round."""

import uuid

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ivanovo_portal.audit.services import changed, log_action, tracked
from ivanovo_portal.refusals import Refused

from ..access import is_coordinator, is_member
from ..deadlines import EXTENSIONS, request_deadline
from ..models import InformationRequest, Round

Answer = InformationRequest.Answer
Extension = InformationRequest.Extension
# What the history shows changing when an answer is recorded.
ANSWER_FIELDS = ("answer", "answered_on", "answer_summary", "answer_sha256", "answer_is_public")


def _locked(request):
    return InformationRequest.objects.select_for_update().select_related("round").get(pk=request.pk)


def _check_may_change(round_, user):
    if not is_member(user, round_):
        raise Refused(_("Only the round's members log and change its requests."))
    if round_.status == Round.Status.PUBLISHED:
        raise Refused(_("The round is published: its requests can no longer be changed."))


def _check_not_future(day, field):
    if day > timezone.localdate():
        raise Refused(_("The date cannot be in the future."), field=field)


def _check_submitted_on(round_, submitted_on):
    _check_not_future(submitted_on, "submitted_on")
    if submitted_on > round_.period_end:
        raise Refused(
            _("A request of this round is made by the end of its period, %(end)s.")
            % {"end": f"{round_.period_end:%d.%m.%Y}"},
            field="submitted_on",
        )


def _check_criteria(round_, criteria):
    if any(criterion.area.version_id != round_.version_id for criterion in criteria):
        raise Refused(
            _("Choose criteria of the framework version the round uses."), field="criteria"
        )


def _check_after_submission(request, day, field):
    if day < request.submitted_on:
        raise Refused(_("This date cannot be before the request was submitted."), field=field)


@transaction.atomic
def create_request(
    round_,
    *,
    user,
    settlement,
    subject,
    text,
    channel,
    submitted_on,
    registry_number="",
    criteria=(),
):
    """Log a request a member made to the municipality for the round."""
    round_ = Round.objects.select_for_update().get(pk=round_.pk)
    _check_may_change(round_, user)
    _check_submitted_on(round_, submitted_on)
    criteria = list(criteria)
    _check_criteria(round_, criteria)
    request = InformationRequest.objects.create(
        round=round_,
        settlement=settlement,
        subject=subject,
        text=text,
        channel=channel,
        submitted_on=submitted_on,
        registry_number=registry_number,
        made_by=user,
    )
    request.criteria.set(criteria)
    return request


@transaction.atomic
def update_request(
    request,
    *,
    user,
    settlement,
    subject,
    text,
    channel,
    submitted_on,
    registry_number="",
    criteria=(),
):
    """Correct what was logged of a request; the steps recorded since must stay after it."""
    request = _locked(request)
    _check_may_change(request.round, user)
    _check_submitted_on(request.round, submitted_on)
    later = [
        day
        for day in (request.clarified_on, request.extension_notified_on, request.answered_on)
        if day is not None
    ]
    if later and submitted_on > min(later):
        raise Refused(
            _("The request cannot be dated after its clarification, extension or answer."),
            field="submitted_on",
        )
    criteria = list(criteria)
    _check_criteria(request.round, criteria)
    request.settlement = settlement
    request.subject = subject
    request.text = text
    request.channel = channel
    request.submitted_on = submitted_on
    request.registry_number = registry_number
    request.save()
    request.criteria.set(criteria)
    return request


@transaction.atomic
def record_clarification(request, *, user, clarified_on):
    """Record the day the request was clarified at the municipality's asking (чл. 29 ЗДОИ): the
    14 days run from then. None takes a wrongly recorded clarification back."""
    request = _locked(request)
    _check_may_change(request.round, user)
    if clarified_on is not None:
        _check_not_future(clarified_on, "clarified_on")
        _check_after_submission(request, clarified_on, "clarified_on")
        if request.answered_on is not None and clarified_on > request.answered_on:
            raise Refused(
                _("The clarification cannot be dated after the answer."), field="clarified_on"
            )
    request.clarified_on = clarified_on
    request.save(update_fields=["clarified_on"])
    return request


@transaction.atomic
def record_extension(request, *, user, extension, extension_notified_on, extension_days=None):
    """Record the extension the municipality notified (чл. 30 and 31 ЗДОИ) with the days its
    notice gave (the most the law allows when not given), or take it back with no extension, no
    date and no days."""
    request = _locked(request)
    _check_may_change(request.round, user)
    if extension_days is not None:
        if not extension:
            raise Refused(_("Choose the ground of the extension."), field="extension")
        allowed = EXTENSIONS[extension].days
        if not 1 <= extension_days <= allowed:
            raise Refused(
                _("On this ground the law allows an extension of 1 to %(days)d days.")
                % {"days": allowed},
                field="extension_days",
            )
    if extension and extension_notified_on is None:
        raise Refused(
            _("Give the day the municipality notified the extension."),
            field="extension_notified_on",
        )
    if not extension and extension_notified_on is not None:
        raise Refused(_("Choose the ground of the extension."), field="extension")
    if extension_notified_on is not None:
        _check_not_future(extension_notified_on, "extension_notified_on")
        _check_after_submission(request, extension_notified_on, "extension_notified_on")
    request.extension = extension
    request.extension_notified_on = extension_notified_on
    request.extension_days = extension_days
    request.save(update_fields=["extension", "extension_notified_on", "extension_days"])
    return request


def _check_answer(request, answer, answered_on, today):
    if answer not in Answer.values or answer == Answer.PENDING:
        raise Refused(_("Choose what the municipality answered."), field="answer")
    if answer == Answer.NONE:
        if today <= request_deadline(request):
            raise Refused(
                _(
                    "A request is left without an answer only once its deadline, %(deadline)s, "
                    "has passed."
                )
                % {"deadline": f"{request_deadline(request):%d.%m.%Y}"},
                field="answer",
            )
        if answered_on is not None:
            raise Refused(
                _("A request left without an answer has no date of answer."), field="answered_on"
            )
        return
    if answered_on is None:
        raise Refused(_("Give the date of the answer."), field="answered_on")
    _check_not_future(answered_on, "answered_on")
    _check_after_submission(request, answered_on, "answered_on")
    if request.clarified_on is not None and answered_on < request.clarified_on:
        raise Refused(
            _("The answer cannot be dated before the clarification."), field="answered_on"
        )


@transaction.atomic
def record_answer(
    request,
    *,
    user,
    answer,
    answered_on=None,
    answer_summary="",
    answer_file=None,
    answer_is_public=None,
):
    """Record the municipality's answer: its kind, date and summary, and the answer's document
    (an ``ivanovo_portal.uploads.CheckedFile``, kept with its SHA-256; a later one replaces it).
    Only a coordinator makes the document public (``answer_is_public``; None leaves it as it is)."""
    request = _locked(request)
    _check_may_change(request.round, user)
    _check_answer(request, answer, answered_on, timezone.localdate())
    if answer == Answer.NONE and (answer_file is not None or request.answer_file):
        raise Refused(
            _("A request left without an answer has no document of an answer."),
            field="answer_file",
        )
    publish = answer_is_public is not None and answer_is_public != request.answer_is_public
    if publish and not is_coordinator(user, request.round):
        raise Refused(
            _("Only the coordinator decides whether the answer is published."),
            field="answer_is_public",
        )
    before = tracked(request, ANSWER_FIELDS)
    if publish:
        request.answer_is_public = answer_is_public
    request.answer = answer
    request.answered_on = answered_on
    request.answer_summary = answer_summary
    if answer_file is not None:
        request.answer_file.save(
            f"{uuid.uuid4().hex}{answer_file.extension}",
            ContentFile(answer_file.data),
            save=False,
        )
        request.answer_sha256 = answer_file.sha256
    request.save()
    log_action(
        request,
        "monitoring.request_answer_recorded",
        user=user,
        changes=changed(before, request),
    )
    return request
