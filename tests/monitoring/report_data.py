"""A round worked out by hand for the monitoring report's tests, and a report on it.

On the framework of ``conftest.py`` (T1, T2 in area T; P1, P2 in area P), with ``centre`` (the
administration) and ``village`` (the first mayoralty):

=====  =========  =========  =======  ======  ======  =====  =====================
code   where      monitor    channel  first   second  final  reply
=====  =========  =========  =======  ======  ======  =====  =====================
T1     centre     monitor    online   2       2       2      on time (05.12.2026)
T2     centre     monitor2   paper    1       0       1      late (12.12.2026)
P2     centre     monitor    online   0       0       0      none
P1     village    monitor2   online   1       1       1      none
P2     village    monitor    online   2       —       —      (awaiting the second)
T2     village    monitor    online   (a draft: left out of every figure)
=====  =========  =========  =======  ======  ======  =====  =====================

Reply deadline 10.12.2026. Agreement: 4 pairs, 3 alike (75%); kappa: p_o = 3/4, first marginals
0:1 1:2 2:1, second 0:2 1:1 2:1, p_e = (2 + 2 + 1)/16 = 5/16, kappa = (12/16 − 5/16)/(11/16) =
7/11 = 0.64. Area T: 2 pairs, 1 alike (50%); area P: 2 pairs, 2 alike (100%).

Requests, judged on 01.12.2026: one answered in time, one late, one not at all (a tacit refusal),
one overdue, one still within its deadline.
"""

from datetime import date, datetime
from zoneinfo import ZoneInfo

from django.utils import timezone

from ivanovo_portal.places.models import Settlement
from ivanovo_portal.recommendations import services as register_services
from monitoring.models import (
    Channel,
    Criterion,
    InformationRequest,
    Membership,
    Observation,
    Reply,
    Round,
    Scope,
    SecondScore,
)
from monitoring.services import reports

from .conftest import build_framework, build_round

SOFIA = ZoneInfo("Europe/Sofia")
TODAY = date(2026, 12, 1)

FINDINGS = [
    # code, where, monitor, channel, first, second, final, status, reply (day, text)
    ("T1", "centre", "monitor", Channel.ONLINE, 2, 2, 2, "verified", (5, "Отговорът е в срок.")),
    ("T2", "centre", "monitor2", Channel.PAPER, 1, 0, 1, "verified", (12, "Закъснял отговор.")),
    ("P2", "centre", "monitor", Channel.ONLINE, 0, 0, 0, "verified", None),
    ("P1", "village", "monitor2", Channel.ONLINE, 1, 1, 1, "verified", None),
    ("P2", "village", "monitor", Channel.ONLINE, 2, None, None, "submitted", None),
    ("T2", "village", "monitor", Channel.ONLINE, 1, None, None, "draft", None),
]


def finding_text(code, where):
    return f"Констатация {code} за {where}: публикувано е частично."


def add_findings(round_, people, places):
    for code, where, who, channel, first, second, final, status, reply in FINDINGS:
        observation = Observation.objects.create(
            round=round_,
            criterion=Criterion.objects.get(area__version=round_.version, code=code),
            settlement=places[where],
            monitor=people[who],
            channel=channel,
            observed_on=date(2026, 10, 1),
            finding=finding_text(code, where),
            score=first,
            status=status,
            final_score=final,
            verified_at=timezone.now() if status == "verified" else None,
        )
        if second is not None:
            SecondScore.objects.create(
                observation=observation, scorer=people["staff"], score=second
            )
        if reply:
            day, text = reply
            answer = Reply.objects.create(observation=observation, text=text)
            Reply.objects.filter(pk=answer.pk).update(
                answered_at=datetime(2026, 12, day, 15, tzinfo=SOFIA)
            )


