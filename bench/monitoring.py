"""Civic monitoring at the size of ten years of rounds: 10 published rounds × 35 criteria × 13
settlements, every cell scored twice (a tenth of them disputed and reconciled, a few not
applicable).

- The public scorecard of the latest round: its figures as the public page gets them
  (``monitoring.scorecard.scorecard``: a published round's are worked out once and kept) against
  one hand-written SQL query computing the same figures — the percentage of the weighted maximum
  overall, per area, per settlement and per criterion, for the round and the one before it (the
  change since the previous round): median time, at most twice the SQL. The whole page
  (``monitoring:scorecard`` through the test client, as the public sees it) in at most 10
  queries; its time, and the figures' first computation, are shown for information (the speed
  of whole public pages is measured with the other pages in ``pages.py``).
- The monitoring report's PDF (the report kind of ``monitoring/pdf.py``, through its registered
  renderer as the documents worker calls it) for the same round with three recommendations: the
  median of a few renders after a warm-up render, at most 5 s.
"""

import random
from datetime import date, timedelta

import bench

ROUNDS = 10
CRITERIA = 35
AREAS = 5
REPEAT = 5
PDF_REPEAT = 3
MAX_QUERIES = 10
MAX_RATIO = 2.0
MAX_SECONDS = 5
SLUG = "bench-monitoring"

# The scorecard's figures in one query: points over the weighted maximum of the verified cells
# that apply, for the round and the one before it, by the four groupings the page shows.
PLAIN_SQL = """
SELECT o.round_id, a.code, o.settlement_id, c.code,
       100.0 * sum(c.weight * o.final_score) / nullif(sum(c.weight * top.value), 0)
FROM monitoring_observation o
JOIN monitoring_criterion c ON c.id = o.criterion_id
JOIN monitoring_area a ON a.id = c.area_id
JOIN (SELECT criterion_id, max(value) AS value FROM monitoring_scalepoint GROUP BY criterion_id)
     top ON top.criterion_id = c.id
WHERE o.round_id = ANY(%(rounds)s) AND o.status = 'verified' AND NOT o.final_not_applicable
GROUP BY GROUPING SETS ((o.round_id), (o.round_id, a.code), (o.round_id, o.settlement_id),
                        (o.round_id, c.code))
"""


def _people():
    from ivanovo_portal.accounts.models import User

    return [
        User.objects.get_or_create(
            username=f"{SLUG}-{name}", defaults={"email": f"{SLUG}-{name}@example.org"}
        )[0]
        for name in ("monitor-1", "monitor-2", "monitor-3", "coordinator")
    ]


def _framework():
    """One frozen version of 35 criteria in five areas, each scored in every settlement."""
    from django.utils import timezone

    from monitoring.models import (
        Area,
        Criterion,
        EvidenceKind,
        Framework,
        FrameworkVersion,
        ScalePoint,
        Scope,
    )

    framework = Framework.objects.create(name="Рамка за бенчмарка", slug=SLUG)
    version = FrameworkVersion.objects.create(
        framework=framework, number=1, frozen_at=timezone.now()
    )
    areas = Area.objects.bulk_create(
        Area(version=version, code=chr(ord("A") + n), name=f"Област {n + 1}", position=n)
        for n in range(AREAS)
    )
    criteria = Criterion.objects.bulk_create(
        Criterion(
            area=areas[n % AREAS],
            code=f"{chr(ord('A') + n % AREAS)}{n // AREAS + 1}",
            question=f"Публикувана ли е информацията по критерий {n + 1} на сайта на общината?",
            legal_basis="ЗДОИ, чл. 15, ал. 1",
            evidence_kind=EvidenceKind.WEBSITE,
            scope=Scope.ALL,
            weight=1 + n % 3,
            allows_not_applicable=n % 7 == 0,
            position=n,
        )
        for n in range(CRITERIA)
    )
    ScalePoint.objects.bulk_create(
        ScalePoint(criterion=criterion, value=value, label=label, descriptor=f"{label}.")
        for criterion in criteria
        for value, label in enumerate(("не е изпълнено", "частично", "изцяло"))
    )
    return version, criteria


