"""The staff results page on 100,000 responses to a 30-question questionnaire
(``surveys:results``, the whole Django stack through the test client: ``results_for``, the filter
form, charts and template) against hand-written SQL computing the same figures with the same
GROUP BYs, each timed as a median over repeated runs: the page may take at most twice as long, in
at most 20 queries. The exports of the same responses are ``surveys_exports``.

Then the public results page of the same questionnaire (``surveys:public_results``, an anonymous
visitor) once its results are published: the figures are counted once, when they are published
(``publish_results``, timed for information), and the page reads them from the questionnaire's
row. It is timed as the first visitor after publication reads it, with the page cache off: at
most 200 ms (the median), in at most ``PUBLIC_MAX_QUERIES`` queries.
"""

import time

import bench
from bench import survey_data

REPEAT = 3
MAX_RATIO = 2.0
MAX_QUERIES = 20
PUBLIC_REPEAT = 10
PUBLIC_MAX_MS = 200
PUBLIC_MAX_QUERIES = 10

# The figures of the results page, written by hand as fast as we know how: summary, respondents
# per multiple choice and matrix question (the others have one row per respondent, so the next
# query counts them), answers per option / settlement / number / date, the most frequent "other"
# texts and the latest texts. The page works out the mean, median, extremes and the dates' range
# from the groups of the third query, as a client of this SQL would.
PLAIN_SQL = [
    """SELECT channel, settlement_id, count(*) FROM surveys_response
       WHERE questionnaire_id = %(questionnaire)s GROUP BY channel, settlement_id""",
    """SELECT question_id, count(*) FROM (
         SELECT question_id, response_id FROM surveys_answer
         WHERE question_id = ANY(%(spread)s) GROUP BY question_id, response_id) pairs
       GROUP BY question_id""",
    """SELECT question_id, row_id, choice_id, settlement_id, number, date, count(*)
       FROM surveys_answer WHERE question_id = ANY(%(all)s)
       GROUP BY question_id, row_id, choice_id, settlement_id, number, date""",
    """SELECT question_id, words, n FROM (
         SELECT question_id, lower(trim(other_text)) AS words, count(*) AS n,
                row_number() OVER (PARTITION BY question_id
                                   ORDER BY count(*) DESC, lower(trim(other_text))) AS rank
         FROM surveys_answer WHERE question_id = ANY(%(choice)s) AND other_text <> ''
         GROUP BY question_id, lower(trim(other_text))) ranked
       WHERE rank <= 10 ORDER BY question_id, rank""",
    """SELECT question_id, text FROM (
         SELECT question_id, text,
                row_number() OVER (PARTITION BY question_id ORDER BY id DESC) AS rank
         FROM surveys_answer WHERE question_id = ANY(%(text)s) AND text <> '') ranked
       WHERE rank <= 5 ORDER BY question_id, rank""",
]


def _plain_sql_runner(questionnaire):
    from django.db import connection

    from surveys.models import Question

    kinds = dict(
        Question.objects.filter(section__questionnaire=questionnaire).values_list("pk", "kind")
    )

    def of(*wanted):
        return [pk for pk, kind in kinds.items() if kind in wanted]

    params = {
        "questionnaire": questionnaire.pk,
        "all": list(kinds),
        "spread": of("multiple", "matrix"),
        "choice": of("single", "multiple", "scale", "matrix", "yes_no"),
        "text": of("short_text", "long_text"),
    }

    def run():
        with connection.cursor() as cursor:
            for sql in PLAIN_SQL:
                cursor.execute(sql, params)
                cursor.fetchall()

    return run


def _staff_client():
    from django.contrib.auth.models import Permission
    from django.test import Client

    from ivanovo_portal.accounts.models import User

    user, _created = User.objects.get_or_create(username="bench-analyst")
    user.user_permissions.add(
        *Permission.objects.filter(
            content_type__app_label="surveys", codename__in=["view_results", "export_responses"]
        )
    )
    client = Client(HTTP_HOST="localhost")
    client.force_login(user)
    return client


def results_page(questionnaire):
    from django.urls import reverse

    client = _staff_client()
    url = reverse("surveys:results", args=[questionnaire.slug])

    query_count, page_ms = bench.page(client, url, REPEAT, "results page")
    plain = _plain_sql_runner(questionnaire)
    plain()
    bench.log(f"plain SQL x {REPEAT}")
    plain_ms = bench.timed_median(plain, REPEAT)
    ratio = page_ms / plain_ms
    return {
        "surveys.results_page.median_ms": bench.figure(page_ms, "ms", "informative", True),
        "surveys.results_page.plain_sql_ms": bench.figure(plain_ms, "ms", "informative", True),
        "surveys.results_page.ratio_to_plain_sql": bench.at_most(ratio, "x", MAX_RATIO),
        "surveys.results_page.queries": bench.at_most(query_count, "queries", MAX_QUERIES),
    }


def public_results_page(questionnaire):
    """The published results as an anonymous visitor reads them, with the page cache off, and
    how long publishing took (the figures are counted then)."""
    from django.test import Client, override_settings
    from django.urls import reverse

    from surveys.models import Questionnaire
    from surveys.services.questionnaires import publish_results

    # Published for the first time: figures an earlier benchmark froze (publishing a report of
    # the same responses does) are set aside, so that publishing counts them.
    Questionnaire.objects.filter(pk=questionnaire.pk).update(
        public_figures=None, results_published=False
    )
    started = time.perf_counter()
    questionnaire = publish_results(questionnaire)
    publish_ms = (time.perf_counter() - started) * 1000
    url = reverse("surveys:public_results", args=[questionnaire.slug])
    with override_settings(PAGE_CACHE_SECONDS=0):
        query_count, page_ms = bench.page(
            Client(HTTP_HOST="localhost"), url, PUBLIC_REPEAT, "public results page"
        )
    return {
        "surveys.public_results.publish_ms": bench.figure(publish_ms, "ms", "informative", True),
        "surveys.public_results.median_ms": bench.at_most(page_ms, "ms", PUBLIC_MAX_MS),
        "surveys.public_results.queries": bench.at_most(query_count, "queries", PUBLIC_MAX_QUERIES),
    }


def run():
    bench.setup()
    questionnaire = survey_data.questionnaire_with_responses()
    return results_page(questionnaire) | public_results_page(questionnaire)