REQUESTS = [
    # subject, submitted on, answer, answered on
    ("Бюджет 2026", date(2026, 9, 1), InformationRequest.Answer.FULL, date(2026, 9, 10)),
    ("Договори", date(2026, 9, 1), InformationRequest.Answer.PARTIAL, date(2026, 10, 1)),
    ("Протоколи", date(2026, 9, 1), InformationRequest.Answer.NONE, None),
    ("Заповеди", date(2026, 9, 1), InformationRequest.Answer.PENDING, None),
    ("Обявления", date(2026, 11, 25), InformationRequest.Answer.PENDING, None),
]


def add_requests(round_, centre, monitor):
    for subject, submitted_on, answer, answered_on in REQUESTS:
        InformationRequest.objects.create(
            round=round_,
            settlement=centre,
            subject=subject,
            text=f"Моля, предоставете: {subject}.",
            channel=InformationRequest.Channel.EMAIL,
            submitted_on=submitted_on,
            answer=answer,
            answered_on=answered_on,
            made_by=monitor,
        )


def monitored_round(round_, monitor, monitor2, staff, centre, village):
    """The round of the table above, in its right of reply, ``monitor`` named by consent."""
    monitor.first_name, monitor.last_name = "Мария", "Петрова"
    monitor.save()
    monitor2.first_name, monitor2.last_name = "Иван", "Скрития"
    monitor2.save()
    staff.first_name, staff.last_name = "Елена", "Координаторова"
    staff.save()
    Membership.objects.filter(round=round_, user=monitor).update(name_public=True)
    Round.objects.filter(pk=round_.pk).update(
        status=Round.Status.REPLY, reply_deadline=date(2026, 12, 10)
    )
    round_.refresh_from_db()
    people = {"monitor": monitor, "monitor2": monitor2, "staff": staff}
    add_findings(round_, people, {"centre": centre, "village": village})
    add_requests(round_, centre, monitor)
    return round_


def publish_round(round_):
    Round.objects.filter(pk=round_.pk).update(
        status=Round.Status.PUBLISHED, published_at=timezone.now()
    )
    round_.refresh_from_db()


def report_on(round_, staff):
    return reports.create_report(
        round_,
        user=staff,
        title="Доклад от гражданското наблюдение 2026",
        summary="Общината публикува част от информацията.",
        findings="Констатациите по области следват.",
        conclusions="Прозрачността трябва да се подобри.",
    )


def recommend(report, user, title="Публикуване на договорите"):
    return register_services.create_recommendation(
        source=report,
        user=user,
        title=title,
        text="Общината да публикува всички договори на сайта си.",
        rationale="Договорите не се намират на сайта.",
    )


# A full round: 35 criteria × 13 settlements, every cell scored twice, half of them answered.

FULL_CRITERIA = [
    ("T" if number <= 18 else "P", f"K{number}", Scope.ALL, 1 + number % 3, False)
    for number in range(1, 36)
]
FINDING = (
    "На сайта на общината е публикувана само част от изискуемата информация; липсват "
    "актуалните версии на документите и датите на последната им промяна."
)


def full_round(monitor, staff):
    round_ = build_round(
        build_framework(slug="full", criteria=FULL_CRITERIA),
        slug="full-round",
        members=[(monitor, Membership.Role.MONITOR), (staff, Membership.Role.COORDINATOR)],
    )
    criteria = list(Criterion.objects.filter(area__version=round_.version))
    now = timezone.now()
    observations = Observation.objects.bulk_create(
        Observation(
            round=round_,
            criterion=criterion,
            settlement=settlement,
            monitor=monitor,
            finding=FINDING,
            score=(criterion.pk + settlement.pk) % 3,
            status=Observation.Status.VERIFIED,
            final_score=(criterion.pk + settlement.pk) % 3,
            verified_at=now,
        )
        for criterion in criteria
        for settlement in Settlement.objects.all()
    )
    SecondScore.objects.bulk_create(
        SecondScore(observation=o, scorer=staff, score=(o.score + o.pk % 5 // 4) % 3)
        for o in observations
    )
    Reply.objects.bulk_create(
        Reply(observation=o, text="Общината ще публикува документите до края на годината.")
        for o in observations[::2]
    )
    publish_round(round_)
    return round_
