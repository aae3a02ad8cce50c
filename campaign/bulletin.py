"""The village bulletin: for one settlement, a one- or two-page A4 PDF for the mayoralty's board
and people without internet — the latest news about it or the whole municipality, the meetings
coming in it and near it, and what the project found there (public figures only, from the
activities through ``ivanovo_portal.places.bulletin``), with a QR code to its page.

A bulletin is out of date once what it shows has changed since its render started, or on a new
day (the meetings it lists as coming may have passed); its page then asks for a new one."""

from dataclasses import dataclass

import segno
from django.conf import settings
from django.db.models import Max, Q
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext

from ivanovo_portal.documents.models import GeneratedDocument
from ivanovo_portal.documents.pdf import render_pdf
from ivanovo_portal.meetings.models import Meeting
from ivanovo_portal.meetings.selectors import public_attendance
from ivanovo_portal.places.bulletin import Result, results_for
from ivanovo_portal.places.models import Settlement

from .models import Article

KIND = "campaign.bulletin"
# What fits on two pages in large type, however long the texts (a test holds it to that).
NEWS = 3
MEETINGS = 4
RESULTS = 8
# A lead is cut to this many words on paper; the QR code leads to the rest.
LEAD_WORDS = 25


@dataclass(frozen=True)
class Bulletin:
    settlement: Settlement
    news: list
    meetings: list
    results: list
    url: str


def latest_news(settlement, now=None):
    """The latest published articles tagged with the settlement or with none (the whole
    municipality)."""
    return list(
        Article.objects.published(now)
        .filter(Q(settlements=settlement) | Q(settlements__isnull=True))
        .distinct()[:NEWS]
    )


def _nearby(settlement):
    """Meetings in the settlement, in the municipality's centre (where the municipality-wide ones
    are held) and outside the municipality (the conference in Ruse): the places its people go."""
    return Q(settlement=settlement) | Q(settlement__is_admin_centre=True) | Q(settlement=None)


def coming_meetings(settlement, now=None):
    """Public meetings not over yet in and near the settlement, the soonest first."""
    return list(
        Meeting.objects.public()
        .exclude(status=Meeting.Status.CANCELLED)
        .filter(_nearby(settlement), ends_at__gte=now or timezone.now())
        .select_related("settlement")
        .order_by("starts_at", "pk")[:MEETINGS]
    )


def participants_from(settlement):
    """How many people from the settlement came to the project's meetings, as the meetings'
    public figures give it: a Result, withheld where the meetings' pages withhold it."""
    total = public_attendance().total
    # A settlement nobody came from is left out of the public breakdown: none came.
    counts = {line.key[1]: line.count for line in total.by_settlement} if total else {}
    count = counts.get(settlement.pk, 0)
    return Result(
        gettext("People from the settlement at the project's meetings"),
        gettext("fewer than 5") if count is None else str(count),
    )


def page_url(settlement):
    """The absolute address of the settlement's bulletin page, printed and as the QR code."""
    with translation.override(settings.LANGUAGE_CODE):
        path = reverse("campaign:bulletin", args=[settlement.slug])
    return f"{settings.PORTAL_URL}{path}"


def bulletin(settlement, now=None):
    """Everything the settlement's bulletin shows, in the active language."""
    return Bulletin(
        settlement=settlement,
        news=latest_news(settlement, now),
        meetings=coming_meetings(settlement, now),
        results=[participants_from(settlement), *results_for(settlement)],
        url=page_url(settlement),
    )


def render_bulletin_pdf(settlement) -> bytes:
    """The settlement's bulletin as PDF bytes, in Bulgarian."""
    with translation.override("bg"):
        content = bulletin(settlement)
    return render_pdf(
        "campaign/pdf/bulletin.html",
        {
            "bulletin": content,
            "qr": segno.make(content.url, error="m").svg_data_uri(scale=4, border=2),
            "lead_words": LEAD_WORDS,
            "results": content.results[:RESULTS],
            "printed_on": timezone.localdate(),
            "lang": "bg",
        },
    )


def changed_at(settlement):
    """When what the settlement's bulletin shows last changed: an article about it written,
    published or taken back, or a meeting in or near it changed (closing one included)."""
    articles = Article.objects.filter(
        Q(settlements=settlement) | Q(settlements__isnull=True)
    ).aggregate(updated=Max("updated_at"), published=Max("published_at", filter=_until_now()))
    meetings = Meeting.objects.filter(_nearby(settlement)).aggregate(updated=Max("updated_at"))
    moments = [articles["updated"], articles["published"], meetings["updated"]]
    return max((moment for moment in moments if moment), default=None)


def _until_now():
    return Q(published_at__lte=timezone.now())


def is_out_of_date(document, settlement):
    """Whether the settlement's bulletin needs a new render: none yet, or the last one began
    before what it shows changed or on an earlier day. One already under way never does."""
    if document is None:
        return True
    if document.is_pending:
        return False
    started = document.started_at
    if started is None or timezone.localdate(started) < timezone.localdate():
        return True
    changed = changed_at(settlement)
    return changed is not None and changed > started


@dataclass(frozen=True)
class Listed:
    """A settlement on the bulletins' page with its bulletin, if one was ever requested."""

    settlement: Settlement
    document: GeneratedDocument | None


def bulletins():
    """The 13 settlements in their order with their bulletins, in two queries."""
    documents = {
        document.object_id: document
        for document in GeneratedDocument.objects.filter(
            kind=KIND, content_type__app_label="places", content_type__model="settlement"
        )
    }
    return [Listed(place, documents.get(place.pk)) for place in Settlement.objects.all()]
