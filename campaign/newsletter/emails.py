"""The newsletter's e-mails: the link to confirm a subscription, the note to an address that is
already subscribed (the form answers everyone alike, so the mailbox is told instead), and an
issue as one subscriber receives it.

Each names the sender, says why the person receives it and how to stop; an issue carries the
preferences and unsubscribe links and the ``List-Unsubscribe`` headers of RFC 2369 and 8058, and a
Message-ID fixed by its delivery, so that a message sent again after a worker died is recognisable
as the same one. In the portal's language; what people typed is kept as typed (plain text, and
escaped in the HTML version)."""

import email.policy
from urllib.parse import urlsplit

from django.conf import settings
from django.core.mail import EmailMessage, EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from ivanovo_portal.markdown import render as markdown
from ivanovo_portal.meetings.emails import when
from ivanovo_portal.project import PROJECT, Activity

from . import links
from .selectors import issue_items

CONFIRM_SUBJECT = _("Confirm your subscription to the newsletter of “%(title)s”")
SUBSCRIBED_SUBJECT = _("You are already subscribed to the newsletter of “%(title)s”")


def _reply_to():
    return [PROJECT.beneficiary_email] if PROJECT.beneficiary_email else None


def _portal_host():
    return urlsplit(settings.PORTAL_URL).hostname or "localhost"


def _subscription_message(subscriber, subject, template, **context):
    with translation.override(settings.LANGUAGE_CODE), timezone.override(settings.TIME_ZONE):
        body = render_to_string(
            f"campaign/email/{template}.txt",
            {"subscriber": subscriber, "project": PROJECT, "portal_url": settings.PORTAL_URL}
            | context,
        )
        subject = str(subject) % {"title": PROJECT.title}
    return EmailMessage(subject, body, to=[subscriber.email], reply_to=_reply_to())


def confirmation(subscriber):
    """The e-mail with the link that confirms ``subscriber``'s address."""
    return _subscription_message(
        subscriber,
        CONFIRM_SUBJECT,
        "newsletter_confirm",
        confirm_url=links.confirm_url(subscriber),
        confirm_days=links.CONFIRM_DAYS,
    )


def already_subscribed(subscriber):
    """The e-mail to an address that asked to subscribe while subscribed already."""
    return _subscription_message(
        subscriber,
        SUBSCRIBED_SUBJECT,
        "newsletter_subscribed",
        preferences_url=links.preferences_url(subscriber),
        unsubscribe_url=links.unsubscribe_url(subscriber),
    )


def _page_of(meeting):
    """The round table's and the conference's own page; the meetings' page of any other."""
    event = getattr(meeting, "campaign_event", None)
    return (event or meeting).get_absolute_url()


def issue_content(issue):
    """What every copy of ``issue`` shares, rendered once for a batch of messages: its subject
    and the body of both versions, with the links to the news, events and publications."""
    with translation.override(settings.LANGUAGE_CODE), timezone.override(settings.TIME_ZONE):
        items = issue_items(issue)
        context = {
            "issue": issue,
            "intro_html": markdown(issue.intro),
            "articles": [
                {"item": article, "url": settings.PORTAL_URL + article.get_absolute_url()}
                for article in items["articles"]
            ],
            "meetings": [
                {
                    "item": meeting,
                    "url": settings.PORTAL_URL + _page_of(meeting),
                    "when": when(meeting),
                }
                for meeting in items["meetings"]
            ],
            "publications": [
                {
                    "item": publication.document,
                    "url": settings.PORTAL_URL
                    + reverse("campaign:publication", args=[publication.document.pk]),
                }
                for publication in items["publications"]
            ],
            "project": PROJECT,
        }
        return {
            "issue": issue,
            "text": render_to_string("campaign/email/newsletter_issue_body.txt", context),
            "html": render_to_string("campaign/email/newsletter_issue_body.html", context),
        }


class ListMessage(EmailMultiAlternatives):
    """A message of the list whose headers are never folded: folding would write the long
    ``List-Unsubscribe`` address as an encoded word, which mail programs do not read as one.
    RFC 5322 allows lines up to 998 characters."""

    def message(self, *, policy=email.policy.default):
        return super().message(policy=policy.clone(max_line_length=998))


def message_id(issue_id, delivery_id):
    """The Message-ID of one delivery: the same every time it is sent."""
    return f"<newsletter.{issue_id}.{delivery_id}@{_portal_host()}>"


def issue_message(content, subscriber, *, delivery_id=None):
    """An issue (its ``issue_content``) as ``subscriber`` receives it: the body with the footer
    saying why they receive it and how to stop; a preview when there is no delivery."""
    issue = content["issue"]
    with translation.override(settings.LANGUAGE_CODE):
        context = {
            "issue": issue,
            "subscriber": subscriber,
            "topics": [
                str(topic.label)
                for topic in (subscriber.topics() if subscriber.pk else preview_topics(issue))
            ],
            "preferences_url": links.preferences_url(subscriber),
            "unsubscribe_url": links.unsubscribe_url(subscriber),
            "project": PROJECT,
            "portal_url": settings.PORTAL_URL,
        }
        text = render_to_string(
            "campaign/email/newsletter_issue.txt", context | {"body": content["text"]}
        )
        html = render_to_string(
            "campaign/email/newsletter_issue.html", context | {"body": content["html"]}
        )
        list_name = gettext("Newsletter")
    host = _portal_host()
    headers = {
        "List-Id": f"{list_name} <newsletter.{host}>",
        "List-Unsubscribe": f"<{links.one_click_url(subscriber)}>",
        "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        # Not a reply to anyone: auto-responders leave it alone (RFC 3834).
        "Auto-Submitted": "auto-generated",
        "Precedence": "list",
    }
    if delivery_id is not None:
        headers["Message-ID"] = message_id(issue.pk, delivery_id)
    message = ListMessage(
        issue.subject, text, to=[subscriber.email], reply_to=_reply_to(), headers=headers
    )
    message.attach_alternative(html, "text/html")
    return message


def preview_topics(issue):
    """The topics the preview's stand-in subscriber follows: the issue's (every one when the
    issue goes to all)."""
    return [activity for activity in Activity if not issue.topics or activity in issue.topics]
