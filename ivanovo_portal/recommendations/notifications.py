"""E-mails to the municipal officials about the letters they are to answer: one when a letter is
filed, and one reminder before its answer falls due. Each is sent once, however often its task
runs: the letter's row is claimed first (a conditional update), and given back if sending fails.

Plain text only, in the portal's language: what staff typed (a title) goes in as it was typed.
"""

import logging
from datetime import timedelta

from django.conf import settings
from django.core.mail import EmailMessage, mailers
from django.db.models import Exists, F, OuterRef, Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext

from ivanovo_portal.accounts.models import User
from ivanovo_portal.accounts.roles import Role

from .models import Recommendation, RegistrySubmission

logger = logging.getLogger(__name__)


def official_addresses():
    """The e-mail addresses of the active municipal officials."""
    return list(
        User.objects.filter(is_active=True, groups__name=Role.MUNICIPAL_OFFICIAL)
        .exclude(email="")
        .order_by("pk")
        .values_list("email", flat=True)
        .distinct()
    )


def _send(letter, template, subject):
    """Send ``template`` about ``letter`` to each official on their own; how many were sent."""
    recipients = official_addresses()
    if not recipients:
        logger.warning("No municipal official has an e-mail address: %s not sent", template)
        return 0
    with translation.override(settings.LANGUAGE_CODE):
        body = render_to_string(
            template,
            {
                "letter": letter,
                "recommendations": letter.recommendations.awaiting_answer().order_by("number"),
                "inbox_url": settings.PORTAL_URL + reverse("accounts:awaiting"),
                "portal_url": settings.PORTAL_URL,
            },
        )
        subject = subject % {
            "number": letter.outgoing_number,
            "date": letter.outgoing_date.strftime("%d.%m.%Y"),
            "due": letter.answer_due.strftime("%d.%m.%Y"),
        }
    messages = [EmailMessage(subject, body, to=[address]) for address in recipients]
    return mailers.default.send_messages(messages)


def send_filing_notice(letter_id):
    """Tell the officials that a letter of recommendations was filed and when its answer is due;
    nothing if they were told already."""
    claimed = RegistrySubmission.objects.filed().filter(
        pk=letter_id, filing_notice_sent_at__isnull=True
    )
    if not claimed.update(filing_notice_sent_at=timezone.now()):
        return 0
    letter = RegistrySubmission.objects.get(pk=letter_id)
    try:
        return _send(
            letter,
            "recommendations/email/letter_filed.txt",
            gettext("Recommendations filed with the municipality: letter No. %(number)s"),
        )
    except Exception:
        RegistrySubmission.objects.filter(pk=letter_id).update(filing_notice_sent_at=None)
        raise


def letters_to_remind(today=None):
    """Filed letters with recommendations still unanswered whose answer falls due within
    ``RECOMMENDATIONS_REMINDER_DAYS`` and that no reminder for that due date has gone out for."""
    today = today or timezone.localdate()
    unanswered = Recommendation.objects.awaiting_answer().filter(submissions=OuterRef("pk"))
    return (
        RegistrySubmission.objects.filed()
        .filter(
            Exists(unanswered),
            answer_due__gte=today,
            answer_due__lte=today + timedelta(days=settings.RECOMMENDATIONS_REMINDER_DAYS),
        )
        .filter(Q(reminder_sent_for__isnull=True) | ~Q(reminder_sent_for=F("answer_due")))
    )


def send_answer_reminders(today=None):
    """Remind the officials of each answer falling due soon, once per letter and due date; how
    many letters they were reminded of. A letter whose e-mail fails is tried again next run."""
    reminded = 0
    for letter in letters_to_remind(today):
        claimed = letters_to_remind(today).filter(pk=letter.pk, answer_due=letter.answer_due)
        if not claimed.update(reminder_sent_for=letter.answer_due):
            continue  # another run took it meanwhile
        try:
            _send(
                letter,
                "recommendations/email/answer_reminder.txt",
                gettext("The municipality's answer to letter No. %(number)s is due on %(due)s"),
            )
        except Exception:
            logger.exception("Could not send the reminder for letter %s", letter.pk)
            RegistrySubmission.objects.filter(pk=letter.pk).update(
                reminder_sent_for=letter.reminder_sent_for
            )
            continue
        reminded += 1
    return reminded
