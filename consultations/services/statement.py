"""The справка (ЗНА чл. 26, ал. 5): a decision with its reasons on every published proposal, then
the справка published once the comment period has closed and no proposal is left without one.
Each operation is one transaction, recorded in the history."""

from django.conf import settings
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from ivanovo_portal.audit.services import changed, log_action, tracked
from ivanovo_portal.documents.services import request_document
from ivanovo_portal.refusals import Refused

from ..models import Comment, Consultation
from ..statement import publish_refusal
from ..statement_pdf import STATEMENT_KIND

Decision = Comment.Decision
# Decisions that must say why (ЗНА чл. 26, ал. 5: the reasons for what is not accepted).
NEEDS_REASON = {Decision.NOT_ACCEPTED, Decision.PARTLY}
DECISION_FIELDS = ("decision", "decision_reason")
STAFF = "consultations.moderate_comment"
OFFICIAL = "consultations.view_comment"


def may_decide(user, consultation):
    """Whether ``user`` records decisions in the справка of ``consultation``: staff always,
    officials where staff gave them that part."""
    if user.has_perm(STAFF):
        return True
    return consultation.officials_decide and user.has_perm(OFFICIAL)


@transaction.atomic
def decide(comment, *, user, decision, reason):
    """Record the decision on a published proposal with its reasons, required where it is not
    (or only partly) accepted; refused once the справка is published."""
    comment = Comment.objects.select_for_update().select_related("consultation").get(pk=comment.pk)
    consultation = comment.consultation
    if not may_decide(user, consultation):
        raise Refused(_("Only the project team records decisions in this справка."))
    if comment.status != Comment.Status.PUBLISHED:
        raise Refused(_("A decision is recorded only on a published proposal."))
    if consultation.statement_published_at is not None:
        raise Refused(_("The справка is published: its decisions no longer change."))
    if decision not in Decision.values or decision == Decision.NONE:
        raise Refused(_("Choose the decision."), "decision")
    reason = reason.strip()
    if decision in NEEDS_REASON and not reason:
        raise Refused(
            _("Give the reasons why the proposal is not accepted or only partly."), "reason"
        )
    before = tracked(comment, DECISION_FIELDS)
    comment.decision = decision
    comment.decision_reason = reason
    comment.decided_by = user
    comment.decided_at = timezone.now()
    comment.save(update_fields=[*DECISION_FIELDS, "decided_by", "decided_at"])
    log_action(
        comment, "consultations.decision_recorded", user=user, changes=changed(before, comment)
    )
    return comment


@transaction.atomic
def publish_statement(consultation, *, user):
    """Publish the справка, dated now, and render its PDF, listed among the publications."""
    consultation = Consultation.objects.select_for_update().get(pk=consultation.pk)
    if consultation.statement_published_at is not None:
        return consultation
    refusal = publish_refusal(consultation)
    if refusal:
        raise Refused(refusal)
    before = tracked(consultation, ("statement_published_at",))
    consultation.statement_published_at = timezone.now()
    consultation.save(update_fields=["statement_published_at", "updated_at"])
    log_action(
        consultation,
        "consultations.statement_published",
        user=user,
        changes=changed(before, consultation),
    )
    request_statement_pdf(consultation, user=user)
    return consultation


def request_statement_pdf(consultation, *, user):
    """Queue (again) the rendering of the справка's PDF."""
    return request_document(
        consultation, STATEMENT_KIND, user=user, title=statement_title(consultation)
    )


def statement_title(consultation):
    """The справка's title, in the portal's language whoever asks for the PDF."""
    with translation.override(settings.LANGUAGE_CODE):
        return str(_("Справка on the proposals: %(title)s") % {"title": consultation.title})
