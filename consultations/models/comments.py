"""What people propose: comments on the document or one of its sections, online (confirmed by
e-mail, then moderated) or entered by staff from a meeting, paper or a phone call; each proposal
gets a decision in the справка (ЗНА чл. 26, ал. 5)."""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from ivanovo_portal.fields import done_at, done_by
from ivanovo_portal.places.models import Settlement, StakeholderGroup

from .documents import Consultation, ConsultationMeeting, Section


class CommentQuerySet(models.QuerySet):
    def published(self):
        return self.filter(status=Comment.Status.PUBLISHED)


class Comment(models.Model):
    class Channel(models.TextChoices):
        ONLINE = "online", _("online")
        MEETING = "meeting", _("at a meeting")
        PAPER = "paper", _("on paper")
        PHONE = "phone", _("by phone")
        EMAIL = "email", _("by e-mail or letter")

    class Status(models.TextChoices):
        UNCONFIRMED = "unconfirmed", _("Awaiting the e-mail confirmation")
        PENDING = "pending", _("Awaiting moderation")
        PUBLISHED = "published", _("Published")
        REJECTED = "rejected", _("Not published")

    class Rejection(models.TextChoices):
        NONE = "", _("—")
        PERSONAL_DATA = "personal_data", _("it contains personal data of others")
        OFFENSIVE = "offensive", _("it is offensive")
        OFF_TOPIC = "off_topic", _("it is not about the document")
        SPAM = "spam", _("it is advertising or spam")
        DUPLICATE = "duplicate", _("it repeats another comment")

    class Decision(models.TextChoices):
        NONE = "", _("not decided yet")
        ACCEPTED = "accepted", _("accepted")
        PARTLY = "partly", _("partly accepted")
        NOT_ACCEPTED = "not_accepted", _("not accepted")
        TAKEN_INTO_ACCOUNT = "noted", _("taken into account")

    consultation = models.ForeignKey(
        Consultation, on_delete=models.PROTECT, related_name="comments"
    )
    section = models.ForeignKey(
        Section,
        on_delete=models.PROTECT,
        related_name="comments",
        null=True,
        blank=True,
        verbose_name=_("section"),
        help_text=_("Empty for a comment on the whole document."),
    )
    text = models.TextField(_("comment"))
    author_name = models.CharField(_("name or organisation"), max_length=200, blank=True)
    anonymous = models.BooleanField(_("shown as an anonymous citizen"), default=False)
    settlement = models.ForeignKey(
        Settlement,
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
        verbose_name=_("settlement"),
    )
    group = models.ForeignKey(
        StakeholderGroup,
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
        verbose_name=_("taking part as"),
    )
    email = models.EmailField(_("e-mail address"), blank=True, help_text=_("Never published."))
    consented_at = models.DateTimeField(_("consent given"), null=True, blank=True)
    channel = models.CharField(
        _("received"), max_length=8, choices=Channel.choices, default=Channel.ONLINE
    )
    meeting = models.ForeignKey(
        ConsultationMeeting,
        on_delete=models.PROTECT,
        related_name="proposals",
        null=True,
        blank=True,
        verbose_name=_("raised at the meeting"),
    )
    entered_by = done_by(_("entered by"))
    status = models.CharField(_("status"), max_length=12, choices=Status.choices)
    confirmed_at = done_at(_("confirmed at"))
    rejection = models.CharField(
        _("why not published"), max_length=14, choices=Rejection.choices, default="", blank=True
    )
    moderation_note = models.TextField(_("note to the author"), blank=True)
    moderated_by = done_by(_("moderated by"))
    moderated_at = done_at(_("moderated at"))
    author_told_at = done_at(_("author told at"))
    decision = models.CharField(
        _("decision"), max_length=12, choices=Decision.choices, default="", blank=True
    )
    decision_reason = models.TextField(_("reasons"), blank=True)
    decided_by = done_by(_("decided by"))
    decided_at = done_at(_("decided at"))
    created_at = models.DateTimeField(_("received at"), auto_now_add=True)

    objects = CommentQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("comment")
        verbose_name_plural = _("comments")
        constraints = [
            models.CheckConstraint(
                condition=Q(anonymous=True) | ~Q(author_name=""), name="comment_has_an_author"
            ),
            models.CheckConstraint(
                condition=Q(status="rejected") | Q(rejection=""),
                name="only_a_rejected_comment_has_a_rejection",
            ),
        ]
        indexes = [
            models.Index(fields=["consultation", "status"], name="comment_status"),
            models.Index(fields=["section", "status"], name="comment_section_status"),
        ]

    def __str__(self):
        return self.text[:60]
