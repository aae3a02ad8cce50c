"""E-mails to the authors of online comments: the link to confirm a comment, and the outcome of
its moderation (published, or not and why). Sent by Celery workers (``tasks``), queued once the
change they tell of is committed; plain text in the portal's language, what people typed kept as
typed.

Once the author is told of the moderation the portal needs their address no more, and forgets
it (the personal-data register's promise, ``privacy``)."""

import logging

from django.conf import settings
from django.core.mail import EmailMessage, mailers
from django.db import models
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from ivanovo_portal.project import PROJECT

from . import links
from .models import Comment

logger = logging.getLogger(__name__)
Status = Comment.Status


class Notice(models.TextChoices):
    CONFIRM = "confirm"
    MODERATED = "moderated"


SUBJECTS = {
    Notice.CONFIRM: _("Confirm your comment on “%(title)s”"),
    (Notice.MODERATED, Status.PUBLISHED): _("Your comment on “%(title)s” is published"),
    (Notice.MODERATED, Status.REJECTED): _("Your comment on “%(title)s” is not published"),
}


def message(comment, notice):
    """The e-mail ``notice`` to ``comment``'s author, in the portal's language."""
    key = notice if notice == Notice.CONFIRM else (notice, comment.status)
    consultation = comment.consultation
    with translation.override(settings.LANGUAGE_CODE), timezone.override(settings.TIME_ZONE):
        subject = str(SUBJECTS[key]) % {"title": consultation.title}
        context = {
            "comment": comment,
            "consultation": consultation,
            "confirm_url": links.confirm_url(comment) if notice == Notice.CONFIRM else "",
            "confirm_days": links.CONFIRM_DAYS,
            "consultation_url": settings.PORTAL_URL + consultation.get_absolute_url(),
            "project": PROJECT,
            "portal_url": settings.PORTAL_URL,
        }
        body = render_to_string(f"consultations/comments/email/{notice}.txt", context)
    return EmailMessage(
        subject,
        body,
        to=[comment.email],
        reply_to=[PROJECT.beneficiary_email] if PROJECT.beneficiary_email else None,
    )


def _with_address(comment_id):
    return (
        Comment.objects.select_related("consultation", "section")
        .exclude(email="")
        .filter(pk=comment_id)
    )


def send_confirmation(comment_id):
    """Send the link to confirm a comment still unconfirmed; how many were sent, 0 or 1."""
    comment = _with_address(comment_id).filter(status=Status.UNCONFIRMED).first()
    if comment is None:
        return 0
    return mailers.default.send_messages([message(comment, Notice.CONFIRM)])


def send_moderated(comment_id):
    """Tell the author once that their comment was published or not, then forget the address.
    The comment is claimed before the e-mail goes and given back if it cannot be sent, for the
    task's next try; how many were sent, 0 or 1."""
    moderated = _with_address(comment_id).filter(
        status__in=(Status.PUBLISHED, Status.REJECTED), author_told_at__isnull=True
    )
    comment = moderated.first()
    if comment is None or not moderated.update(author_told_at=timezone.now()):
        return 0
    try:
        sent = mailers.default.send_messages([message(comment, Notice.MODERATED)])
    except Exception:
        Comment.objects.filter(pk=comment_id).update(author_told_at=None)
        raise
    Comment.objects.filter(pk=comment_id).update(email="")
    return sent


SENDERS = {Notice.CONFIRM: send_confirmation, Notice.MODERATED: send_moderated}
