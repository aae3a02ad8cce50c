"""Reads for the news: the public list with its filters, an article's page with what sharing it
needs (Open Graph, schema.org ``NewsArticle``), staff's list, and the home page's headlines —
each in a fixed number of queries however many articles there are."""

import json

import django_filters
from django.conf import settings
from django.db.models import F, Prefetch
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

from ivanovo_portal.headlines import Headline
from ivanovo_portal.places.models import Settlement
from ivanovo_portal.project import PROJECT, Activity

from .models import Article, ArticleActivity

# What could end a <script> element or start markup inside it, written as JSON escapes.
_SCRIPT_SAFE = str.maketrans({"<": "\\u003C", ">": "\\u003E", "&": "\\u0026"})


class ArticleFilter(django_filters.FilterSet):
    """The list's filters, a plain GET form that works without JavaScript."""

    activity = django_filters.ChoiceFilter(
        label=_("Activity"),
        choices=Activity.choices,
        field_name="activity_tags__activity",
        empty_label=_("All activities"),
    )
    settlement = django_filters.ModelChoiceFilter(
        label=_("Settlement"),
        queryset=Settlement.objects.all(),
        field_name="settlements",
        to_field_name="slug",
        empty_label=_("All settlements"),
    )

    class Meta:
        model = Article
        fields = ["activity", "settlement"]


def _with_tags(articles):
    return articles.prefetch_related(
        Prefetch("activity_tags", queryset=ArticleActivity.objects.order_by()),
        "settlements",
        "images",
    )


def published_articles(now=None):
    """Published articles, the newest first, with their tags and images."""
    return _with_tags(Article.objects.published(now))


def article_page(slug):
    """The article at ``slug`` with its tags and images, drafts and scheduled ones included (the
    view decides who sees them); None if there is none."""
    return _with_tags(Article.objects.filter(slug=slug)).first()


def articles_for_staff():
    """Every article, drafts and scheduled ones first, then the published, the newest first."""
    return _with_tags(Article.objects.order_by(F("published_at").desc(nulls_first=True), "-pk"))


def absolute(path):
    """``path`` on the portal's public address (PORTAL_URL), as shared links need it."""
    return f"{settings.PORTAL_URL}{path}"


def image_url(article, image):
    return reverse("campaign:article_image", args=[article.slug, image.pk])


def sharing(article):
    """What the page's head tells those who share or index it: its address, its first image, and
    schema.org ``NewsArticle`` data as JSON that cannot end the ``<script>`` element it sits in."""
    url = absolute(article.get_absolute_url())
    published, modified = _iso(article.published_at), _iso(article.updated_at)
    shown = list(article.images.all())
    images = [absolute(image_url(article, image)) for image in shown]
    data = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": article.title,
        "description": article.lead,
        "url": url,
        "mainEntityOfPage": url,
        "inLanguage": "bg",
        "datePublished": published,
        "dateModified": modified,
        "author": {"@type": "Organization", "name": PROJECT.beneficiary},
        "publisher": {"@type": "Organization", "name": PROJECT.beneficiary},
        "about": [activity.label for activity in article.activities()],
        "contentLocation": [
            {"@type": "Place", "name": settlement.name} for settlement in article.settlements.all()
        ],
    }
    if images:
        data["image"] = images
    structured = json.dumps(data, ensure_ascii=False, default=str).translate(_SCRIPT_SAFE)
    return {
        "url": url,
        "image": images[0] if images else "",
        "image_alt": shown[0].alt if shown else "",
        "published": published,
        "modified": modified,
        # Safe inside <script>: no "<", ">" or "&" is left in it.
        "structured_data": mark_safe(structured),
    }


def _iso(moment):
    return timezone.localtime(moment).replace(microsecond=0).isoformat() if moment else None


def latest_headlines(limit):
    """The ``limit`` newest published articles as the home page's headlines."""
    articles = Article.objects.published().prefetch_related(
        Prefetch("activity_tags", queryset=ArticleActivity.objects.order_by())
    )[:limit]
    return [
        Headline(
            title=article.title,
            url=article.get_absolute_url(),
            lead=article.lead,
            published_at=article.published_at,
            topics=tuple(activity.label for activity in article.activities()),
        )
        for article in articles
    ]


def register():
    """What the news adds to the kernel: the home page's headlines and the audit's labels."""
    from ivanovo_portal import headlines
    from ivanovo_portal.audit.registry import actions

    from .services.news import ACTIONS

    headlines.providers.register("campaign", latest_headlines)
    for code, label in ACTIONS:
        actions.register(code, label)
