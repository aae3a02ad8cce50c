"""Recording answers (online, on paper, in interviews) within quotas and consent, handing out
invitation codes and discarding responses: each operation is one transaction."""

import secrets

from django.db import IntegrityError, transaction
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from ivanovo_portal import bulk
from ivanovo_portal.audit.services import log_action
from ivanovo_portal.places.models import Settlement
from ivanovo_portal.refusals import Refused

from ..models import (
    Answer,
    Channel,
    InvitationBatch,
    InvitationCode,
    Questionnaire,
    Quota,
    Response,
)
from ..selectors import counted_in_settlement, for_answering

# No 0/O, 1/I/L: a code copied from a slip by hand must not be misread.
CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
CODE_LENGTH = 8
MAX_BATCH = 1000
FULL_LABEL = gettext_lazy("%(settlement)s — all the responses needed have been collected")
FULL_MESSAGE = gettext_lazy(
    "All the responses needed from %(settlement)s have been collected, so answers from there are "
    "no longer taken. Thank you for wanting to take part."
)
CONSENT_CHANGED = gettext_lazy(
    "The consent text has changed since you agreed to it. Read it again and tick the box if you "
    "agree."
)


def normalise_code(code):
    """A code as typed (spaces, dashes, small letters) in the form it is stored."""
    return "".join(ch for ch in (code or "").upper() if ch.isalnum())


def refusal_for(questionnaire, channel):
    """Why ``questionnaire`` takes no answers through ``channel`` now, or "" when it does."""
    Status = Questionnaire.Status
    if questionnaire.status == Status.DRAFT:
        return _("This questionnaire is not published yet.")
    if channel != Channel.ONLINE:
        return ""  # paper forms and interviews arrive after the questionnaire closes
    if questionnaire.is_open:
        return ""
    opens_at = questionnaire.opens_at
    if questionnaire.status == Status.OPEN and opens_at and opens_at > timezone.now():
        return _("This questionnaire is not open yet.")
    return _("This questionnaire is closed and takes no more answers.")


def submit_response(
    questionnaire,
    answers,
    *,
    channel,
    submission_key,
    settlement=None,
    entered_by=None,
    form_number="",
    invited=False,
    consented=False,
    consent_version=None,
    suspect=False,
    filled_on=None,
    outside_conditions=(),
    answering=None,
):
    """Record one response with its ``answers`` (``NewAnswer``s, as the answering forms give
    them), once per ``submission_key``: (response, created).

    ``invited``: an invitation code was redeemed for this response beforehand
    (``redeem_invitation``), which an invitation-only questionnaire needs online. An online
    response from a settlement whose capped quota is full is refused (field "settlement").
    A respondent who ``consented`` agreed to ``consent_version``, which must be the text shown
    now (field "consent_version"); ``suspect`` marks a response sent in a burst (``surveys.abuse``).
    A paper form or an interview carries the day it was ``filled_on`` (``check_filled_on``), and
    may keep ``outside_conditions``: what it answered to questions its answers rule out, as
    ``{"code", "answer"}`` items, kept as written and never counted. ``answering`` is
    ``selectors.for_answering(questionnaire)`` when the caller has it already."""
    refusal = refusal_for(questionnaire, channel)
    if refusal:
        raise Refused(refusal)
    answering = answering or for_answering(questionnaire)
    if consented:
        check_consent(answering.consent, consent_version)
    if channel != Channel.ONLINE:
        check_filled_on(questionnaire, filled_on)
    if not invited and questionnaire.invitation_only and channel == Channel.ONLINE:
        raise Refused(
            _("This questionnaire is answered only with an invitation code."), field="invited"
        )
    form_number = (form_number or "").strip()
    if settlement is None:
        settlement_id = next((a.settlement_id for a in answers if a.settlement_id), None)
    else:
        settlement_id = settlement.pk
    response = Response(
        questionnaire=questionnaire,
        channel=channel,
        submission_key=submission_key,
        settlement_id=settlement_id,
        entered_by=entered_by if channel != Channel.ONLINE else None,
        form_number=form_number,
        consented=consented,
        consent_version=consent_version if consented else None,
        suspect=suspect,
        filled_on=filled_on if channel != Channel.ONLINE else None,
        outside_conditions=list(outside_conditions) if channel != Channel.ONLINE else [],
    )
    try:
        return _record(response, answers, capped=answering.capped)
    except IntegrityError:
        # The unique constraints decide between two submits at once: the key was recorded a
        # moment ago (return that response), or the paper form's number was.
        existing = Response.objects.filter(submission_key=submission_key).first()
        if existing is not None:
            return existing, False
        if form_number and _form_entered(questionnaire, form_number):
            raise _form_number_taken(form_number) from None
        # Otherwise an answer names an option or row deleted while the respondent answered.
        raise Refused(
            _(
                "The questionnaire was changed while you answered it: check your answers and "
                "send them again."
            ),
            field="answers",
        ) from None


def check_filled_on(questionnaire, day):
    """Refuse (by the field ``filled_on``) a missing day for a paper form or interview, one in
    the future, and one before the questionnaire opened (or, with no opening date set, before it
    was made: no form of it could be printed earlier)."""
    if day is None:
        raise Refused(
            _("Enter the date the form was filled in, as written on it."), field="filled_on"
        )
    if day > timezone.localdate():
        raise Refused(
            _("The date the form was filled in cannot be in the future."), field="filled_on"
        )
    opened = timezone.localdate(questionnaire.opens_at or questionnaire.created_at)
    if day < opened:
        raise Refused(
            _(
                "The questionnaire opened on %(date)s: a form cannot have been filled in "
                "before then. Check the date on the form."
            )
            % {"date": formats.date_format(opened, "d.m.Y")},
            field="filled_on",
        )


