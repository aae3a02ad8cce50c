"""The RSS 2.0 and Atom feeds of the news, the publications and the meetings: well-formed XML with
the elements each format requires, absolute links, published articles only, and what staff typed
kept as text."""

import xml.etree.ElementTree as ET
from datetime import timedelta
from email.utils import parsedate_to_datetime

import pytest
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from campaign.models import Article, ArticleActivity
from ivanovo_portal.documents.registry import DocumentKind, Rendered, kinds
from ivanovo_portal.documents.services import request_document
from ivanovo_portal.meetings.models import Meeting
from ivanovo_portal.places.models import Settlement
from ivanovo_portal.project import Activity
from tests.meetings.conftest import build_meeting

ATOM = "{http://www.w3.org/2005/Atom}"
FEEDS = ["news", "publications", "events"]
NOTICE = "tests.notice"


@pytest.fixture(autouse=True)
def portal_url(settings, tmp_path):
    settings.PORTAL_URL = "https://uchastie.example.org"
    settings.MEDIA_ROOT = tmp_path


def article(title="Кръгла маса в Иваново", *, days_ago=1, activities=(), **fields):
    published_at = fields.pop("published_at", timezone.now() - timedelta(days=days_ago))
    created = Article.objects.create(
        title=title,
        slug=fields.pop("slug", f"novina-{Article.objects.count() + 1}"),
        lead=fields.pop("lead", "Представихме препоръките от проучванията."),
        body="Текст на новината.",
        published_at=published_at,
        **fields,
    )
    for activity in activities:
        ArticleActivity.objects.create(article=created, activity=activity)
    return created


@pytest.fixture
def notice_kind(db):
    with kinds.override(
        {
            NOTICE: DocumentKind(
                label="Съобщение",
                renderer=lambda settlement: Rendered("n.csv", "text/csv", settlement.name.encode()),
                format="CSV",
                is_public=lambda settlement: settlement.slug != "krasen",
                publication=True,
                activity=Activity.MONITORING,
            )
        }
    ):
        yield


@pytest.fixture
def rendered(django_capture_on_commit_callbacks, notice_kind):
    def rendered(settlement, title):
        with django_capture_on_commit_callbacks(execute=True):
            document = request_document(settlement, NOTICE, title=title)
        document.refresh_from_db()
        return document

    return rendered


def fetch(client, name, format, **query):
    response = client.get(reverse(f"campaign:feed_{name}_{format}"), query)
    assert response.status_code == 200
    return response


def rss(client, name):
    response = fetch(client, name, "rss")
    assert response["Content-Type"] == "application/rss+xml; charset=utf-8"
    root = ET.fromstring(response.content)
    assert root.tag == "rss" and root.get("version") == "2.0"
    return root.find("channel")


def atom(client, name):
    response = fetch(client, name, "atom")
    assert response["Content-Type"] == "application/atom+xml; charset=utf-8"
    root = ET.fromstring(response.content)
    assert root.tag == f"{ATOM}feed"
    return root


def rss_titles(channel):
    return [item.findtext("title") for item in channel.findall("item")]


def atom_titles(feed):
    return [entry.findtext(f"{ATOM}title") for entry in feed.findall(f"{ATOM}entry")]


# Validity of each feed


@pytest.fixture
def something_in_every_feed(rendered):
    article(activities=[Activity.SURVEYS])
    rendered(Settlement.objects.get(is_admin_centre=True), "Съобщение за Иваново")
    build_meeting()


@pytest.mark.parametrize("name", FEEDS)
def test_an_rss_feed_has_the_channel_and_items_rss_requires(client, something_in_every_feed, name):
    channel = rss(client, name)

    assert channel.findtext("title")
    assert channel.findtext("link").startswith("https://uchastie.example.org/")
    assert channel.findtext("description")
    items = channel.findall("item")
    assert len(items) == 1
    for item in items:
        assert item.findtext("title")
        assert item.findtext("link").startswith("https://uchastie.example.org/")
        assert item.findtext("guid").startswith("tag:uchastie.example.org,2022-07-26:")
        assert item.find("guid").get("isPermaLink") == "false"
        assert parsedate_to_datetime(item.findtext("pubDate")).tzinfo is not None


