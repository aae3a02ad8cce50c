"""The counts of readings and downloads: kept in Redis, written to their rows by a task that beat
sends every minute, each count once; without Redis, written at once."""

import time

import pytest
from django.conf import settings
from django.test import RequestFactory, override_settings

from campaign.models import Article
from ivanovo_portal import celery_app
from ivanovo_portal.documents.models import GeneratedDocument
from ivanovo_portal.pagecache import counts, tables
from ivanovo_portal.pagecache.tasks import write_counts
from tests.campaign.test_news import publish

pytestmark = pytest.mark.django_db

READING = RequestFactory().get("/", headers={"User-Agent": "Mozilla/5.0 (Android 14; Mobile)"})


def views_of(article):
    return Article.objects.get(pk=article.pk).views


def test_a_count_waits_in_redis_and_reaches_its_row_once():
    article = publish("Ремонт на читалището")
    for _ in range(3):
        counts.add(READING, Article, article.pk, "views")

    assert views_of(article) == 0
    assert counts.write() == 1
    assert views_of(article) == 3
    assert counts.write() == 0
    assert views_of(article) == 3


def test_several_rows_are_written_together_and_a_deleted_one_is_skipped():
    one, other, unread = publish("Първа"), publish("Втора"), publish("Трета")
    for article in (one, one, other):
        counts.add(READING, Article, article.pk, "views")
    counts.add(READING, GeneratedDocument, 10**9, "downloads")  # a document deleted since

    assert counts.write() == 2
    assert [views_of(article) for article in (one, other, unread)] == [2, 1, 0]


def test_counts_of_a_model_or_field_gone_since_are_dropped():
    article = publish("Ремонт на читалището")
    counts.add(READING, Article, article.pk, "views")
    client, key = counts._redis()
    client.hincrby(key, "campaign.Leaflet.views:1", 4)
    client.hincrby(key, f"campaign.Article.readings:{article.pk}", 2)

    assert counts.write() == 1
    assert views_of(article) == 1
    assert counts.write() == 0


def test_counts_the_database_refuses_are_kept_for_the_next_write(monkeypatch):
    article = publish("Ремонт на читалището")
    counts.add(READING, Article, article.pk, "views")

    def refused(rows):
        raise RuntimeError("the database is away")

    with monkeypatch.context() as patched:
        patched.setattr(counts, "_write_rows", refused)
        with pytest.raises(RuntimeError):
            counts.write()
    counts.add(READING, Article, article.pk, "views")

    assert counts.write() == 1
    assert views_of(article) == 2


def test_writing_the_counts_retires_no_kept_page():
    article = publish("Ремонт на читалището")
    counts.add(READING, Article, article.pk, "views")
    before = tables.versions()

    counts.write()

    assert tables.versions() == before


def test_a_robots_reading_is_not_counted():
    article = publish("Ремонт на читалището")
    crawler = RequestFactory().get("/", headers={"User-Agent": "Mozilla/5.0 (compatible; bingbot)"})

    counts.add(crawler, Article, article.pk, "views")

    assert counts.write() == 0


@override_settings(
    CACHES={
        alias: {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": alias}
        for alias in settings.CACHES
    }
)
def test_without_redis_a_count_is_written_at_once():
    article = publish("Ремонт на читалището")

    counts.add(READING, Article, article.pk, "views")

    assert views_of(article) == 1
    assert counts.write() == 0


def test_beat_sends_the_write_every_minute():
    entry = settings.CELERY_BEAT_SCHEDULE["write-counts"]
    assert entry["task"] == write_counts.name
    assert entry["task"] in celery_app.tasks
    assert entry["schedule"] == 60.0


@pytest.mark.worker
@pytest.mark.django_db(transaction=True)
def test_a_worker_writes_the_counts(celery_worker):
    article = publish("Ремонт на читалището")
    counts.add(READING, Article, article.pk, "views")
    counts.add(READING, Article, article.pk, "views")

    write_counts.delay()

    deadline = time.monotonic() + 60
    while views_of(article) != 2:
        if time.monotonic() > deadline:
            pytest.fail(f"the counts did not reach the article; worker log:\n{celery_worker.log()}")
        time.sleep(0.1)
    assert counts.write() == 0