def _record(response, answers, *, capped):
    # ``capped`` as read as the request began: a cap staff set a moment later counts from the
    # next response on, as it would had this one come a moment earlier.
    if response.channel == Channel.ONLINE and response.settlement_id in capped:
        return _record_in_room(response, answers)
    # One statement, written whole or not at all.
    bulk.create_with(response, Answer, answers, link="response")
    return response, True


@transaction.atomic
def _record_in_room(response, answers):
    check_room(response)
    bulk.create_with(response, Answer, answers, link="response")
    return response, True


@transaction.atomic
def redeem_invitation(questionnaire, code):
    """Use the invitation code ``code`` of ``questionnaire`` now, as the respondent begins;
    refused (field "code") if there is no such code or it was used.

    Its own transaction: the response is written later in another, so no transaction id (or
    anything else) ties the two rows. The conditional update keeps the code single-use (of two
    browsers at once, the second finds it used); only the day of use is kept."""
    refusal = refusal_for(questionnaire, Channel.ONLINE)
    if refusal:
        raise Refused(refusal)
    found = InvitationCode.objects.filter(questionnaire=questionnaire, code=normalise_code(code))
    if found.filter(used_on__isnull=True).update(used_on=timezone.localdate()):
        return
    if found.exists():
        raise Refused(_("This invitation code has already been used."), field="code")
    raise Refused(_("There is no such invitation code for this questionnaire."), field="code")


def _form_entered(questionnaire, form_number):
    return Response.objects.filter(questionnaire=questionnaire, form_number=form_number).exists()


def _form_number_taken(form_number):
    return Refused(
        _("Form № %(number)s has already been entered for this questionnaire.")
        % {"number": form_number},
        field="form_number",
    )


def _new_code():
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


def create_invitations(questionnaire, *, count, label=""):
    """Make a batch labelled ``label`` of ``count`` new single-use codes for ``questionnaire``;
    returns the codes."""
    if not 1 <= count <= MAX_BATCH:
        raise Refused(
            _("Make from 1 to %(max)d codes at a time.") % {"max": MAX_BATCH}, field="count"
        )
    with transaction.atomic():
        batch = InvitationBatch.objects.create(questionnaire=questionnaire, label=label.strip())
        codes = set()
        while len(codes) < count:
            wanted = {_new_code() for _ in range(count - len(codes))}
            taken = set(
                InvitationCode.objects.filter(code__in=wanted).values_list("code", flat=True)
            )
            codes |= wanted - taken
        return InvitationCode.objects.bulk_create(
            InvitationCode(questionnaire=questionnaire, batch=batch, code=code)
            for code in sorted(codes)
        )


@transaction.atomic
def discard_responses(responses, *, by, reason):
    """Keep ``responses`` (a queryset) out of results, progress, reports and exports from now on,
    recording who discarded them, when and why; the rows stay until the retention period ends.
    Refuses a blank reason, and all of them when one is discarded already. The number discarded.
    """
    reason = (reason or "").strip()
    if not reason:
        raise Refused(
            _("Write why the responses are discarded: the reason stays on record."),
            field="reason",
        )
    ids = list(responses.values_list("pk", flat=True))
    if not ids:
        raise Refused(_("There are no responses to discard here."))
    locked = Response.objects.select_for_update().filter(pk__in=ids).order_by("pk")
    already = [str(pk) for pk, at in locked.values_list("pk", "discarded_at") if at is not None]
    if already:
        raise Refused(
            ngettext(
                "Response № %(numbers)s has already been discarded.",
                "Responses № %(numbers)s have already been discarded.",
                len(already),
            )
            % {"numbers": ", ".join(already)}
        )
    count = Response.objects.filter(pk__in=ids).update(
        discarded_at=timezone.now(), discarded_by=by, discard_reason=reason
    )
    numbers = {}
    for questionnaire_id, pk in locked.values_list("questionnaire_id", "pk"):
        numbers.setdefault(questionnaire_id, []).append(str(pk))
    for questionnaire in Questionnaire.objects.filter(pk__in=numbers):
        log_action(
            questionnaire,
            "questionnaire.responses_discarded",
            user=by,
            changes={"responses": ["", ", ".join(numbers[questionnaire.pk])]},
            reason=reason,
        )
    return count


def check_consent(current, version):
    """Refuse consent to ``version`` when it is no longer ``current``, the text respondents are
    shown now (``selectors.current_consent``, as ``for_answering`` read it)."""
    if current is not None and (version is None or version.pk != current.pk):
        raise Refused(CONSENT_CHANGED, field="consent_version")


def check_room(response):
    """Refuse the unsaved online ``response`` when its settlement's capped quota is full.

    Call it in the transaction that saves the response: the quota's row stays locked until that
    transaction ends, so a second answer for the last place waits and then counts the first."""
    if response.settlement_id is None:
        return
    quota = (
        Quota.objects.select_for_update()
        .filter(questionnaire=response.questionnaire, settlement=response.settlement_id, cap=True)
        .order_by()  # the default order joins the settlement, whose row must not be locked
        .first()
    )
    if quota is None:
        return
    if Response.objects.filter(submission_key=response.submission_key).exists():
        return  # the same form sent again: submit_response finds the response it recorded
    if (
        counted_in_settlement(response.questionnaire, response.settlement_id).count()
        >= quota.target
    ):
        name = Settlement.objects.get(pk=response.settlement_id).display_name
        raise Refused(FULL_MESSAGE % {"settlement": name}, field="settlement")
