"""The toolkit with its 32 methods as first published, and an edition of them: the public pages
(the methods, one method, the matrix, the finder answered for an elderly village without
internet) through the test client, each in a bounded number of queries whatever the number of
methods; and the book and the cards of the edition rendered as the worker renders them, each
within a time that keeps a new edition well inside the worker's time limit.
"""

import time

import bench

REPEAT = 5
# The list and a method's page also read where each method was used: the case providers of four
# apps, a constant number of queries whatever the number of methods or cases (about 12 here).
MAX_QUERIES = 20
# The worker's hard time limit is 300 s (CELERY_TASK_TIME_LIMIT): the book keeps far from it.
BOOK_SECONDS = 60
CARDS_SECONDS = 20
FINDER = (
    "?step=drafting&level=consultation&people=30&audiences=elderly&audiences=villagers"
    "&weeks=4&budget=1&internet=none&facilitator=no"
)


def build():
    """Every method of the toolkit's content, and edition 1 printing them."""
    from django.contrib.auth import get_user_model

    from toolkit.services.editions import publish_edition
    from toolkit.services.loading import load_methods

    staff = get_user_model().objects.create(username="bench-toolkit", email="toolkit@example.org")
    load_methods(user=staff)
    return publish_edition(user=staff, note="Бенчмарк")


def reads():
    from django.test import Client
    from django.urls import reverse

    client = Client(HTTP_HOST="localhost")
    results = {}
    for name, url in (
        ("methods", reverse("toolkit:methods")),
        ("method", reverse("toolkit:method", args=["village-meeting"])),
        ("matrix", reverse("toolkit:matrix")),
        ("finder", reverse("toolkit:finder") + FINDER),
    ):
        queries, median_ms = bench.page(client, url, REPEAT, f"toolkit {name}")
        results[f"toolkit.{name}.queries"] = bench.at_most(queries, "queries", MAX_QUERIES)
        results[f"toolkit.{name}.median_ms"] = bench.figure(median_ms, "ms", "informative", True)
    return results


def renders(edition):
    from toolkit.book import render_book_pdf, render_cards_pdf

    results = {}
    for name, render, limit in (
        ("book", render_book_pdf, BOOK_SECONDS),
        ("cards", render_cards_pdf, CARDS_SECONDS),
    ):
        bench.log(f"toolkit {name} of {edition.versions.count()} methods")
        start = time.perf_counter()
        pdf = render(edition)
        seconds = time.perf_counter() - start
        results[f"toolkit.{name}.render_s"] = bench.at_most(round(seconds, 2), "s", limit)
        results[f"toolkit.{name}.kb"] = bench.figure(len(pdf) / 1024, "KB", "informative", True)
    return results


def run():
    bench.setup()
    bench.log("the toolkit's 32 methods and an edition of them")
    edition = build()
    return reads() | renders(edition)
