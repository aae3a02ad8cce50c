"""Comments on a consultation's document and proposals entered by staff, each one transaction.

An online comment is taken only while the comment period is open and stays unseen by the public
until its author confirms it by the signed link e-mailed to them (``links``) and staff publish it;
staff may instead reject it with a reason, and the author is told either way (``tasks.tell``,
queued once the change is committed). A proposal made at a meeting, on paper, by phone or by
e-mail is entered by staff against its section and published at once.

A comment is recorded once however often its form is sent: the consultation's row is locked while
the same text from the same address (or, for staff, from the same author by the same channel) is
looked for, so a double click or a page sent again gives back the comment already recorded.
"""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ivanovo_portal.audit.services import changed, created, log_action, tracked
from ivanovo_portal.refusals import Refused

from .. import links
from ..documents import Period
from ..emails import Notice
from ..models import Comment, Consultation
from ..tasks import tell

Status = Comment.Status
Channel = Comment.Channel
STAFF_CHANNELS = (Channel.MEETING, Channel.PAPER, Channel.PHONE, Channel.EMAIL)
# What the history shows of a proposal entered or moderated: never the author's name or address.
ENTERED_FIELDS = ("section", "channel", "meeting", "anonymous", "settlement", "group", "status")
MODERATION_FIELDS = ("status", "rejection", "moderation_note")
# A correction shows the text and the name as published too: both are public with the справка.
EDITED_FIELDS = (
    "section",
    "channel",
    "meeting",
    "anonymous",
    "settlement",
    "group",
    "text",
    "author_name",
)

NO_CONSENT = _("Tick the box to agree that we keep your details for this comment.")


def _locked(consultation):
    return Consultation.objects.select_for_update().get(pk=consultation.pk)


def _locked_comment(comment):
    return Comment.objects.select_for_update().select_related("consultation").get(pk=comment.pk)


def _check_period(consultation, *, closing_counts=True):
    """Refuse comments on a consultation not published, not open yet or (``closing_counts``)
    closed."""
    if not consultation.is_public():
        raise Refused(_("This consultation is not published."))
    period = Period.of(consultation)
    if period.state == "upcoming":
        raise Refused(
            _("Comments open on %(date)s.") % {"date": f"{consultation.opens_on:%d.%m.%Y}"}
        )
    if period.state == "closed" and closing_counts:
        raise Refused(
            _("The period for comments closed on %(date)s.")
            % {"date": f"{consultation.closes_on:%d.%m.%Y}"}
        )


def _check_section(consultation, section):
    if section is not None and section.version.consultation_id != consultation.pk:
        raise Refused(_("Choose a section of this document."), field="section")


def _author(consultation, author_name, anonymous):
    """The name to publish: none for an anonymous citizen, where the consultation allows them."""
    if anonymous:
        if not consultation.allows_anonymous:
            raise Refused(
                _("This consultation takes no anonymous comments: give a name or organisation."),
                field="anonymous",
            )
        return ""
    name = (author_name or "").strip()
    if not name:
        raise Refused(
            _("Type your name or your organisation's, or choose to appear as an anonymous citizen.")
            if consultation.allows_anonymous
            else _("Type your name or your organisation's."),
            field="author_name",
        )
    return name


def _text(text):
    text = (text or "").strip()
    if not text:
        raise Refused(_("Type your comment."), field="text")
    return text


@transaction.atomic
def comment(
    consultation,
    *,
    section=None,
    text,
    author_name="",
    anonymous=False,
    settlement,
    group,
    email,
    consent,
):
    """Take an online comment on ``section`` (None: the whole document) while the period is
    open, and e-mail its author the link to confirm it; the comment already recorded when the
    same text comes again from the same address."""
    consultation = _locked(consultation)
    _check_period(consultation)
    _check_section(consultation, section)
    text = _text(text)
    name = _author(consultation, author_name, anonymous)
    if settlement is None:
        raise Refused(_("Choose the settlement where you live."), field="settlement")
    if group is None:
        raise Refused(_("Choose how you take part."), field="group")
    email = (email or "").strip()
    if not email:
        raise Refused(
            _("Give your e-mail address: we send the link to confirm your comment there."),
            field="email",
        )
    if not consent:
        raise Refused(NO_CONSENT, field="consent")
    again = (
        consultation.comments.filter(section=section, email__iexact=email, text=text)
        .exclude(status=Status.REJECTED)
        .first()
    )
    if again is not None:
        return again
    recorded = Comment.objects.create(
        consultation=consultation,
        section=section,
        text=text,
        author_name=name,
        anonymous=anonymous,
        settlement=settlement,
        group=group,
        email=email,
        consented_at=timezone.now(),
        channel=Channel.ONLINE,
        status=Status.UNCONFIRMED,
    )
    tell(recorded, Notice.CONFIRM)
    return recorded


@transaction.atomic
def confirm(token):
    """Confirm the comment of an e-mailed link: it then awaits moderation. A link used again
    changes nothing; one the portal did not sign is refused, and so is one past
    ``links.CONFIRM_DAYS`` while its comment is still unconfirmed."""
    read = links.read_token(token)
    found = read and Comment.objects.select_for_update().filter(pk=read[0]).first()
    if not found:
        raise Refused(_("This link is not valid."))
    if found.status == Status.UNCONFIRMED:
        _comment_id, expired = read
        if expired:
            raise Refused(
                _(
                    "This link has expired: a comment not confirmed within %(days)s days is not "
                    "published. Please send your comment again."
                )
                % {"days": links.CONFIRM_DAYS}
            )
        found.status = Status.PENDING
        found.confirmed_at = timezone.now()
        found.save(update_fields=["status", "confirmed_at"])
    return found


