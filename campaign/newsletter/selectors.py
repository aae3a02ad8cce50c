"""Reads of the newsletter: who an issue goes to, what was sent, and what staff may put in an
issue."""

from django.db.models import Count, Exists, OuterRef, Q

from ivanovo_portal.documents.selectors import publications
from ivanovo_portal.meetings.models import Meeting

from ..models import Article, Delivery, NewsletterIssue, Subscriber, SubscriberTopic

Status = Delivery.Status
# What the report counts as still to go: not claimed yet, or being sent now.
PENDING = (Status.QUEUED, Status.SENDING)


def audience(topics, settlements):
    """The confirmed subscribers who follow any of ``topics`` (activity values; all subscribers
    when empty) and live in any of ``settlements`` (everyone, those outside the municipality
    too, when empty)."""
    chosen = Subscriber.objects.confirmed()
    if topics:
        follows = SubscriberTopic.objects.filter(subscriber=OuterRef("pk"), activity__in=topics)
        chosen = chosen.filter(Exists(follows))
    if settlements:
        chosen = chosen.filter(settlement__in=settlements)
    return chosen


def audience_of(issue):
    """The confirmed subscribers ``issue`` would go to now."""
    return audience(issue.topics, list(issue.settlements.all()))


def delivery_counts(issue):
    """The issue's deliveries by status, every status present (0 when none), and ``pending``
    for those queued or being sent."""
    counted = dict(
        issue.deliveries.values_list("status").annotate(n=Count("pk")).values_list("status", "n")
    )
    counts = {status: counted.get(status, 0) for status in Status.values}
    counts["pending"] = sum(counts[status] for status in PENDING)
    counts["total"] = sum(counted.values())
    return counts


def failures(issue, limit=10):
    """The reasons deliveries bounced or failed, the most frequent first, with their counts."""
    return (
        issue.deliveries.filter(status__in=(Status.BOUNCED, Status.FAILED))
        .values("status", "error")
        .annotate(n=Count("pk"))
        .order_by("-n", "error")[:limit]
    )


def issues():
    """Every issue, the latest first, with its deliveries counted by outcome."""
    return NewsletterIssue.objects.select_related("queued_by").annotate(
        sent_count=Count("deliveries", filter=Q(deliveries__status=Status.SENT)),
        undelivered_count=Count(
            "deliveries", filter=Q(deliveries__status__in=(Status.BOUNCED, Status.FAILED))
        ),
    )


def subscriber_counts():
    """How many addresses are subscribed, awaiting confirmation and unsubscribed (not yet
    deleted)."""
    counted = dict(
        Subscriber.objects.values_list("status").annotate(n=Count("pk")).values_list("status", "n")
    )
    return {status: counted.get(status, 0) for status in Subscriber.Status.values}


def issue_items(issue):
    """What ``issue`` holds, as its e-mail lists it: published news, public events and public
    documents among those chosen (one chosen and unpublished since is left out)."""
    chosen_documents = set(issue.publications.values_list("pk", flat=True))
    return {
        "articles": list(
            Article.objects.published()
            .filter(pk__in=issue.articles.all())
            .order_by("-published_at")
        ),
        "meetings": list(
            Meeting.objects.public()
            .filter(pk__in=issue.meetings.all())
            .select_related("settlement", "campaign_event__meeting")
            .order_by("starts_at")
        ),
        "publications": [
            publication
            for publication in publications()
            if publication.document.pk in chosen_documents
        ],
    }


def article_choices():
    return Article.objects.published().order_by("-published_at")


def meeting_choices():
    return Meeting.objects.public().order_by("-starts_at")


def publication_choices():
    """The public documents an issue may link, as (document number, title)."""
    return [(p.document.pk, p.document.title) for p in publications()]
