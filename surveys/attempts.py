"""A respondent's attempt at a questionnaire, kept in the session until it is submitted.

An attempt holds its submission key (made when it starts and sent back with every page, so a double
submit or a reload records one response), what was typed on each page, the consent, and for a
questionnaire answered by invitation only that a code was redeemed for it (``invited``), never
which code.

What a session may hold is bounded, since anyone can post anything to an answering page: a page
keeps only the fields its form defines, each within what it may legitimately hold
(``question_fields.typed_answers``); a session holds at most ``MAX_ATTEMPTS`` questionnaires at
once and ``MAX_BYTES`` of attempts in all, the oldest attempts giving way to the one being
answered.

Once a response is recorded the attempt goes, and the session keeps only that this questionnaire
was answered from it (``RECORDED``: never the key, the time or anything that would find the
response): a page of those answers opened again with the browser's Back button then says they
were recorded, where it would show an empty form (a page sent again is known by its key).
Beginning again by choice (the questionnaire's "Start" button: someone else on the same phone)
forgets it.
"""

import json
import uuid

from .forms import question_fields

ATTEMPTS = "survey_attempts"
RECORDED = "survey_recorded"
MAX_ATTEMPTS = 5
MAX_RECORDED = 20
# What was typed, as UTF-8 JSON: some 50,000 Cyrillic letters, ten long answers written to the end.
MAX_BYTES = 100_000


def current(request, questionnaire):
    """The attempt at ``questionnaire`` in the session, or None."""
    return _held(request).get(str(questionnaire.pk))


def new(*, key=None, invited=False):
    """A fresh attempt (not yet in the session), with the key of its form if it has one."""
    return {
        "key": str(key or uuid.uuid4()),
        "data": {},
        "consented": False,
        "invited": invited,
        "show_errors": None,
    }


def start(request, questionnaire, *, invited=False):
    """Begin an attempt at ``questionnaire`` in the session, replacing any earlier one and
    forgetting that it was answered from this session before."""
    attempt = new(invited=invited)
    save(request, questionnaire, attempt)
    recorded = _recorded(request)
    if questionnaire.pk in recorded:
        request.session[RECORDED] = [pk for pk in recorded if pk != questionnaire.pk]
    return attempt


def save(request, questionnaire, attempt):
    """Keep ``attempt`` in the session. When the session would then hold too many attempts or
    too many bytes, the oldest other attempts go, those redeemed with a code last (a code
    cannot be used twice)."""
    held = _held(request)
    mine = str(questionnaire.pk)
    held[mine] = attempt
    others = sorted((pk for pk in held if pk != mine), key=lambda pk: bool(held[pk].get("invited")))
    while others and (len(held) > MAX_ATTEMPTS or _size(held) > MAX_BYTES):
        del held[others.pop(0)]
    request.session[ATTEMPTS] = held


def end(request, questionnaire, attempt, *, recorded=False):
    """Take the attempt out of the session once its response is ``recorded`` or refused."""
    attempt["ended"] = True
    held = _held(request)
    if held.pop(str(questionnaire.pk), None) is not None:
        request.session[ATTEMPTS] = held
    # Answered from this session last already: the session is not written again.
    if recorded and _recorded(request)[-1:] != [questionnaire.pk]:
        others = [pk for pk in _recorded(request) if pk != questionnaire.pk]
        request.session[RECORDED] = [*others[-(MAX_RECORDED - 1) :], questionnaire.pk]


def was_recorded(request, questionnaire):
    """Whether a response to ``questionnaire`` was recorded from this session (see above)."""
    return questionnaire.pk in _recorded(request)


def keep_typed(attempt, section, posted, *, settlements=None):
    """Replace what ``attempt`` holds for ``section`` with what was just sent, within what the
    section's fields may hold. False, leaving the attempt as it was, when the attempt would
    pass ``MAX_BYTES``."""
    replaced = set(question_fields.field_names_of(section, attempt["data"]))
    data = {name: values for name, values in attempt["data"].items() if name not in replaced}
    data |= question_fields.typed_answers(section, posted, settlements=settlements)
    if _size({**attempt, "data": data}) > MAX_BYTES:
        return False
    attempt["data"] = data
    return True


def posted_key(posted):
    """The submission key a page was sent with, or None when it carries none (or a broken one)."""
    try:
        return uuid.UUID(posted.get("submission_key", ""))
    except ValueError:
        return None


def key_of(attempt):
    """The attempt's submission key, as ``submit_response`` takes it."""
    return uuid.UUID(attempt["key"])


def take_consent(attempt, posted):
    """Keep whether the page sent agreed to the consent text, and which version it was shown
    (its hidden field)."""
    value = posted.get("consent_version", "")
    attempt["consented"] = posted.get("consent") == "on"
    attempt["consent_version"] = int(value) if value.isdecimal() and len(value) < 12 else None


def _held(request):
    return request.session.get(ATTEMPTS, {})


def _recorded(request):
    return request.session.get(RECORDED, [])


def _size(value):
    return len(json.dumps(value, ensure_ascii=False).encode())