@pytest.mark.parametrize("name", FEEDS)
def test_an_atom_feed_has_the_feed_and_entries_atom_requires(client, something_in_every_feed, name):
    feed = atom(client, name)

    assert feed.findtext(f"{ATOM}id") == f"tag:uchastie.example.org,2022-07-26:feeds/{name}"
    assert feed.findtext(f"{ATOM}title")
    assert feed.findtext(f"{ATOM}updated")
    assert feed.findtext(f"{ATOM}subtitle")
    assert feed.find(f"{ATOM}author").findtext(f"{ATOM}name")
    links = {link.get("rel"): link.get("href") for link in feed.findall(f"{ATOM}link")}
    assert links["self"] == f"https://uchastie.example.org/feeds/{name}.atom"
    assert links["alternate"].startswith("https://uchastie.example.org/")
    entries = feed.findall(f"{ATOM}entry")
    assert len(entries) == 1
    for entry in entries:
        assert entry.findtext(f"{ATOM}title")
        assert entry.findtext(f"{ATOM}id").startswith("tag:uchastie.example.org,2022-07-26:")
        assert entry.findtext(f"{ATOM}updated")
        link = entry.find(f"{ATOM}link")
        assert link.get("rel") == "alternate"
        assert link.get("href").startswith("https://uchastie.example.org/")


@pytest.mark.parametrize("name", FEEDS)
@pytest.mark.parametrize("format", ["rss", "atom"])
def test_an_empty_feed_is_still_valid(client, db, name, format):
    root = ET.fromstring(fetch(client, name, format).content)

    assert root.tag in ("rss", f"{ATOM}feed")


def test_english_feeds_link_the_english_pages(client, something_in_every_feed):
    response = client.get("/en/feeds/news.rss")

    channel = ET.fromstring(response.content).find("channel")
    assert channel.findtext("language") == "en"
    assert channel.findtext("link") == "https://uchastie.example.org/en/news/"
    assert channel.find("item").findtext("link").startswith("https://uchastie.example.org/en/news/")


# The news feed


def test_the_news_feed_lists_published_articles_never_drafts_or_scheduled_ones(client, db):
    article("Вчерашна новина", days_ago=1)
    article("Днешна новина", days_ago=0)
    article("Чернова", published_at=None)
    article("Насрочена", published_at=timezone.now() + timedelta(hours=2))

    assert rss_titles(rss(client, "news")) == ["Днешна новина", "Вчерашна новина"]
    assert atom_titles(atom(client, "news")) == ["Днешна новина", "Вчерашна новина"]


def test_a_scheduled_article_enters_the_feed_when_its_time_comes(client, db):
    scheduled = article("Насрочена", published_at=timezone.now() + timedelta(hours=2))
    assert rss_titles(rss(client, "news")) == []

    Article.objects.filter(pk=scheduled.pk).update(
        published_at=timezone.now() - timedelta(minutes=1)
    )

    assert rss_titles(rss(client, "news")) == ["Насрочена"]


def test_a_news_item_links_the_article_and_dates_it(client, db):
    published = article(activities=[Activity.SURVEYS, Activity.CAMPAIGN])

    item = rss(client, "news").find("item")

    assert item.findtext("link") == f"https://uchastie.example.org/news/{published.slug}/"
    assert item.findtext("guid") == f"tag:uchastie.example.org,2022-07-26:article/{published.pk}"
    assert parsedate_to_datetime(item.findtext("pubDate")) == published.published_at.replace(
        microsecond=0
    )
    assert [category.text for category in item.findall("category")] == [
        "Проучвания и анализи",
        "Информационна кампания",
    ]
    assert item.findtext("description") == "Представихме препоръките от проучванията."


def test_a_title_and_lead_with_markup_characters_stay_text(client, db):
    article("Кметове & граждани: <b>заедно</b>", lead='Кой е по-голям: 5 < 7 & "<script>"?')

    rss_body = fetch(client, "news", "rss").content
    item = ET.fromstring(rss_body).find("channel/item")
    entry = atom(client, "news").find(f"{ATOM}entry")

    assert b"<b>" not in rss_body and b"<script>" not in rss_body
    assert item.findtext("title") == "Кметове & граждани: <b>заедно</b>"
    assert entry.findtext(f"{ATOM}title") == "Кметове & граждани: <b>заедно</b>"
    # Descriptions are HTML: the text escaped once, so that a reader shows it as typed.
    escaped = "Кой е по-голям: 5 &lt; 7 &amp; &quot;&lt;script&gt;&quot;?"
    assert item.findtext("description") == escaped
    assert entry.findtext(f"{ATOM}summary") == escaped
    assert entry.find(f"{ATOM}summary").get("type") == "html"


# The publications feed


