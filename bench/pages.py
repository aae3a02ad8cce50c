"""Public pages under a realistic register: the home page, the recommendations list with 2,000
recommendations, and the indicators page. Median time over repeated requests through Django's test
client (the whole Django stack without the network), and the number of database queries per page.
"""

import itertools

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

import bench

RECOMMENDATIONS = 2000
REPEAT = 30
WARM_UP = 3
MEDIAN_MS = 150
MAX_QUERIES = 20

PAGES = {
    "home": "/",
    "recommendations": "/recommendations/",
    "indicators": "/indicators/",
}


def create_recommendations(count):
    """``count`` recommendations in all public statuses, across activities and settlements."""
    from ivanovo_portal.places.models import Settlement
    from ivanovo_portal.project import Activity
    from ivanovo_portal.recommendations.models import Recommendation

    public_statuses = [s for s in Recommendation.Status if s != Recommendation.Status.DRAFT]
    statuses = itertools.cycle([Recommendation.Status.DRAFT, *public_statuses])
    activities = itertools.cycle([*Activity.values, ""])
    recommendations = Recommendation.objects.bulk_create(
        Recommendation(
            number=f"B-{i:05d}",
            title=f"Препоръка {i}: по-достъпна информация за решенията на общинския съвет",
            text="Общината да публикува проектите на решения поне 30 дни преди заседанието. " * 3,
            rationale="Жителите на малките населени места научават за решенията късно. " * 3,
            source_label="Кръгла маса в Иваново",
            activity=next(activities),
            status=next(statuses),
            progress=i % 101,
        )
        for i in range(1, count + 1)
    )
    settlements = list(Settlement.objects.all())
    through = Recommendation.settlements.through
    links = [
        through(recommendation_id=rec.pk, settlement_id=settlements[(i + k) % len(settlements)].pk)
        for i, rec in enumerate(recommendations)
        if settlements and i % 3
        for k in range(i % 3)
    ]
    through.objects.bulk_create(links)
    return len(recommendations)


def measure(client, name, path):
    for _ in range(WARM_UP):
        response = client.get(path)
        if response.status_code != 200:
            raise AssertionError(f"GET {path} answered {response.status_code}, not 200")
    with CaptureQueriesContext(connection) as queries:
        client.get(path)
    # Counted now: every request clears the connection's query log.
    query_count = len(queries)
    median = bench.timed_median(lambda: client.get(path), REPEAT)
    return {
        f"pages.{name}.median_ms": bench.at_most(median, "ms", MEDIAN_MS),
        f"pages.{name}.queries": bench.at_most(query_count, "queries", MAX_QUERIES),
    }


def run():
    bench.setup()
    pages = dict(PAGES)
    try:
        from ivanovo_portal.recommendations.models import Recommendation  # noqa: F401
    except ImportError:
        bench.log("NOTE: no Recommendation model yet: /recommendations/ is not measured")
        pages.pop("recommendations")
    else:
        bench.log(f"creating {RECOMMENDATIONS} recommendations")
        create_recommendations(RECOMMENDATIONS)
    # A host the settings allow (the test runner's "testserver" is not among them).
    client = Client(HTTP_HOST="localhost")
    results = {}
    for name, path in pages.items():
        bench.log(f"GET {path} x {REPEAT}")
        results.update(measure(client, name, path))
    return results
