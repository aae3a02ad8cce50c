"""What the campaign did to reach people, logged by staff beside the live figures: appearances in
the media and campaign actions (posters, leaflets, posts)."""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from ivanovo_portal.fields import done_by
from ivanovo_portal.places.models import Settlement


class MediaAppearance(models.Model):
    class Kind(models.TextChoices):
        PRINT = "print", _("newspaper or magazine")
        ONLINE = "online", _("online media")
        RADIO = "radio", _("radio")
        TV = "tv", _("television")
        PRESS_RELEASE = "release", _("press release")

    outlet = models.CharField(_("outlet"), max_length=200)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    title = models.CharField(_("title"), max_length=250)
    appeared_on = models.DateField(_("date"))
    url = models.URLField(_("link"), blank=True)
    note = models.CharField(_("note"), max_length=250, blank=True)
    created_by = done_by()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-appeared_on", "-pk"]
        verbose_name = _("media appearance")
        verbose_name_plural = _("media appearances")

    def __str__(self):
        return f"{self.outlet}: {self.title}"


class CampaignAction(models.Model):
    class Kind(models.TextChoices):
        POSTERS = "posters", _("posters")
        LEAFLETS = "leaflets", _("leaflets")
        POSTS = "posts", _("social media posts")
        BULLETINS = "bulletins", _("printed village bulletins")
        OTHER = "other", _("other")

    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    description = models.CharField(_("what was done"), max_length=250)
    done_on = models.DateField(_("date"))
    count = models.PositiveIntegerField(
        _("how many"), help_text=_("Posters put up, leaflets handed out, posts published.")
    )
    settlement = models.ForeignKey(
        Settlement,
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
        verbose_name=_("settlement"),
        help_text=_("Empty when it concerned the whole municipality."),
    )
    created_by = done_by()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-done_on", "-pk"]
        verbose_name = _("campaign action")
        verbose_name_plural = _("campaign actions")
        constraints = [
            models.CheckConstraint(condition=Q(count__gt=0), name="action_count_positive")
        ]

    def __str__(self):
        return self.description
