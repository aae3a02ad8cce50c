"""Writing the news: an article starts as a draft, is published now or at a moment ahead
(scheduled: it appears by itself, since the public list reads ``published_at <= now``) and can be
taken back to a draft. Each operation is one transaction with its audit entry."""

from datetime import timedelta

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ivanovo_portal import slugs, uploads
from ivanovo_portal.audit.services import changed, created, log_action, tracked
from ivanovo_portal.pagecache import counts
from ivanovo_portal.project import Activity
from ivanovo_portal.refusals import Refused

from ..models import Article, ArticleActivity, ArticleImage

# The labels of the articles' entries in the audit history (registered by ``news.register``).
ACTIONS = (
    ("campaign.article_created", _("Article created as a draft")),
    ("campaign.article_changed", _("Article changed")),
    ("campaign.article_published", _("Article published")),
    ("campaign.article_scheduled", _("Article scheduled")),
    ("campaign.article_unpublished", _("Article taken back to a draft")),
    ("campaign.article_image_added", _("Image added to the article")),
    ("campaign.article_image_removed", _("Image removed from the article")),
)
RECORDED_FIELDS = ("title", "slug", "lead", "body")
# A moment typed a little in the past (the minute it took to press the button) still means now.
LEEWAY = timedelta(minutes=5)


def locked(article):
    """The article locked for the rest of the transaction: one change at a time."""
    return Article.objects.select_for_update().get(pk=article.pk)


def _tracked(article):
    """The recorded fields and the tags, as the history shows them."""
    return tracked(article, RECORDED_FIELDS) | {
        # Named by the relations, so that the history shows their names in the page's language.
        "activity_tags": ", ".join(str(activity.label) for activity in article.activities()),
        "settlements": ", ".join(s.name for s in article.settlements.order_by("position")),
    }


def _check_slug(slug, article=None):
    others = Article.objects.exclude(pk=article.pk) if article else Article.objects.all()
    if others.filter(slug=slug).exists():
        raise Refused(_("Another article has this address already."), field="slug")


def _set_tags(article, activities, settlements):
    unknown = set(activities) - set(Activity.values)
    if unknown:
        raise Refused(_("Choose activities of the project only."), field="activities")
    article.activity_tags.all().delete()
    ArticleActivity.objects.bulk_create(
        ArticleActivity(article=article, activity=activity) for activity in set(activities)
    )
    article.settlements.set(settlements)


@transaction.atomic
def create_article(*, user, title, lead, body, slug="", activities=(), settlements=()):
    """A new article as a draft, tagged with ``activities`` (values of ``Activity``) and
    ``settlements``; its address comes from the title unless ``slug`` is given."""
    if slug:
        _check_slug(slug)
    else:
        slug = slugs.unique_slug(title, Article.objects, fallback="novina")
    article = Article.objects.create(title=title, slug=slug, lead=lead, body=body, created_by=user)
    _set_tags(article, activities, settlements)
    log_action(
        article, "campaign.article_created", user=user, changes=created(article, RECORDED_FIELDS)
    )
    return article


@transaction.atomic
def update_article(article, *, user, title, lead, body, activities, settlements, slug=""):
    """Change an article's text and tags, published or not; the change is in its history."""
    article = locked(article)
    before = _tracked(article)
    slug = slug or article.slug
    _check_slug(slug, article)
    article.title, article.slug, article.lead, article.body = title, slug, lead, body
    article.save()
    _set_tags(article, activities, settlements)
    after = _tracked(article)
    changes = {name: [before[name], after[name]] for name in before if before[name] != after[name]}
    if changes:
        log_action(article, "campaign.article_changed", user=user, changes=changes)
    return article


@transaction.atomic
def publish_article(article, *, user, published_at=None):
    """Publish the article now or, with ``published_at`` ahead, schedule it for then; a
    scheduled one can be moved to another moment."""
    article = locked(article)
    now = timezone.now()
    if article.is_published(now):
        raise Refused(_("This article is published already."))
    moment = published_at or now
    if moment < now - LEEWAY:
        raise Refused(
            _("Choose a moment ahead to schedule it, or leave it empty to publish it now."),
            field="published_at",
        )
    moment = max(moment, now)
    before = tracked(article, ("published_at",))
    article.published_at = moment
    article.save(update_fields=["published_at", "updated_at"])
    action = "campaign.article_scheduled" if moment > now else "campaign.article_published"
    log_action(article, action, user=user, changes=changed(before, article))
    return article


@transaction.atomic
def unpublish_article(article, *, user):
    """Take a published or scheduled article back to a draft that only staff see."""
    article = locked(article)
    if article.published_at is None:
        raise Refused(_("This article is a draft already."))
    before = tracked(article, ("published_at",))
    article.published_at = None
    article.save(update_fields=["published_at", "updated_at"])
    log_action(article, "campaign.article_unpublished", user=user, changes=changed(before, article))
    return article


@transaction.atomic
def add_article_image(article, *, user, file, alt, caption="", position=0):
    """Add a checked image (``uploads.checked``) with what it shows, read out to people who
    cannot see it."""
    if not alt.strip():
        raise Refused(_("Say what the image shows, for people who cannot see it."), field="alt")
    image = ArticleImage(article=article, alt=alt, caption=caption, position=position)
    image.file.name = image.file.storage.save(
        uploads.private_name("campaign/news", f"image{file.extension}"), ContentFile(file.data)
    )
    image.save()
    log_action(article, "campaign.article_image_added", user=user, changes={"images": ["", alt]})
    return image


@transaction.atomic
def remove_article_image(image, *, user):
    """Take an image off its article and delete its file once that is committed."""
    log_action(
        image.article,
        "campaign.article_image_removed",
        user=user,
        changes={"images": [image.alt, ""]},
    )
    storage, name = image.file.storage, image.file.name
    image.delete()
    transaction.on_commit(lambda: storage.delete(name))


def count_reading(request, article_pk):
    """Count a visitor's reading of a published article for the campaign's reach, unless a
    robot's. Run each time the page is served, from the page cache too; the count reaches the
    article within a minute (``pagecache.counts``)."""
    counts.add(request, Article, article_pk, "views")
