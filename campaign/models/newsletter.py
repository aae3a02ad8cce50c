"""The newsletter: subscribers who confirmed their address (double opt-in) with the settlement and
the activities they follow, the issues staff compose and send, and one delivery row per issue and
subscriber — the truth about what was sent, so that a redelivered task sends nobody anything
twice."""

import secrets

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from ivanovo_portal.documents.models import GeneratedDocument
from ivanovo_portal.fields import done_at, done_by
from ivanovo_portal.meetings.models import Meeting
from ivanovo_portal.places.models import Settlement
from ivanovo_portal.project import Activity

from .news import Article


def new_key():
    return secrets.token_urlsafe(24)


class SubscriberQuerySet(models.QuerySet):
    def confirmed(self):
        return self.filter(status=Subscriber.Status.CONFIRMED)


class Subscriber(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", _("Awaiting confirmation")
        CONFIRMED = "confirmed", _("Subscribed")
        UNSUBSCRIBED = "unsubscribed", _("Unsubscribed")

    # Stored in lower case: one row per address however it is typed.
    email = models.EmailField(_("e-mail address"), unique=True)
    settlement = models.ForeignKey(
        Settlement,
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
        verbose_name=_("settlement"),
        help_text=_("Empty for someone outside the municipality."),
    )
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.PENDING
    )
    # The secret behind the links in every e-mail (confirm, preferences, unsubscribe); replaced
    # when the person unsubscribes, so that old links stop working for anything but saying so.
    key = models.CharField(max_length=40, unique=True, default=new_key, editable=False)
    language = models.CharField(_("language"), max_length=8, default="bg")
    consented_at = models.DateTimeField(_("consent given"))
    confirmation_sent_at = done_at(_("confirmation sent at"))
    confirmed_at = done_at(_("confirmed at"))
    unsubscribed_at = done_at(_("unsubscribed at"))
    created_at = models.DateTimeField(auto_now_add=True)

    objects = SubscriberQuerySet.as_manager()

    class Meta:
        ordering = ["email"]
        verbose_name = _("newsletter subscriber")
        verbose_name_plural = _("newsletter subscribers")
        indexes = [models.Index(fields=["status"], name="subscriber_status")]

    def __str__(self):
        return self.email

    def topics(self):
        """The activities followed, as ``Activity`` members (from prefetched rows if any)."""
        followed = {topic.activity for topic in self.topic_rows.all()}
        return [activity for activity in Activity if activity.value in followed]


class SubscriberTopic(models.Model):
    """An activity a subscriber follows."""

    subscriber = models.ForeignKey(Subscriber, on_delete=models.CASCADE, related_name="topic_rows")
    activity = models.CharField(_("activity"), max_length=20, choices=Activity.choices)

    class Meta:
        verbose_name = _("topic of a subscriber")
        verbose_name_plural = _("topics of a subscriber")
        constraints = [
            models.UniqueConstraint(fields=["subscriber", "activity"], name="subscriber_topic_once")
        ]

    def __str__(self):
        return self.get_activity_display()


class NewsletterIssue(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SENDING = "sending", _("Sending")
        SENT = "sent", _("Sent")

    subject = models.CharField(_("subject"), max_length=200)
    intro = models.TextField(_("introduction"), blank=True, help_text=_("Markdown."))
    articles = models.ManyToManyField(Article, blank=True, related_name="+", verbose_name=_("news"))
    meetings = models.ManyToManyField(
        Meeting, blank=True, related_name="+", verbose_name=_("events")
    )
    publications = models.ManyToManyField(
        GeneratedDocument, blank=True, related_name="+", verbose_name=_("publications")
    )
    # Who receives it: subscribers following any of these activities (all when empty) and living
    # in any of these settlements (all, and those outside the municipality, when empty).
    topics = models.JSONField(_("topics"), default=list, blank=True)
    settlements = models.ManyToManyField(
        Settlement, blank=True, related_name="+", verbose_name=_("settlements")
    )
    status = models.CharField(
        _("status"), max_length=8, choices=Status.choices, default=Status.DRAFT
    )
    recipients = models.PositiveIntegerField(_("recipients"), null=True, editable=False)
    created_by = done_by()
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    queued_by = done_by(_("sent by"))
    queued_at = done_at(_("sending started"))
    finished_at = done_at(_("sending finished"))

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("newsletter issue")
        verbose_name_plural = _("newsletter issues")

    def __str__(self):
        return self.subject


class Delivery(models.Model):
    """One issue to one subscriber: queued, claimed by a worker (``sending``), then sent, bounced
    (the server refused the address) or failed (after the retries)."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("Queued")
        SENDING = "sending", _("Being sent")
        SENT = "sent", _("Sent")
        BOUNCED = "bounced", _("Bounced")
        FAILED = "failed", _("Failed")

    issue = models.ForeignKey(NewsletterIssue, on_delete=models.PROTECT, related_name="deliveries")
    # Empty once the subscriber's data is erased: the count of what was sent stays true.
    subscriber = models.ForeignKey(
        Subscriber, on_delete=models.SET_NULL, null=True, related_name="deliveries"
    )
    status = models.CharField(max_length=8, choices=Status.choices, default=Status.QUEUED)
    attempts = models.PositiveSmallIntegerField(default=0)
    claimed_at = done_at()
    sent_at = done_at()
    error = models.CharField(max_length=250, blank=True)

    class Meta:
        verbose_name = _("delivery")
        verbose_name_plural = _("deliveries")
        constraints = [
            models.UniqueConstraint(
                fields=["issue", "subscriber"],
                condition=Q(subscriber__isnull=False),
                name="delivery_once_per_subscriber",
            )
        ]
        indexes = [models.Index(fields=["issue", "status"], name="delivery_issue_status")]

    def __str__(self):
        return f"{self.issue} → {self.subscriber_id}"
