"""Registering for a meeting all at once: 200 people for a meeting of 50 places, each in a thread
of its own with its own database connection, released together, through the service the
registration page calls (``meetings.services.registrations.register``). Targets: exactly 50
confirmed and 150 on the waiting list, nobody lost, nobody twice, nobody on the waiting list who
registered before someone given a place. Then 10 of those with a place cancel at once: exactly
the first 10 waiting move up, in the order they registered. The times are for information.

PostgreSQL serves a limited number of connections (``max_connections``, 100 by default, shared
with whatever else runs on the server), as a production portal has a limited number of web
workers: the threads open their connections as free ones allow (at most ``CONNECTIONS``), the
rest wait for one, as requests wait for a worker. The number used is reported beside.
"""

import threading
import time
from datetime import timedelta

import bench

PEOPLE = 200
PLACES = 50
CANCELLING = 10
CONNECTIONS = 80
# Connections left for others on the server (the benchmark's own main one among them).
SPARE_CONNECTIONS = 10
SLUG = "bench-meetings"


def _connections():
    """How many connections the threads may hold at once: what the server has free, less a
    margin, at most ``CONNECTIONS``."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT current_setting('max_connections')::int"
            " - current_setting('superuser_reserved_connections')::int"
            " - (SELECT count(*) FROM pg_stat_activity)"
        )
        free = cursor.fetchone()[0]
    return max(1, min(CONNECTIONS, free - SPARE_CONNECTIONS))


def at_once(calls, connections):
    """Run ``calls`` each in a thread of its own, released together; a thread holds one of
    ``connections`` database connections from its first query until it closes it. Returns
    (result or exception of each call, seconds of each call, seconds in all)."""
    from django.db import connection

    barrier = threading.Barrier(len(calls))
    slots = threading.BoundedSemaphore(connections)
    outcomes, seconds = [None] * len(calls), [0.0] * len(calls)

    def run(index, call):
        barrier.wait()
        started = time.perf_counter()
        with slots:
            try:
                outcomes[index] = call()
            except Exception as error:
                outcomes[index] = error
            finally:
                connection.close()
        seconds[index] = time.perf_counter() - started

    threads = [threading.Thread(target=run, args=(index, call)) for index, call in enumerate(calls)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return outcomes, seconds, time.perf_counter() - started


def build():
    """A scheduled meeting of ``PLACES`` places in a month, open for registration."""
    from django.utils import timezone

    from ivanovo_portal.meetings.models import Meeting
    from ivanovo_portal.places.models import Settlement

    starts_at = timezone.now() + timedelta(days=30)
    return Meeting.objects.create(
        title="Бенчмарк: обществено обсъждане",
        slug=SLUG,
        kind=Meeting.Kind.CONSULTATION,
        starts_at=starts_at,
        ends_at=starts_at + timedelta(hours=2),
        settlement=Settlement.objects.get(slug="pirgovo"),
        venue="Народно читалище „Светлина 1927“",
        address="с. Пиргово, ул. „Иван Вазов“ 2",
        capacity=PLACES,
        registration_opens_at=timezone.now() - timedelta(days=1),
        status=Meeting.Status.SCHEDULED,
    )


def register_everyone(meeting, connections):
    from ivanovo_portal.meetings.services import registrations
    from ivanovo_portal.places.models import Settlement, StakeholderGroup

    settlement = Settlement.objects.get(slug="pirgovo")
    group = StakeholderGroup.objects.get(slug="citizens")

    def person(number):
        return lambda: registrations.register(
            meeting,
            name=f"Участник {number}",
            settlement=settlement,
            group=group,
            email=f"{SLUG}-{number}@example.org",
            consent=True,
        )

    bench.log(f"{PEOPLE} registrations at once for {PLACES} places, {connections} connections")
    return at_once([person(number) for number in range(PEOPLE)], connections)


def registrations_figures(meeting, outcomes, seconds, total):
    from ivanovo_portal.meetings.models import Registration

    stored = Registration.objects.filter(meeting=meeting)
    people = stored.values("email").distinct().count()
    confirmed_at = stored.confirmed().values_list("created_at", flat=True)
    out_of_turn = stored.waiting().filter(created_at__lt=max(confirmed_at)).count()
    failed = sum(isinstance(outcome, Exception) for outcome in outcomes)
    prefix = "meetings.registrations"
    return {
        f"{prefix}.confirmed": _exactly(stored.confirmed().count(), PLACES),
        f"{prefix}.waiting": _exactly(stored.waiting().count(), PEOPLE - PLACES),
        f"{prefix}.failed": _exactly(failed, 0),
        f"{prefix}.lost": _exactly(PEOPLE - people, 0),
        f"{prefix}.duplicated": _exactly(stored.count() - people, 0),
        f"{prefix}.out_of_turn": _exactly(out_of_turn, 0),
        f"{prefix}.all_s": bench.figure(total, "s", "informative", True),
        f"{prefix}.slowest_s": bench.figure(max(seconds), "s", "informative", True),
    }


def cancel_some(meeting, connections):
    """``CANCELLING`` of those with a place cancel at once; the figures of the waiting list moving
    up."""
    from ivanovo_portal.meetings.models import Registration
    from ivanovo_portal.meetings.services import registrations

    stored = Registration.objects.filter(meeting=meeting)
    queue = list(stored.waiting().values_list("pk", flat=True))
    leaving = list(stored.confirmed()[:CANCELLING])
    bench.log(f"{CANCELLING} cancellations at once")
    outcomes, _seconds, total = at_once(
        [lambda r=r: registrations.cancel(r) for r in leaving], connections
    )
    promoted = list(
        stored.exclude(promoted_at=None).order_by("created_at", "pk").values_list("pk", flat=True)
    )
    prefix = "meetings.cancellations"
    return {
        f"{prefix}.failed": _exactly(sum(isinstance(o, Exception) for o in outcomes), 0),
        f"{prefix}.promoted": _exactly(len(promoted), CANCELLING),
        f"{prefix}.promoted_out_of_turn": _exactly(len(set(promoted) - set(queue[:CANCELLING])), 0),
        f"{prefix}.confirmed_after": _exactly(stored.confirmed().count(), PLACES),
        f"{prefix}.waiting_after": _exactly(stored.waiting().count(), PEOPLE - PLACES - CANCELLING),
        f"{prefix}.all_s": bench.figure(total, "s", "informative", True),
    }


def _exactly(value, target):
    return bench.figure(value, "", f"== {target}", value == target)


def run():
    bench.setup()
    meeting = build()
    connections = _connections()
    outcomes, seconds, total = register_everyone(meeting, connections)
    return {
        **registrations_figures(meeting, outcomes, seconds, total),
        **cancel_some(meeting, connections),
        "meetings.connections_at_once": bench.figure(connections, "", "informative", True),
    }