def _check_pending(comment):
    if comment.status != Status.PENDING:
        raise Refused(
            _("Only a comment confirmed by its author and awaiting moderation can be moderated.")
        )


@transaction.atomic
def publish_comment(comment, *, user):
    """Publish a confirmed comment awaiting moderation; its author is told."""
    comment = _locked_comment(comment)
    _check_pending(comment)
    before = tracked(comment, MODERATION_FIELDS)
    comment.status = Status.PUBLISHED
    comment.moderated_by, comment.moderated_at = user, timezone.now()
    comment.save(update_fields=["status", "moderated_by", "moderated_at"])
    log_action(
        comment, "consultations.comment_published", user=user, changes=changed(before, comment)
    )
    tell(comment, Notice.MODERATED)
    return comment


@transaction.atomic
def reject_comment(comment, *, user, rejection, note=""):
    """Keep a confirmed comment unpublished for the reason ``rejection``, with a ``note`` to the
    author, who is told both."""
    comment = _locked_comment(comment)
    _check_pending(comment)
    if rejection not in Comment.Rejection.values or not rejection:
        raise Refused(_("Choose why the comment is not published."), field="rejection")
    before = tracked(comment, MODERATION_FIELDS)
    comment.status = Status.REJECTED
    comment.rejection, comment.moderation_note = rejection, (note or "").strip()
    comment.moderated_by, comment.moderated_at = user, timezone.now()
    comment.save(
        update_fields=["status", "rejection", "moderation_note", "moderated_by", "moderated_at"]
    )
    log_action(
        comment,
        "consultations.comment_rejected",
        user=user,
        changes=changed(before, comment),
        reason=comment.moderation_note,
    )
    tell(comment, Notice.MODERATED)
    return comment


def _check_meeting(consultation, channel, meeting):
    if channel not in STAFF_CHANNELS:
        raise Refused(_("Choose how the proposal was received."), field="channel")
    if channel == Channel.MEETING and meeting is None:
        raise Refused(_("Choose the meeting the proposal was made at."), field="meeting")
    if channel != Channel.MEETING and meeting is not None:
        raise Refused(_("A meeting goes only with a proposal made at a meeting."), field="meeting")
    if meeting is not None and meeting.consultation_id != consultation.pk:
        raise Refused(_("Choose a meeting of this consultation."), field="meeting")


@transaction.atomic
def add_proposal(
    consultation,
    *,
    user,
    channel,
    section=None,
    meeting=None,
    text,
    author_name="",
    anonymous=False,
    settlement=None,
    group=None,
):
    """Enter a proposal made at one of the consultation's ``meeting``s, on paper, by phone or by
    e-mail, published at once (staff took it in); until the справка is published. The proposal
    already entered when the same one comes again."""
    consultation = _locked(consultation)
    _check_period(consultation, closing_counts=False)
    if consultation.statement_published_at is not None:
        raise Refused(_("The справка is published: no more proposals can be added to it."))
    _check_section(consultation, section)
    _check_meeting(consultation, channel, meeting)
    text = _text(text)
    name = _author(consultation, author_name, anonymous)
    fields = {
        "section": section,
        "channel": channel,
        "meeting": meeting,
        "text": text,
        "author_name": name,
        "anonymous": anonymous,
    }
    again = consultation.comments.filter(status=Status.PUBLISHED, **fields).first()
    if again is not None:
        return again
    now = timezone.now()
    proposal = Comment.objects.create(
        consultation=consultation,
        settlement=settlement,
        group=group,
        entered_by=user,
        status=Status.PUBLISHED,
        moderated_by=user,
        moderated_at=now,
        **fields,
    )
    log_action(
        proposal,
        "consultations.proposal_entered",
        user=user,
        changes=created(proposal, ENTERED_FIELDS),
    )
    return proposal


@transaction.atomic
def update_proposal(
    comment,
    *,
    user,
    channel,
    section=None,
    meeting=None,
    text,
    author_name="",
    anonymous=False,
    settlement=None,
    group=None,
):
    """Correct a proposal staff entered (a typing mistake, the wrong section or meeting) until
    the справка is published; the history keeps what changed. An online comment is its author's
    own words and is never changed."""
    comment = _locked_comment(comment)
    consultation = comment.consultation
    if comment.channel == Channel.ONLINE:
        raise Refused(_("A comment sent online is its author's own words: it is not changed."))
    if consultation.statement_published_at is not None:
        raise Refused(_("The справка is published: its proposals are not changed any more."))
    _check_section(consultation, section)
    _check_meeting(consultation, channel, meeting)
    fields = {
        "channel": channel,
        "section": section,
        "meeting": meeting,
        "text": _text(text),
        "author_name": _author(consultation, author_name, anonymous),
        "anonymous": anonymous,
        "settlement": settlement,
        "group": group,
    }
    before = tracked(comment, EDITED_FIELDS)
    for name, value in fields.items():
        setattr(comment, name, value)
    comment.save(update_fields=list(fields))
    log_action(
        comment, "consultations.proposal_changed", user=user, changes=changed(before, comment)
    )
    return comment


# The audit history's words for what happens to comments.
ACTIONS = (
    ("consultations.comment_published", _("Comment published")),
    ("consultations.comment_rejected", _("Comment not published")),
    ("consultations.proposal_entered", _("Proposal entered by staff")),
    ("consultations.proposal_changed", _("Proposal corrected by staff")),
)
