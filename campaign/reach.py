"""How far the campaign reached: live figures worked out from the data (downloads, subscribers,
issues sent, people at the events, news read) beside what staff log by hand (media appearances,
posters, leaflets, posts), for the campaign's page, the staff's hub and the indicators."""

from dataclasses import dataclass

from django.db.models import Count, Q, Sum
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _

from ivanovo_portal.audit.registry import actions
from ivanovo_portal.documents.models import GeneratedDocument
from ivanovo_portal.documents.registry import DocumentKind, as_pdf, kinds
from ivanovo_portal.indicators.registry import figures
from ivanovo_portal.meetings.models import Attendance, Meeting

from . import bulletin
from .models import (
    Article,
    CampaignAction,
    Delivery,
    MediaAppearance,
    NewsletterIssue,
    Subscriber,
)
from .services.reach import ACTIONS

# The campaign's own events; every other public meeting counts among "all meetings".
EVENT_KINDS = (Meeting.Kind.ROUND_TABLE, Meeting.Kind.CONFERENCE)
# How many media appearances the campaign's page lists; staff see them all.
LATEST_MEDIA = 8


@dataclass(frozen=True)
class Reach:
    """The live figures of the campaign's reach."""

    publication_downloads: int
    bulletin_downloads: int
    subscribers: int
    issues_sent: int
    newsletters_delivered: int
    event_participants: int
    meeting_participants: int
    articles_published: int
    news_views: int
    media_appearances: int
    # Totals of the logged actions by kind (``CampaignAction.Kind`` value: how many).
    actions: dict
    settlements_reached: int

    def lines(self):
        """``(figure, what it counts)`` in the order the pages show them, with the kinds of
        action logged so far."""
        return [
            (self.publication_downloads, _("downloads of publications")),
            (self.bulletin_downloads, _("downloads of village bulletins")),
            (self.subscribers, _("newsletter subscribers")),
            (self.issues_sent, _("newsletter issues sent")),
            (self.newsletters_delivered, _("newsletters delivered")),
            (self.event_participants, _("participants in the round table and the conference")),
            (self.meeting_participants, _("participants in all the project's meetings")),
            (self.articles_published, _("news articles published")),
            (self.news_views, _("times the news was read")),
            (self.media_appearances, _("appearances in the media")),
            *(
                (self.actions[kind.value], kind.label)
                for kind in CampaignAction.Kind
                if kind.value in self.actions
            ),
            (
                self.settlements_reached,
                _("of the 13 settlements reached by the campaign's actions"),
            ),
        ]


def held_meetings():
    """Public meetings held and closed by staff: their attendance is final and public."""
    return (
        Meeting.objects.public()
        .exclude(status=Meeting.Status.CANCELLED)
        .filter(closed_at__isnull=False)
    )


def _downloads(document_kinds):
    return GeneratedDocument.objects.filter(kind__in=document_kinds).aggregate(
        n=Coalesce(Sum("downloads"), 0)
    )["n"]


def reach(now=None):
    """The campaign's live figures, in ten queries however much there is."""
    publication_kinds = [key for key, kind in kinds.items() if kind.publication]
    participants = Attendance.objects.filter(meeting__in=held_meetings()).aggregate(
        all=Count("pk"), events=Count("pk", filter=Q(meeting__kind__in=EVENT_KINDS))
    )
    news = Article.objects.published(now).aggregate(n=Count("pk"), views=Coalesce(Sum("views"), 0))
    done = dict(
        CampaignAction.objects.order_by()
        .values_list("kind")
        .annotate(total=Sum("count"))
        .values_list("kind", "total")
    )
    return Reach(
        publication_downloads=_downloads(publication_kinds),
        bulletin_downloads=_downloads([bulletin.KIND]),
        subscribers=Subscriber.objects.confirmed().count(),
        issues_sent=NewsletterIssue.objects.filter(status=NewsletterIssue.Status.SENT).count(),
        newsletters_delivered=Delivery.objects.filter(status=Delivery.Status.SENT).count(),
        event_participants=participants["events"],
        meeting_participants=participants["all"],
        articles_published=news["n"],
        news_views=news["views"],
        media_appearances=MediaAppearance.objects.count(),
        actions=done,
        settlements_reached=settlements_reached(),
    )


def settlements_reached():
    """Settlements where the campaign put up, handed out or printed something."""
    return (
        CampaignAction.objects.filter(settlement__isnull=False)
        .order_by()
        .values("settlement")
        .distinct()
        .count()
    )


def latest_media(limit=LATEST_MEDIA):
    """The latest appearances in the media, for the campaign's page."""
    return list(MediaAppearance.objects.all()[:limit])


def media_for_staff():
    """Every media appearance, the latest first."""
    return MediaAppearance.objects.all()


def actions_for_staff():
    """Every campaign action with its settlement, the latest first."""
    return CampaignAction.objects.select_related("settlement")


def register():
    """Add the reach part to the kernel's registries: the village bulletin's document kind,
    activity 5's indicator figures and the log's words in the audit history. Called from
    ``CampaignConfig.ready()``."""
    # Imported here: the figures are worked out from this module's reads.
    from . import indicators

    kinds.register(
        bulletin.KIND,
        DocumentKind(
            label=_("Village bulletin"),
            renderer=as_pdf(bulletin.render_bulletin_pdf),
            is_public=True,
        ),
    )
    for key in indicators.FIGURES:
        figures.register(key, getattr(indicators, key))
    for code, label in ACTIONS:
        actions.register(code, label)
