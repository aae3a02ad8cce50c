"""Accessibility feedback waiting for its reply, earliest due first, on staff's landing page."""

from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from ivanovo_portal.accounts.awaiting import Item, Section

from .models import Feedback

LIMIT = 50


def feedback_to_answer(user):
    today = timezone.localdate()
    return [
        Item(
            title=str(feedback),
            url=feedback.get_absolute_url(),
            detail=gettext("About %(page)s, received on %(date)s")
            % {
                "page": feedback.page,
                "date": f"{timezone.localdate(feedback.received_at):%d.%m.%Y}",
            },
            due=feedback.reply_due,
            overdue=feedback.reply_due < today,
        )
        for feedback in Feedback.objects.unanswered()[:LIMIT]
    ]


FEEDBACK_TO_ANSWER = Section(
    title=_("Accessibility feedback to answer"),
    permission="accessibility.change_feedback",
    order=80,
    description=_("Reply to the person by the due date, then mark the feedback as answered."),
    items=feedback_to_answer,
)
