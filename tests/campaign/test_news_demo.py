"""The demo news: 2023's articles across the five activities, some about particular settlements,
one scheduled a week ahead and one draft; seeding twice adds nothing; every link in them leads
to a page of the portal."""

import re

import pytest
from django.urls import resolve
from django.utils import timezone

from campaign.demo.news import seed
from campaign.models import Article
from ivanovo_portal.accounts.demo import seed_accounts
from ivanovo_portal.project import Activity

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def seeded():
    accounts = seed_accounts()
    seed(accounts)
    return accounts


def test_the_demo_news_covers_2023_and_every_activity(seeded):
    published = Article.objects.published()

    assert 8 <= published.count() <= 12
    assert {article.published_at.year for article in published} == {2023}
    tagged = {tag.activity for article in published for tag in article.activity_tags.all()}
    assert tagged == set(Activity.values)
    assert published.filter(settlements__isnull=False).exists()
    assert published.filter(images__isnull=False).exists()
    assert all(image.alt for article in published for image in article.images.all())


def test_the_demo_has_one_scheduled_article_and_one_draft(seeded):
    now = timezone.now()

    assert Article.objects.filter(published_at__gt=now).count() == 1
    assert Article.objects.filter(published_at__isnull=True).count() == 1


def test_seeding_again_adds_nothing(seeded):
    count = Article.objects.count()

    seed(seeded)

    assert Article.objects.count() == count


def test_every_link_in_the_demo_news_leads_to_a_page_of_the_portal(seeded):
    links = {
        link
        for article in Article.objects.all()
        for link in re.findall(r"\]\((/[^)]*)\)", article.body)
    }

    assert links
    for link in links:
        resolve(link)
