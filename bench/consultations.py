"""A consultation's public page under a heavy load of comments: a document of 12 sections, open
for comment, with 2,000 published comments spread over its sections and the whole document (plus
a hundred awaiting confirmation or moderation, which the page must not show), received through
every channel from the 13 settlements. The page (``consultations:detail`` through the test client,
as the public sees it) in at most 10 queries; its median time is shown for information.
"""

import random
from datetime import timedelta

import bench

SECTIONS = 12
COMMENTS = 2000
UNPUBLISHED = 100
REPEAT = 5
MAX_QUERIES = 10
SLUG = "bench-consultations"


def build():
    """The open consultation, its draft's sections and the comments."""
    from django.utils import timezone

    from consultations.models import Comment, Consultation, Section, Version
    from ivanovo_portal.places.models import Settlement, StakeholderGroup

    rng = random.Random(2023)
    today = timezone.localdate()
    consultation = Consultation.objects.create(
        title="Бенчмарк: проект на Наредба за реда на обществените места",
        slug=SLUG,
        kind=Consultation.Kind.ORDINANCE,
        summary="Наредбата урежда реда на обществените места в 13-те населени места.",
        motives="Мотиви към проекта на наредбата.",
        impact_assessment="Частична предварителна оценка на въздействието.",
        opens_on=today - timedelta(days=10),
        closes_on=today + timedelta(days=20),
        allows_anonymous=True,
        status=Consultation.Status.PUBLISHED,
        published_at=timezone.now(),
    )
    version = Version.objects.create(consultation=consultation, number=1, kind=Version.Kind.DRAFT)
    sections = Section.objects.bulk_create(
        Section(
            version=version,
            key=f"chl-{number}",
            number=f"Чл. {number}",
            heading=f"Член {number}",
            text="Общинската администрация осигурява реда на обществените места. " * 4,
            position=number,
        )
        for number in range(1, SECTIONS + 1)
    )
    settlements = list(Settlement.objects.all())
    groups = list(StakeholderGroup.objects.all())
    channels = Comment.Channel.values
    waiting = [Comment.Status.UNCONFIRMED, Comment.Status.PENDING]
    Comment.objects.bulk_create(
        Comment(
            consultation=consultation,
            # One in ten is on the whole document.
            section=None if number % 10 == 0 else rng.choice(sections),
            text=f"Предложение {number}: " + "да се уточни редът в населените места. " * 3,
            author_name="" if number % 7 == 0 else f"Жител {number}",
            anonymous=number % 7 == 0,
            settlement=rng.choice(settlements),
            group=rng.choice(groups),
            channel=rng.choice(channels),
            status=Comment.Status.PUBLISHED if number < COMMENTS else rng.choice(waiting),
        )
        for number in range(COMMENTS + UNPUBLISHED)
    )
    return consultation


def detail_page(consultation):
    from django.test import Client
    from django.urls import reverse

    client = Client(HTTP_HOST="localhost")
    url = reverse("consultations:detail", args=[consultation.slug])
    queries, median_ms = bench.page(client, url, REPEAT, "consultation page")
    return {
        "consultations.detail_page.queries": bench.at_most(queries, "queries", MAX_QUERIES),
        "consultations.detail_page.median_ms": bench.figure(median_ms, "ms", "informative", True),
    }


def run():
    bench.setup()
    bench.log(f"a consultation of {SECTIONS} sections with {COMMENTS} published comments")
    return detail_page(build())
