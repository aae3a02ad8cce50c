"""The campaign's public reads under a full archive: 300 published news articles (with a few
drafts and scheduled ones the public must not see), each tagged with activities and settlements
and carrying an image, and a public document to download. The news list and the download through
the test client, as the public sees them, each in at most 10 queries; their median times are
shown for information. (The newsletter's benchmark is ``bench/newsletter.py``.)
"""

import io
from datetime import timedelta

import bench

ARTICLES = 300
UNPUBLISHED = 20
REPEAT = 5
MAX_QUERIES = 10


def build():
    """The articles, their tags and images, and one village bulletin ready to download."""
    from django.contrib.contenttypes.models import ContentType
    from django.core.files.base import ContentFile
    from django.core.files.storage import default_storage
    from django.utils import timezone
    from PIL import Image

    from campaign.bulletin import KIND
    from campaign.models import Article, ArticleActivity, ArticleImage
    from ivanovo_portal.documents.models import GeneratedDocument
    from ivanovo_portal.places.models import Settlement
    from ivanovo_portal.project import Activity

    now = timezone.now()
    picture = io.BytesIO()
    Image.new("RGB", (320, 200), "steelblue").save(picture, "PNG")
    image = default_storage.save("campaign/news/bench.png", ContentFile(picture.getvalue()))
    articles = Article.objects.bulk_create(
        Article(
            title=f"Новина {number}: обществено обсъждане в населените места",
            slug=f"bench-{number}",
            lead="Кратко описание на новината за списъка и за споделяне.",
            body="Текст на новината. " * 40,
            # The last ones are drafts or scheduled: the public must not see them.
            published_at=(
                None
                if number >= ARTICLES + UNPUBLISHED // 2
                else now + timedelta(days=1)
                if number >= ARTICLES
                else now - timedelta(hours=number)
            ),
        )
        for number in range(ARTICLES + UNPUBLISHED)
    )
    activities = list(Activity)
    ArticleActivity.objects.bulk_create(
        ArticleActivity(article=article, activity=activities[number % 5])
        for number, article in enumerate(articles)
    )
    settlements = list(Settlement.objects.all())
    Through = Article.settlements.through
    Through.objects.bulk_create(
        Through(article=article, settlement=settlements[(number + shift) % 13])
        for number, article in enumerate(articles)
        for shift in (0, 5)
    )
    ArticleImage.objects.bulk_create(
        ArticleImage(article=article, file=image, alt="Снимка от срещата в читалището")
        for article in articles
    )
    pdf = default_storage.save("documents/bench-bulletin.pdf", ContentFile(b"%PDF-1.7\n" * 4096))
    return GeneratedDocument.objects.create(
        kind=KIND,
        content_type=ContentType.objects.get_for_model(Settlement),
        object_id=settlements[0].pk,
        title="Бюлетин на Иваново",
        status=GeneratedDocument.Status.READY,
        file=pdf,
        size=default_storage.size(pdf),
        pages=2,
        sha256="0" * 64,
        finished_at=now,
    )


def reads(document):
    from django.test import Client
    from django.urls import reverse

    client = Client(HTTP_HOST="localhost")
    results = {}
    for name, url in (
        ("news_list", reverse("campaign:news")),
        ("download", document.download_url),
    ):
        queries, median_ms = bench.page(client, url, REPEAT, name.replace("_", " "))
        results[f"campaign.{name}.queries"] = bench.at_most(queries, "queries", MAX_QUERIES)
        results[f"campaign.{name}.median_ms"] = bench.figure(median_ms, "ms", "informative", True)
    return results


def run():
    bench.setup()
    bench.log(f"{ARTICLES} published news articles with tags and images; a bulletin to download")
    return reads(build())
