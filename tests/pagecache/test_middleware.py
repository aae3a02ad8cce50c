"""Who is served a kept page and what is kept: the same page for every anonymous visitor, nothing
that is one visitor's own."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from campaign.models import Article
from ivanovo_portal.pagecache import counts, tables
from tests.campaign.test_news import publish

pytestmark = pytest.mark.django_db


def served(client, path, **headers):
    """(the answer, the number of queries it took)."""
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path, headers=headers)
    return response, len(queries)


def test_an_anonymous_visitor_is_served_the_kept_page_without_the_database(client):
    first, rendering = served(client, "/")
    again, queries = served(client, "/")

    assert rendering > 0
    assert queries == 0
    assert again.status_code == 200
    assert again.content == first.content
    assert again["Content-Type"] == first["Content-Type"]
    # The headers of the middleware above the cache come with every answer.
    assert again["X-Content-Type-Options"] == "nosniff"
    assert again["Content-Security-Policy"] == first["Content-Security-Policy"]


def test_each_language_is_a_page_of_its_own(client):
    served(client, "/")
    english, queries = served(client, "/en/")

    assert queries > 0
    assert english["Content-Language"] == "en"
    assert served(client, "/")[0]["Content-Language"] == "bg"


def test_the_query_is_part_of_the_address_kept(client):
    served(client, "/recommendations/")
    assert served(client, "/recommendations/?status=filed")[1] > 0
    assert served(client, "/recommendations/?status=filed")[1] == 0


def test_a_visitor_with_a_session_or_a_cookie_of_their_own_is_not_served_a_kept_page(client):
    served(client, "/")
    client.cookies["sessionid"] = "whatever"
    assert served(client, "/")[1] > 0

    client.cookies.pop("sessionid")
    client.cookies["anything"] = "else"
    assert served(client, "/")[1] > 0

    client.cookies.pop("anything")
    client.cookies["csrftoken"] = "x" * 32
    assert served(client, "/")[1] == 0


def test_staff_are_never_served_a_kept_page(client, staff):
    served(client, "/")
    client.force_login(staff)

    response, queries = served(client, "/")

    assert queries > 0
    assert reverse("accounts:logout") in response.content.decode()


def test_htmx_requests_are_answered_afresh(client):
    served(client, "/")
    assert served(client, "/", HX_Request="true")[1] > 0


def test_a_page_with_a_form_for_the_visitor_is_never_kept(client):
    path = reverse("campaign:newsletter")
    first, _ = served(client, path)
    client.cookies.clear()

    again, queries = served(client, path)

    assert "csrfmiddlewaretoken" in first.content.decode()
    assert queries > 0
    assert again.cookies["csrftoken"]
    # Nor for a visitor who holds the CSRF cookie already: the token in the page is theirs.
    assert "csrftoken" in client.cookies
    assert served(client, path)[1] > 0


def test_a_page_that_writes_is_not_kept(client):
    """A page that changes the database while it renders runs again for the next visitor: the
    first visit to a bulletin queues its PDF; the next one finds it queued."""
    path = reverse("campaign:bulletin", args=["pirgovo"])

    served(client, path)
    queued, queries = served(client, path)
    kept, none = served(client, path)

    assert queries > 0
    assert none == 0
    assert kept.content == queued.content


def test_an_article_read_from_the_kept_page_is_still_counted_and_a_robots_is_not(client):
    article = publish("Ремонт на читалището")
    path = article.get_absolute_url()

    served(client, path)
    response, queries = served(client, path)
    served(client, path, User_Agent="Googlebot/2.1 (+http://www.google.com/bot.html)")

    assert response.status_code == 200
    assert queries == 0  # counted in Redis
    counts.write()
    assert Article.objects.get(pk=article.pk).views == 2


def test_counting_readings_does_not_make_the_article_page_render_again(client):
    article = publish("Ремонт на читалището")
    path = article.get_absolute_url()
    served(client, path)
    before = tables.versions()["campaign_article"]

    served(client, path)

    assert tables.versions()["campaign_article"] == before


def test_a_post_is_never_answered_from_the_cache(client):
    path = reverse("campaign:newsletter")
    served(client, path)
    response, queries = served(client, path)
    assert queries > 0
    response = client.post(path, {})
    assert response.status_code == 200
    assert "csrfmiddlewaretoken" in response.content.decode()


def test_turned_off_every_page_is_rendered(client, settings):
    settings.PAGE_CACHE_SECONDS = 0
    served(client, "/")
    assert served(client, "/")[1] > 0


def test_a_session_saved_gives_no_table_a_new_version(client, staff):
    """No kept page read the sessions: they are made for visitors without one."""
    client.force_login(staff)
    client.get("/")

    assert client.session.session_key
    assert tables.versions()["django_session"] is None
