"""The public news: only published articles, a scheduled one appearing by itself when its moment
comes, filters by activity and settlement, sharing data that cannot be broken by a title, views
counted for the campaign's reach, and the three latest on the home page."""

import io
import json
import re
import time
from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from PIL import Image

from campaign.models import Article
from campaign.services import news as services
from ivanovo_portal import uploads
from ivanovo_portal.pagecache import counts
from ivanovo_portal.places.models import Settlement

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture(autouse=True)
def portal_url(settings):
    settings.PORTAL_URL = "http://testserver.example"


def publish(title, *, ago=timedelta(days=1), activities=(), settlements=(), slug=None, **fields):
    """An article as the services leave it, published ``ago`` (negative: scheduled ahead)."""
    article = services.create_article(
        user=None,
        title=title,
        slug=slug or "",
        lead=fields.pop("lead", f"Накратко: {title}"),
        body=fields.pop("body", "Текстът на новината."),
        activities=activities,
        settlements=settlements,
    )
    if ago is not None:
        Article.objects.filter(pk=article.pk).update(published_at=timezone.now() - ago)
        article.refresh_from_db()
    return article


def png():
    out = io.BytesIO()
    Image.new("RGB", (8, 8), "navy").save(out, "PNG")
    upload = SimpleUploadedFile("snimka.png", out.getvalue(), content_type="image/png")
    return uploads.checked(upload, types=uploads.IMAGE_TYPES)


def titles(response):
    return [article.title for article in response.context["page_obj"]]


def test_the_list_shows_published_articles_newest_first_and_no_draft_or_scheduled(client):
    publish("Старата", ago=timedelta(days=3))
    publish("Новата", ago=timedelta(hours=1))
    publish("Черновата", ago=None)
    publish("Утрешната", ago=-timedelta(days=1))

    response = client.get(reverse("campaign:news"))

    assert titles(response) == ["Новата", "Старата"]
    assert "Черновата" not in response.text
    assert "Утрешната" not in response.text


def test_a_scheduled_article_appears_by_itself_when_its_moment_comes(client, staff):
    article = publish("Покана за срещата", ago=None)
    services.publish_article(
        article, user=staff, published_at=timezone.now() + timedelta(seconds=2)
    )
    assert client.get(article.get_absolute_url()).status_code == 404

    time.sleep(2.1)

    assert client.get(article.get_absolute_url()).status_code == 200
    assert titles(client.get(reverse("campaign:news"))) == ["Покана за срещата"]


def test_drafts_and_scheduled_articles_are_not_found_by_the_public(client, resident, official):
    draft = publish("Чернова", ago=None)
    scheduled = publish("Утре", ago=-timedelta(days=1))

    for reader in (None, resident, official):
        if reader:
            client.force_login(reader)
        assert client.get(draft.get_absolute_url()).status_code == 404
        assert client.get(scheduled.get_absolute_url()).status_code == 404


def test_staff_see_a_draft_as_the_public_will_with_a_banner(client, staff, english):
    draft = publish("Чернова за кръглата маса", ago=None)
    scheduled = publish("Покана", ago=-timedelta(days=2))
    client.force_login(staff)

    draft_page = client.get(draft.get_absolute_url()).text
    scheduled_page = client.get(scheduled.get_absolute_url()).text

    assert "Draft: only staff can see this page." in draft_page
    assert '<meta name="robots" content="noindex">' in draft_page
    assert "Scheduled for" in scheduled_page
    assert "Draft: only staff" not in scheduled_page


def test_the_list_filters_by_activity_and_by_settlement(client):
    mechka = Settlement.objects.get(slug="mechka")
    publish("Анкетата", activities=["surveys"])
    publish("Срещата в Мечка", activities=["consultations"], settlements=[mechka])
    publish("Срещата в Иваново", activities=["consultations"])
    url = reverse("campaign:news")

    assert titles(client.get(url, {"activity": "surveys"})) == ["Анкетата"]
    assert titles(client.get(url, {"settlement": "mechka"})) == ["Срещата в Мечка"]
    assert set(titles(client.get(url, {"activity": "consultations"}))) == {
        "Срещата в Мечка",
        "Срещата в Иваново",
    }


def test_a_filter_that_makes_no_sense_is_shown_beside_its_field_not_an_error(client, english):
    publish("Анкетата", activities=["surveys"])

    response = client.get(reverse("campaign:news"), {"activity": "<script>"})

    assert response.status_code == 200
    assert "Select a valid choice" in response.text
    assert "<script>" not in response.text.split('id="filter-heading"')[1]


def test_the_list_takes_the_same_few_queries_for_many_articles(
    client, django_assert_max_num_queries
):
    mechka = Settlement.objects.get(slug="mechka")
    first = publish("Първа", activities=["surveys"], settlements=[mechka])
    services.add_article_image(first, user=None, file=png(), alt="Хора в залата")
    url = reverse("campaign:news")
    with django_assert_max_num_queries(10) as one:
        client.get(url, {"settlement": "mechka"})

    for number in range(12):
        more = publish(f"Новина {number}", activities=["campaign", "toolkit"], settlements=[mechka])
        services.add_article_image(more, user=None, file=png(), alt="Хора в залата")

    with django_assert_max_num_queries(len(one)):
        response = client.get(url, {"settlement": "mechka"})
    assert len(response.context["page_obj"]) == 10


