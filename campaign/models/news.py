"""News: articles with a lead, a Markdown body, images with their alternative text, tagged by
activity and settlement, published at a date and time that may lie ahead (scheduled)."""

from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ivanovo_portal.fields import done_at, done_by
from ivanovo_portal.places.models import Settlement
from ivanovo_portal.project import Activity


class ArticleQuerySet(models.QuerySet):
    def published(self, now=None):
        """Articles whose publication time has come (a scheduled one appears by itself)."""
        return self.filter(published_at__lte=now or timezone.now())


class Article(models.Model):
    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(_("address"), max_length=80, unique=True)
    lead = models.TextField(
        _("lead"), max_length=600, help_text=_("One or two sentences shown in lists and shares.")
    )
    body = models.TextField(_("text"), help_text=_("Markdown: headings, lists, links, emphasis."))
    settlements = models.ManyToManyField(
        Settlement, blank=True, related_name="+", verbose_name=_("settlements")
    )
    # Empty while a draft; a moment ahead schedules it.
    published_at = done_at(_("published at"))
    views = models.PositiveIntegerField(_("views"), default=0, editable=False)
    created_by = done_by()
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ArticleQuerySet.as_manager()

    class Meta:
        ordering = ["-published_at", "-pk"]
        verbose_name = _("news article")
        verbose_name_plural = _("news articles")
        indexes = [models.Index(fields=["published_at"], name="article_published")]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("campaign:article", args=[self.slug])

    def is_published(self, now=None):
        return self.published_at is not None and self.published_at <= (now or timezone.now())

    def is_scheduled(self, now=None):
        return self.published_at is not None and self.published_at > (now or timezone.now())

    def activities(self):
        """The article's activities as ``Activity`` members, in the project's order (from the
        prefetched tags when a list prefetched them)."""
        tagged = {tag.activity for tag in self.activity_tags.all()}
        return [activity for activity in Activity if activity.value in tagged]


class ArticleActivity(models.Model):
    """An article tagged with an activity of the project."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="activity_tags")
    activity = models.CharField(_("activity"), max_length=20, choices=Activity.choices)

    class Meta:
        verbose_name = _("activity of an article")
        verbose_name_plural = _("activities of an article")
        constraints = [
            models.UniqueConstraint(fields=["article", "activity"], name="article_activity_once")
        ]

    def __str__(self):
        return self.get_activity_display()


class ArticleImage(models.Model):
    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="images")
    file = models.ImageField(_("image"), upload_to="campaign/news/")
    alt = models.CharField(
        _("what the image shows"),
        max_length=250,
        help_text=_("Read out to people who cannot see the image."),
    )
    caption = models.CharField(_("caption"), max_length=250, blank=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = _("image of an article")
        verbose_name_plural = _("images of an article")
        constraints = [models.CheckConstraint(condition=~Q(alt=""), name="article_image_has_alt")]

    def __str__(self):
        return self.alt
