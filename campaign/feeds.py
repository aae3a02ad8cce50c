"""RSS 2.0 and Atom feeds (``django.contrib.syndication``) of the news, the publications and the
public meetings, at ``/feeds/``.

Links are absolute at the portal's public address (``PORTAL_URL``), as in e-mails and printed QR
codes. An item's id is a tag URI of the object's number (RFC 4151), not its link: a reader keeps
an item it has shown when its address changes (an article's slug edited). Descriptions are
HTML, as both formats read them, so what staff typed is escaped once into it. A publication
carries no enclosure: readers that fetch enclosures by themselves would count as downloads."""

from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.template.defaultfilters import filesizeformat
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import escape
from django.utils.text import capfirst, format_lazy
from django.utils.translation import gettext_lazy as _

from ivanovo_portal.documents.selectors import publications
from ivanovo_portal.meetings.models import Meeting
from ivanovo_portal.project import PROJECT

from .models import Article

# Items in each feed: a reader polls often, so the latest are enough.
FEED_ITEMS = 30
PORTAL_NAME = _("Ivanovo participation portal")


def absolute(path):
    return settings.PORTAL_URL + path


def tag_uri(specific):
    """A lasting id at the portal's host, dated from the project's start (RFC 4151)."""
    host = urlsplit(settings.PORTAL_URL).hostname
    return f"tag:{host},{PROJECT.start:%Y-%m-%d}:{specific}"


class PortalFeed(Feed):
    """What the portal's feeds share: the feed's name (``news``…) gives its URL names
    ``campaign:feed_<name>_rss`` and ``_atom``; ``page`` is the URL name of the page it follows."""

    name = ""
    page = ""
    format = "rss"
    item_guid_is_permalink = False

    def link(self):
        return absolute(reverse(self.page))

    def feed_url(self):
        return absolute(reverse(f"campaign:feed_{self.name}_{self.format}"))

    def feed_guid(self):
        return tag_uri(f"feeds/{self.name}")

    def author_name(self):
        return PROJECT.display_beneficiary

    def author_link(self):
        return absolute(reverse("home"))


class Atom:
    """The same feed in Atom 1.0, where the description is the subtitle."""

    feed_type = Atom1Feed
    format = "atom"

    def subtitle(self):
        return self.description


class NewsFeed(PortalFeed):
    """Published articles only: never a draft, nor a scheduled one before its time."""

    name = "news"
    page = "campaign:news"
    title = format_lazy("{} · {}", PORTAL_NAME, _("News"))
    description = _(
        "The project's news: surveys, civic monitoring, consultations in the settlements, the "
        "round table and the conference."
    )

    def items(self):
        articles = Article.objects.published().prefetch_related("activity_tags")
        return articles.order_by("-published_at", "-pk")[:FEED_ITEMS]

    def item_title(self, article):
        return article.title

    def item_description(self, article):
        return escape(article.lead)

    def item_link(self, article):
        return absolute(article.get_absolute_url())

    def item_guid(self, article):
        return tag_uri(f"article/{article.pk}")

    def item_pubdate(self, article):
        return article.published_at

    def item_updateddate(self, article):
        # A scheduled article was last saved before it appeared.
        return max(article.published_at, article.updated_at)

    def item_categories(self, article):
        return [activity.label for activity in article.activities()]


class PublicationsFeed(PortalFeed):
    """The public documents of the publications library, the latest published first."""

    name = "publications"
    page = "campaign:publications"
    title = format_lazy("{} · {}", PORTAL_NAME, _("Publications"))
    description = _(
        "The project's analyses, monitoring report, consultation reports, participation toolkit "
        "and letters to the municipality, free to read and download."
    )

    def items(self):
        return publications()[:FEED_ITEMS]

    def item_title(self, publication):
        return publication.document.title

    def item_description(self, publication):
        document = publication.document
        what = [*self.item_categories(publication), document.format_label]
        return escape(" · ".join(str(part) for part in [*what, filesizeformat(document.size)]))

    def item_link(self, publication):
        return absolute(reverse("campaign:publication", args=[publication.document.pk]))

    def item_guid(self, publication):
        return tag_uri(f"publication/{publication.document.pk}")

    def item_pubdate(self, publication):
        return publication.published_at

    def item_updateddate(self, publication):
        # A new version of the file (a correction) updates the item.
        made = publication.document.finished_at or publication.published_at
        return max(publication.published_at, made)

    def item_categories(self, publication):
        kind = publication.kind
        return [kind.label, *([kind.activity.label] if kind.activity else [])]


class MeetingsFeed(PortalFeed):
    """Public meetings, the latest to start first: those announced ahead and those just held."""

    name = "events"
    page = "meetings:list"
    description_template = "campaign/feed_meeting.html"
    title = format_lazy("{} · {}", PORTAL_NAME, _("Meetings and events"))
    description = _(
        "Public discussions in the settlements of Ivanovo municipality, the round table and the "
        "conference: when, where, the programme and registration."
    )

    def items(self):
        meetings = Meeting.objects.public().select_related("settlement")
        return meetings.order_by("-starts_at", "-pk")[:FEED_ITEMS]

    def item_title(self, meeting):
        if meeting.status == Meeting.Status.SCHEDULED:
            return meeting.title
        return f"{meeting.get_status_display()}: {meeting.title}"

    def item_link(self, meeting):
        return absolute(meeting.get_absolute_url())

    def item_guid(self, meeting):
        return tag_uri(f"meeting/{meeting.pk}")

    def item_pubdate(self, meeting):
        return meeting.created_at

    def item_updateddate(self, meeting):
        return meeting.updated_at

    def item_categories(self, meeting):
        return [capfirst(meeting.get_kind_display())]


class NewsAtomFeed(Atom, NewsFeed):
    pass


class PublicationsAtomFeed(Atom, PublicationsFeed):
    pass


class MeetingsAtomFeed(Atom, MeetingsFeed):
    pass