def test_the_article_page_shares_its_title_lead_image_and_time(client):
    article = publish(
        "Кръглата маса в Иваново", activities=["campaign"], lead="Обсъдихме препоръките."
    )
    image = services.add_article_image(article, user=None, file=png(), alt="Масата и столовете")

    html = client.get(article.get_absolute_url()).text

    url = f"http://testserver.example{article.get_absolute_url()}"
    assert '<meta property="og:type" content="article">' in html
    assert '<meta property="og:title" content="Кръглата маса в Иваново">' in html
    assert '<meta property="og:description" content="Обсъдихме препоръките.">' in html
    assert f'<meta property="og:url" content="{url}">' in html
    image_url = reverse("campaign:article_image", args=[article.slug, image.pk])
    assert f'<meta property="og:image" content="http://testserver.example{image_url}">' in html
    assert '<meta property="og:image:alt" content="Масата и столовете">' in html
    published = timezone.localtime(article.published_at).replace(microsecond=0).isoformat()
    assert f'<meta property="article:published_time" content="{published}">' in html
    assert f'<img src="{image_url}" alt="Масата и столовете"' in html


def structured_data(html):
    found = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.DOTALL)
    return json.loads(found[1])


def test_the_article_page_describes_itself_as_a_news_article_for_search_engines(client):
    article = publish("Конференцията в Русе", activities=["campaign", "toolkit"])

    data = structured_data(client.get(article.get_absolute_url()).text)

    assert data["@type"] == "NewsArticle"
    assert data["headline"] == "Конференцията в Русе"
    assert data["url"] == f"http://testserver.example{article.get_absolute_url()}"
    published = timezone.localtime(article.published_at).replace(microsecond=0)
    assert data["datePublished"] == published.isoformat()
    assert "image" not in data


def test_a_title_that_closes_the_script_element_stays_inside_the_data(client):
    title = 'Край </script><script>alert("x")</script> & още'
    article = publish(title, lead="<b>не</b> е HTML")

    html = client.get(article.get_absolute_url()).text

    assert "<script>alert" not in html
    assert html.count("</script>") == html.count("<script")
    assert structured_data(html)["headline"] == title


def test_the_security_policy_lets_the_structured_data_be_and_runs_no_inline_script(client):
    article = publish("Новина")

    response = client.get(article.get_absolute_url())

    policy = response.headers["Content-Security-Policy"]
    assert "unsafe-inline" not in policy
    # Browsers never run a data block (type="application/ld+json"), so script-src 'self' keeps
    # it without a nonce, and nothing else inline is on the page.
    assert re.findall(r"<script(?![^>]*\bsrc=)([^>]*)>", response.text) == [
        ' type="application/ld+json"'
    ]


def test_the_body_is_markdown_made_safe(client):
    article = publish(
        "Новина", body="# Какво решихме\n\n<img src=x onerror=alert(1)>\n\n[връзка](javascript:x)"
    )

    html = client.get(article.get_absolute_url()).text

    assert "<h2>Какво решихме</h2>" in html
    assert "<img src=x" not in html
    assert "&lt;img src=x onerror=alert(1)&gt;" in html
    assert 'href="javascript:' not in html


def test_every_public_reading_counts_as_a_view_but_not_staff_or_robots(client, staff):
    article = publish("Новина")
    url = article.get_absolute_url()

    client.get(url)
    client.get(url)
    client.get(url, headers={"User-Agent": "Mozilla/5.0 (compatible; Googlebot/2.1)"})
    client.force_login(staff)
    client.get(url)
    counts.write()

    article.refresh_from_db()
    assert article.views == 2


def test_a_preview_by_staff_of_a_draft_counts_no_view(client, staff):
    draft = publish("Чернова", ago=None)
    client.force_login(staff)

    client.get(draft.get_absolute_url())
    counts.write()

    draft.refresh_from_db()
    assert draft.views == 0


def test_an_image_of_a_draft_is_not_served_to_the_public(client, staff):
    draft = publish("Чернова", ago=None)
    image = services.add_article_image(draft, user=None, file=png(), alt="Снимка")
    url = reverse("campaign:article_image", args=[draft.slug, image.pk])

    assert client.get(url).status_code == 404
    client.force_login(staff)
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    assert response["Content-Disposition"].startswith("inline")


def test_the_home_page_shows_the_three_latest_published_articles(client):
    for days, title in ((4, "Първа"), (3, "Втора"), (2, "Трета"), (1, "Четвърта")):
        publish(title, ago=timedelta(days=days))
    publish("Черновата", ago=None)
    publish("Утрешната", ago=-timedelta(days=1))

    response = client.get(reverse("home"))

    assert [h.title for h in response.context["headlines"]] == ["Четвърта", "Трета", "Втора"]
    assert "Първа" not in response.text
    assert "Черновата" not in response.text
    assert "Утрешната" not in response.text
    assert f'href="{reverse("campaign:news")}"' in response.text
