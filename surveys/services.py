"""Recording answers and handing out invitation codes: each operation is one transaction."""

import secrets

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from .models import Answer, Channel, InvitationBatch, InvitationCode, Questionnaire, Response

# No 0/O, 1/I/L: a code copied from a slip by hand must not be misread.
CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
CODE_LENGTH = 8
MAX_BATCH = 1000


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
    invitation=None,
    consented=False,
):
    """Record one response with its answers, once per ``submission_key``: (response, created)."""
    refusal = refusal_for(questionnaire, channel)
    if refusal:
        raise ValidationError(refusal, code="closed")
    if invitation is None and questionnaire.invitation_only and channel == Channel.ONLINE:
        raise ValidationError(
            _("This questionnaire is answered only with an invitation code."), code="code"
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
    )
    try:
        return _record(response, answers, invitation)
    except IntegrityError:
        # The unique constraints decide between two submits at once: the key was recorded a
        # moment ago (return that response), or the paper form's number was.
        existing = Response.objects.filter(submission_key=submission_key).first()
        if existing is not None:
            return existing, False
        if form_number and _form_entered(questionnaire, form_number):
            raise _form_number_taken(form_number) from None
        # Otherwise an answer names an option or row deleted while the respondent answered.
        raise ValidationError(
            _(
                "The questionnaire was changed while you answered it: check your answers and "
                "send them again."
            ),
            code="changed",
        ) from None


@transaction.atomic
def _record(response, answers, invitation):
    # The response goes in before the code is marked: a second submit of the same form waits
    # on the submission key's unique index and then finds this response (see submit_response),
    # instead of being told that its own code is used.
    response.save(force_insert=True)
    for answer in answers:
        answer.response = response
    Answer.objects.bulk_create(answers)
    if invitation is not None:
        _use_invitation(response.questionnaire, invitation)
    return response, True


def _use_invitation(questionnaire, invitation):
    """Mark ``invitation`` used for ``questionnaire``, once; ValidationError if it cannot be.

    Nothing ties the code to the response: the conditional update alone keeps it single-use
    (of two submits at once, the second finds it used), and only the day of use is kept.
    """
    if invitation.questionnaire_id != questionnaire.pk:
        raise ValidationError(_("This code is not for this questionnaire."), code="code")
    marked = InvitationCode.objects.filter(pk=invitation.pk, used_on__isnull=True).update(
        used_on=timezone.localdate()
    )
    if not marked:
        raise ValidationError(_("This invitation code has already been used."), code="code")


def _form_entered(questionnaire, form_number):
    return Response.objects.filter(questionnaire=questionnaire, form_number=form_number).exists()


def _form_number_taken(form_number):
    return ValidationError(
        {
            "form_number": _("Form № %(number)s has already been entered for this questionnaire.")
            % {"number": form_number}
        },
        code="form_number",
    )


def invitation_for(questionnaire, code):
    """The unused invitation code ``code`` of ``questionnaire``; ValidationError if it is not."""
    found = InvitationCode.objects.filter(
        questionnaire=questionnaire, code=normalise_code(code)
    ).first()
    if found is None:
        raise ValidationError(_("There is no such invitation code for this questionnaire."))
    if found.used_on is not None:
        raise ValidationError(_("This invitation code has already been used."))
    return found


def _new_code():
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


def create_invitations(questionnaire, *, count, label=""):
    """Make a batch labelled ``label`` of ``count`` new single-use codes for ``questionnaire``;
    returns the codes."""
    if not 1 <= count <= MAX_BATCH:
        raise ValidationError(
            {"count": _("Make from 1 to %(max)d codes at a time.") % {"max": MAX_BATCH}}
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
