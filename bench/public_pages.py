"""Every kind of public page, as anonymous residents read it, beside the bare view, through
gunicorn on the demo (``bench/_server.py``): requests per second of each, measured one after the
other in the same run, each at least half the bare view's (issue 14).

The demo is seeded into a database of the benchmark's own. Each page is read twice before it is
measured: the first visitor after a change renders it, the others are served the kept page (the
renderings are bounded by tests/test_public_pages.py's query counts and each activity's
benchmark). The bare view is measured before the pages and after them, and the pages are held to
the higher of the two figures.
"""

import io

import bench
from bench._server import Gunicorn, hammer

SECONDS = 3
WARM_UP_SECONDS = 1
SHARE = 0.5

# The pages the issue names, with the demo's own addresses: home, each activity's landing page,
# the lists, the detail pages, the published results, the scorecard, the coverage.
PAGES = {
    "home": "/",
    "home_english": "/en/",
    "surveys": "/surveys/",
    "monitoring": "/monitoring/",
    "toolkit": "/toolkit/",
    "consultations": "/consultations/",
    "campaign": "/campaign/",
    "recommendations": "/recommendations/",
    "publications": "/publications/",
    "news": "/news/",
    "events": "/events/",
    "methods": "/toolkit/methods/",
    "indicators": "/indicators/",
    "recommendation": None,  # the demo's first public one, found when it is seeded
    "article": "/news/kakvo-ostava-sled-proekta/",
    "event": "/events/obsazhdane-mechka-2027/",
    "method": "/toolkit/methods/public-discussion/",
    "consultation": "/consultations/piro-2021-2027-aktualizatsiya/",
    "questionnaire": "/surveys/grazhdani-i-npo-povtorno/",
    "survey_results": "/surveys/grazhdani-i-npo-2022/results/",
    "survey_report": "/surveys/reports/analiz-grazhdani-i-npo/",
    "monitoring_scorecard": "/monitoring/rounds/grazhdansko-nablyudenie-2023/",
    "monitoring_report": (
        "/monitoring/reports/doklad-ot-grazhdanskoto-nablyudenie-na-obshtina-ivanovo-2023/"
    ),
    "consultation_coverage": "/consultations/coverage/",
    "bulletin": "/campaign/bulletins/pirgovo/",
    "matrix": "/toolkit/matrix/",
}


def seed():
    from django.core.management import call_command

    from ivanovo_portal.recommendations.models import Recommendation

    bench.log("seeding the demo")
    call_command("seed_demo", stdout=io.StringIO())
    shown = Recommendation.objects.exclude(status=Recommendation.Status.DRAFT).order_by("pk")
    return {**PAGES, "recommendation": f"/recommendations/{shown.first().pk}/"}


def run():
    bench.setup()
    with bench.database_of_its_own("pages") as url:
        pages = seed()
        return measure(pages, DATABASE_URL=url)


def measure(pages, **environment):
    results = {}
    with Gunicorn(**environment) as server:
        ok = lambda status: status == 200  # noqa: E731

        hammer(WARM_UP_SECONDS, server.bare, ok)
        bench.log(f"bare view for {SECONDS} s")
        before, _count, bare_failures = hammer(SECONDS, server.bare, ok)
        measured = {}
        for name, path in pages.items():

            def read(_context, path=path):
                return server.request("GET", path)[0]

            read(None)
            read(None)
            bench.log(f"{path} for {SECONDS} s")
            measured[name] = hammer(SECONDS, read, ok)
        after, _count, failures_after = hammer(SECONDS, server.bare, ok)
    bare = max(before, after)
    results["public_pages.bare_view_rps"] = bench.figure(
        bare,
        "req/s",
        "baseline (the higher of before and after)",
        not bare_failures + failures_after,
    )
    for name, (rps, _count, failures) in measured.items():
        results[f"public_pages.{name}.rps"] = bench.figure(
            rps,
            "req/s",
            f">= {SHARE} x bare ({bare * SHARE:.0f}), 0 errors",
            rps >= bare * SHARE and failures == 0,
        )
    return results
