"""Staff composing an issue and sending it.

Sending is one transaction: it freezes the audience — a delivery row for each subscriber
confirmed at that moment who matches the issue's topics and settlements — and, once committed,
hands the rows to the workers (``sending``). The rows, not the queue, are the truth about what
was sent."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ivanovo_portal.audit.services import changed, log_action, tracked
from ivanovo_portal.refusals import Refused

from .. import tasks
from ..models import Delivery, NewsletterIssue
from .selectors import audience_of

Status = NewsletterIssue.Status
TRACKED = ("subject", "intro")
BATCH = 2000


def _locked(issue):
    return NewsletterIssue.objects.select_for_update().get(pk=issue.pk)


def _refuse_unless_draft(issue):
    if issue.status != Status.DRAFT:
        raise Refused(_("This issue has been sent: it can no longer be changed."))


def _fill(issue, subject, intro, articles, meetings, publications, topics, settlements):
    issue.subject, issue.intro, issue.topics = subject, intro, list(topics)
    issue.save()
    issue.articles.set(articles)
    issue.meetings.set(meetings)
    issue.publications.set(publications)
    issue.settlements.set(settlements)


@transaction.atomic
def create_issue(*, user, **content):
    """A new draft issue with ``content`` (subject, intro, the news, events and publications it
    links, the topics and settlements of its audience)."""
    issue = NewsletterIssue(created_by=user)
    _fill(issue, **content)
    log_action(issue, "campaign.newsletter_created", user=user)
    return issue


@transaction.atomic
def update_issue(issue, *, user, **content):
    """Change a draft issue."""
    issue = _locked(issue)
    _refuse_unless_draft(issue)
    before = tracked(issue, TRACKED)
    _fill(issue, **content)
    log_action(issue, "campaign.newsletter_changed", user=user, changes=changed(before, issue))
    return issue


@transaction.atomic
def send_issue(issue, *, user):
    """Queue ``issue`` to every confirmed subscriber of its audience now, once: a delivery row
    each, then the workers send them at the steady rate. Refused for an issue sent already, one
    with nothing in it, or one nobody would receive."""
    issue = _locked(issue)
    _refuse_unless_draft(issue)
    if not (
        issue.intro.strip()
        or issue.articles.exists()
        or issue.meetings.exists()
        or issue.publications.exists()
    ):
        raise Refused(_("Write an introduction or choose news, events or publications first."))
    recipients = audience_of(issue).values_list("pk", flat=True).order_by("pk")
    count = last = 0
    # In slices by number, so that memory stays small however long the list.
    while chunk := list(recipients.filter(pk__gt=last)[:BATCH]):
        Delivery.objects.bulk_create(Delivery(issue=issue, subscriber_id=pk) for pk in chunk)
        count, last = count + len(chunk), chunk[-1]
    if not count:
        raise Refused(_("No confirmed subscriber follows these topics in these settlements."))
    issue.status, issue.recipients = Status.SENDING, count
    issue.queued_by, issue.queued_at = user, timezone.now()
    issue.save(update_fields=["status", "recipients", "queued_by", "queued_at", "updated_at"])
    log_action(
        issue,
        "campaign.newsletter_sent",
        user=user,
        changes={"status": [str(Status.DRAFT.label), str(Status.SENDING.label)]},
        reason=_("Recipients: %(count)s") % {"count": count},
    )
    tasks.start_sending(issue.pk)
    return issue
