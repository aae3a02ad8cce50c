"""The campaign's own pages of the round table and the conference: meetings of the kernel's
meetings app (programme, speakers, materials, registration, check-in and certificates live
there) with the aims beforehand and, afterwards, a summary, photos and the recommendations
presented (in the register, with the event as their source)."""

from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from ivanovo_portal.fields import done_at
from ivanovo_portal.meetings.models import Meeting


class Event(models.Model):
    meeting = models.OneToOneField(
        Meeting,
        on_delete=models.PROTECT,
        related_name="campaign_event",
        verbose_name=_("meeting"),
        limit_choices_to={"kind__in": [Meeting.Kind.ROUND_TABLE, Meeting.Kind.CONFERENCE]},
    )
    aims = models.TextField(_("aims"), help_text=_("Markdown: what the event is for."))
    summary = models.TextField(
        _("summary"), blank=True, help_text=_("Markdown: what happened, written after the event.")
    )
    summary_published_at = done_at(_("summary published at"))
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["meeting__starts_at", "pk"]
        verbose_name = _("campaign event")
        verbose_name_plural = _("campaign events")

    def __str__(self):
        return self.meeting.title

    def get_absolute_url(self):
        return reverse("campaign:event", args=[self.meeting.slug])

    def is_public(self):
        return self.meeting.is_public()


class EventPhoto(models.Model):
    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="photos")
    file = models.ImageField(_("photo"), upload_to="campaign/events/")
    alt = models.CharField(_("what the photo shows"), max_length=250)
    caption = models.CharField(_("caption"), max_length=250, blank=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = _("photo of an event")
        verbose_name_plural = _("photos of an event")
        constraints = [models.CheckConstraint(condition=~Q(alt=""), name="event_photo_has_alt")]

    def __str__(self):
        return self.alt