def test_the_publications_feed_lists_public_publications_linking_their_pages(client, rendered):
    ivanovo = Settlement.objects.get(is_admin_centre=True)
    notice = rendered(ivanovo, "Съобщение за Иваново")
    rendered(Settlement.objects.get(slug="krasen"), "Съобщение за Красен")  # not public

    item = rss(client, "publications").find("item")
    entries = atom(client, "publications").findall(f"{ATOM}entry")

    assert item.findtext("title") == "Съобщение за Иваново"
    assert item.findtext("link") == f"https://uchastie.example.org/publications/{notice.pk}/"
    assert item.findtext("description") == "Съобщение · Граждански мониторинг · CSV · 14\xa0байта"
    assert item.find("enclosure") is None
    assert [entry.findtext(f"{ATOM}title") for entry in entries] == ["Съобщение за Иваново"]


# The meetings feed


def test_the_meetings_feed_lists_public_meetings_latest_first_and_says_which_are_cancelled(
    client, db
):
    build_meeting(slug="skoro", title="Обсъждане скоро", days=5)
    build_meeting(slug="po-kasno", title="Обсъждане по-късно", days=20)
    build_meeting(slug="minalo", title="Минало обсъждане", days=-30)
    build_meeting(slug="chernova", title="Чернова", status=Meeting.Status.DRAFT)
    build_meeting(
        slug="otmeneno",
        title="Отменено обсъждане",
        days=10,
        status=Meeting.Status.CANCELLED,
        status_note="Залата е в ремонт.",
    )

    channel = rss(client, "events")

    assert rss_titles(channel) == [
        "Обсъждане по-късно",
        "Отменена: Отменено обсъждане",
        "Обсъждане скоро",
        "Минало обсъждане",
    ]
    cancelled = channel.findall("item")[1]
    assert "Залата е в ремонт." in cancelled.findtext("description")
    assert cancelled.findtext("link") == "https://uchastie.example.org/events/otmeneno/"


def test_a_meeting_item_says_when_and_where_in_sofia_time(client, db):
    meeting = build_meeting(summary="Обсъждане на <плана> & бюджета.")

    description = rss(client, "events").find("item").findtext("description")

    starts = timezone.localtime(meeting.starts_at)
    assert f"{starts:%d.%m.%Y}, 18:00–20:00</time>" in description
    assert "<p>Пиргово, Народно читалище „Светлина 1927“, с. Пиргово" in description
    assert "<p>Обсъждане на &lt;плана&gt; &amp; бюджета.</p>" in description


# Queries


@pytest.mark.parametrize("name", FEEDS)
def test_a_feed_takes_the_same_queries_for_one_item_or_many(
    client, rendered, name, django_assert_max_num_queries
):
    places = list(Settlement.objects.exclude(slug="krasen")[:6])

    def add(number):
        article(f"Новина {number}", activities=[Activity.CAMPAIGN])
        rendered(places[number], f"Съобщение {number}")
        build_meeting(slug=f"sreshta-{number}")

    add(0)
    with django_assert_max_num_queries(10) as one:
        fetch(client, name, "rss")
    for number in range(1, 6):
        add(number)

    with django_assert_max_num_queries(len(one)):
        response = fetch(client, name, "atom")

    assert len(ET.fromstring(response.content).findall(f"{ATOM}entry")) == 6


# Finding the feeds


def test_the_feed_links_for_a_pages_head_name_both_formats(db):
    html = render_to_string("campaign/feed_links.html", {"feed": "news", "title": "Новини"})

    assert (
        '<link rel="alternate" type="application/rss+xml" title="Новини (RSS)" '
        'href="/feeds/news.rss">'
    ) in html
    assert (
        '<link rel="alternate" type="application/atom+xml" title="Новини (Atom)" '
        'href="/feeds/news.atom">'
    ) in html


def test_the_publications_page_links_its_feeds(client, db):
    html = client.get(reverse("campaign:publications")).text

    assert 'href="/feeds/publications.rss" type="application/rss+xml"' in html
    assert 'href="/feeds/publications.atom" type="application/atom+xml"' in html


def test_the_publications_page_names_its_feeds_in_its_head(client, db):
    head = client.get(reverse("campaign:publications")).text.split("</head>")[0]

    assert (
        'type="application/rss+xml" title="Публикации (RSS)" href="/feeds/publications.rss"' in head
    )
    assert (
        'type="application/atom+xml" title="Публикации (Atom)" href="/feeds/publications.atom"'
        in head
    )