def build():
    """The rounds, their members and every cell scored twice; returns the latest round."""
    from django.utils import timezone

    from ivanovo_portal.places.models import Settlement
    from monitoring.models import Membership, Observation, Round, SecondScore

    rng = random.Random(2023)
    *monitors, coordinator = _people()
    version, criteria = _framework()
    settlements = list(Settlement.objects.all())
    now = timezone.now()
    latest = None
    for number in range(ROUNDS):
        start = date(2014 + number, 1, 16)
        latest = Round.objects.create(
            title=f"Гражданско наблюдение {start.year}",
            slug=f"{SLUG}-{start.year}",
            version=version,
            period_start=start,
            period_end=start + timedelta(days=74),
            status=Round.Status.PUBLISHED,
            reply_deadline=start + timedelta(days=110),
            published_at=now - timedelta(days=365 * (ROUNDS - number)),
        )
        Membership.objects.bulk_create(
            [
                *(
                    Membership(round=latest, user=user, role=Membership.Role.MONITOR)
                    for user in monitors
                ),
                Membership(round=latest, user=coordinator, role=Membership.Role.COORDINATOR),
            ]
        )
        cells = []
        for criterion in criteria:
            for place, settlement in enumerate(settlements):
                first = _score(rng, criterion)
                second = first if rng.random() < 0.9 else _score(rng, criterion)
                disputed = second != first
                final = rng.choice([first, second]) if disputed else first
                cells.append(
                    (
                        Observation(
                            round=latest,
                            criterion=criterion,
                            settlement=settlement,
                            monitor=monitors[place % 3],
                            observed_on=start + timedelta(days=place),
                            finding=f"Проверено на сайта и на място: {criterion.code}.",
                            score=first,
                            not_applicable=first is None,
                            status=Observation.Status.VERIFIED,
                            submitted_at=now,
                            final_score=final,
                            final_not_applicable=final is None,
                            reconciled_by=coordinator if disputed else None,
                            reconciliation="Съгласувано по описанието на скалата."
                            if disputed
                            else "",
                            verified_at=now,
                        ),
                        SecondScore(
                            scorer=monitors[(place + 1) % 3],
                            score=second,
                            not_applicable=second is None,
                        ),
                    )
                )
        Observation.objects.bulk_create(observation for observation, _second in cells)
        for observation, second in cells:
            second.observation = observation
        SecondScore.objects.bulk_create(second for _observation, second in cells)
    return latest, coordinator


def _score(rng, criterion):
    if criterion.allows_not_applicable and rng.random() < 0.1:
        return None
    return rng.choices([0, 1, 2], weights=[3, 4, 5])[0]


def scorecard_page(round_):
    from django.db import connection
    from django.test import Client
    from django.urls import reverse

    from monitoring.models import Round

    client = Client(HTTP_HOST="localhost")
    url = reverse("monitoring:scorecard", args=[round_.slug])

    query_count, page_ms = bench.page(client, url, REPEAT, "scorecard page")

    from monitoring.scorecard import _scorecard, previous_round, scorecard

    def figures():
        return scorecard(Round.objects.get(pk=round_.pk))

    bench.log(f"the scorecard's figures x {REPEAT}")
    figures_ms = bench.timed_median(figures, REPEAT)
    previous = previous_round(round_)
    cold_ms = bench.timed_median(lambda: _scorecard(round_, previous), REPEAT)
    params = {"rounds": [round_.pk, previous.pk]}

    def plain():
        with connection.cursor() as cursor:
            cursor.execute(PLAIN_SQL, params)
            cursor.fetchall()

    plain()
    bench.log(f"plain SQL x {REPEAT}")
    plain_ms = bench.timed_median(plain, REPEAT)
    return {
        "monitoring.scorecard_page.median_ms": bench.figure(page_ms, "ms", "informative", True),
        "monitoring.scorecard.figures_ms": bench.figure(figures_ms, "ms", "informative", True),
        "monitoring.scorecard.first_computation_ms": bench.figure(
            cold_ms, "ms", "informative", True
        ),
        "monitoring.scorecard.plain_sql_ms": bench.figure(plain_ms, "ms", "informative", True),
        "monitoring.scorecard.ratio_to_plain_sql": bench.at_most(
            figures_ms / plain_ms, "x", MAX_RATIO
        ),
        "monitoring.scorecard_page.queries": bench.at_most(query_count, "queries", MAX_QUERIES),
    }


def report_pdf(round_, coordinator):
    from ivanovo_portal.documents.registry import kinds
    from ivanovo_portal.recommendations import services as register_services
    from monitoring import pdf
    from monitoring.services import reports

    report = reports.create_report(
        round_,
        user=coordinator,
        title="Бенчмарк: доклад от гражданското наблюдение",
        summary="Обобщение на наблюдението. " * 20,
        methodology_note="Бележка за метода. " * 10,
        findings="Коментар на констатациите. " * 20,
        conclusions="Изводи от наблюдението. " * 20,
    )
    for number in range(1, 4):
        recommendation = register_services.create_recommendation(
            source=report,
            user=coordinator,
            title=f"Препоръка {number}: справка от всяка обществена консултация",
            text="Да се публикува справка за постъпилите предложения с мотивите. " * 3,
            rationale="Справки от консултациите не се публикуват. " * 3,
        )
        register_services.approve(recommendation, user=coordinator)
    reports.publish(report, user=coordinator)
    renderer = kinds.get(pdf.REPORT_KIND).renderer
    bench.log(f"rendering the report's PDF, 1 + {PDF_REPEAT} times")
    rendered = renderer(report)
    bench.log(f"the PDF has {len(rendered.content) // 1024} KB")
    seconds = bench.timed_median(lambda: renderer(report), PDF_REPEAT) / 1000
    return {"monitoring.report_pdf_s": bench.at_most(seconds, "s", MAX_SECONDS)}


def run():
    bench.setup()
    bench.log(f"building {ROUNDS} rounds x {CRITERIA} criteria x 13 settlements, each scored twice")
    latest, coordinator = build()
    return {**scorecard_page(latest), **report_pdf(latest, coordinator)}
