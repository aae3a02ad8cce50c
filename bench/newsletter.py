"""Sending a newsletter issue to 20,000 confirmed subscribers through a real Celery worker and a
local SMTP sink (a small server here that accepts every message and notes its recipients and
Message-ID), with the worker killed (SIGKILL, pool and all) half-way and started again.

Targets: every address received the issue exactly once (counted by recipient at the sink), the
issue ends ``sent`` with 20,000 deliveries sent, the worker's memory stays flat (its resident
memory, sampled while it sends, grows by at most ``MAX_GROWTH_MB``), and the rate never passes the
one set (``RATE`` messages a second, what a small provider allows).
Figures for information: how long queuing the issue took, and the whole run.

The worker that starts again resumes the issue once its pump has been silent for
``sending.SILENCE_SECONDS``; a delivery the killed worker left ``sending`` goes again after the
lease (set short here). Should the kill fall between the sink's acceptance of a message and the
worker's record of it, that one address would receive it twice, with the same Message-ID: the
documented at-least-once window, which the figures would show.
"""

import os
import re
import signal
import socket
import socketserver
import subprocess
import sys
import threading
import time
from collections import Counter
from pathlib import Path

import bench

SUBSCRIBERS = 20_000
RATE = 50
LEASE = 30
MAX_GROWTH_MB = 20
WARM_UP = 500
TIMEOUT = 900
MESSAGE_ID = re.compile(rb"^Message-ID:\s*(\S+)", re.IGNORECASE | re.MULTILINE)


class Sink(socketserver.ThreadingTCPServer):
    """An SMTP server that takes every message: the recipients and Message-ID of each, in the
    order accepted, with the time."""

    daemon_threads = True
    allow_reuse_address = True

    def __init__(self):
        super().__init__(("127.0.0.1", 0), SinkSession)
        self.lock = threading.Lock()
        self.accepted = []

    @property
    def port(self):
        return self.server_address[1]

    def count(self):
        with self.lock:
            return len(self.accepted)


class SinkSession(socketserver.StreamRequestHandler):
    def reply(self, line):
        self.wfile.write(line.encode() + b"\r\n")

    def read_data(self):
        """The message up to the line with a single dot; None when the client went away."""
        lines = []
        while (line := self.rfile.readline()) != b".\r\n":
            if not line:
                return None
            lines.append(line)
        return b"".join(lines)

    def handle(self):
        self.reply("220 sink ESMTP")
        recipients = []
        while line := self.rfile.readline():
            command = line.strip().upper()
            if command.startswith((b"EHLO", b"HELO")):
                self.reply("250 sink")
            elif command.startswith(b"MAIL FROM"):
                recipients = []
                self.reply("250 OK")
            elif command.startswith(b"RCPT TO"):
                recipients.append(line.split(b":", 1)[1].strip().strip(b"<>").decode())
                self.reply("250 OK")
            elif command == b"DATA":
                self.reply("354 End data with <CR><LF>.<CR><LF>")
                data = self.read_data()
                if data is None:
                    return
                found = MESSAGE_ID.search(data)
                with self.server.lock:
                    self.server.accepted.append(
                        (tuple(recipients), found and found.group(1), time.monotonic())
                    )
                self.reply("250 OK queued")
            elif command == b"QUIT":
                self.reply("221 Bye")
                return
            else:  # RSET, NOOP
                self.reply("250 OK")


class Worker:
    """A Celery worker on the benchmarks' queue, sending its e-mail to the sink, in a process
    group of its own so that SIGKILL takes its pool with it. ``environment`` adds to or overrides
    the benchmarks' (another ``CELERY_QUEUE``, say)."""

    def __init__(self, sink_port, log_path, **environment):
        env = {
            **os.environ,
            "EMAIL_HOST": "127.0.0.1",
            "EMAIL_PORT": str(sink_port),
            "EMAIL_USE_TLS": "0",
            "NEWSLETTER_RATE": str(RATE),
            "NEWSLETTER_LEASE": str(LEASE),
            **environment,
        }
        with open(log_path, "a") as log:
            self.process = subprocess.Popen(
                [
                    sys.executable,
                    "-m",
                    "celery",
                    "-A",
                    "ivanovo_portal",
                    "worker",
                    "--pool=prefork",
                    "--concurrency=1",
                    "--loglevel=WARNING",
                    "--without-gossip",
                    "--without-mingle",
                    "--without-heartbeat",
                    "--queues",
                    env["CELERY_QUEUE"],
                    "--hostname",
                    f"bench-newsletter-{time.monotonic_ns()}@{socket.gethostname()}",
                ],
                env=env,
                cwd=Path(__file__).resolve().parent.parent,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )

    def rss_mb(self):
        """The resident memory of the worker and its pool, in MB."""
        pids = [self.process.pid]
        try:
            children = Path(f"/proc/{self.process.pid}/task/{self.process.pid}/children")
            pids += [int(pid) for pid in children.read_text().split()]
        except OSError:
            return 0.0
        total = 0
        for pid in pids:
            try:
                status = Path(f"/proc/{pid}/status").read_text()
            except OSError:
                continue
            # A process that is exiting (the killed worker's pool) has no resident set left.
            found = re.search(r"VmRSS:\s+(\d+)", status)
            total += int(found.group(1)) if found else 0
        return total / 1024

    def kill(self):
        os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait()

    def stop(self):
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.kill()


def _subscribers():
    from django.utils import timezone

    from campaign.models import Subscriber

    now = timezone.now()
    Subscriber.objects.bulk_create(
        (
            Subscriber(
                email=f"reader{number:05d}@example.org",
                status=Subscriber.Status.CONFIRMED,
                consented_at=now,
                confirmed_at=now,
            )
            for number in range(SUBSCRIBERS)
        ),
        batch_size=2000,
    )


def _issue():
    from campaign.newsletter import issues
    from ivanovo_portal.accounts.models import User

    staff = User.objects.create_user("bench-newsletter", email="bench@example.org")
    issue = issues.create_issue(
        user=staff,
        subject="Бюлетин за проверка на изпращането",
        intro="Здравейте! Това е **проверка** на изпращането на бюлетина.",
        articles=[],
        meetings=[],
        publications=[],
        topics=[],
        settlements=[],
    )
    started = time.perf_counter()
    issue = issues.send_issue(issue, user=staff)
    return issue, time.perf_counter() - started


def _wait(condition, timeout, what):
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"Timed out waiting for {what}")
        time.sleep(0.2)


def _sample(worker, sink, samples, stop):
    while not stop.is_set():
        samples.append((sink.count(), worker.rss_mb()))
        stop.wait(1)


def _growth(samples, warm_from):
    """How much the worker's memory grew while it sent: its last samples against its first
    ones once it had sent ``WARM_UP`` messages (started, forked its pool, filled its caches)."""
    steady = [rss for count, rss in samples if count >= warm_from + WARM_UP and rss]
    if len(steady) < 6:
        return 0.0
    return max(steady[-3:]) - min(steady[:3])


def _run_worker(sink, log_path, until):
    """Start a worker, sample its memory until ``until()``; (worker, memory growth, peak)."""
    worker = Worker(sink.port, log_path)
    samples, stop, warm_from = [], threading.Event(), sink.count()
    sampler = threading.Thread(target=_sample, args=(worker, sink, samples, stop), daemon=True)
    sampler.start()
    try:
        _wait(until, TIMEOUT, "the sink")
    finally:
        stop.set()
        sampler.join()
    return worker, _growth(samples, warm_from), max((rss for _c, rss in samples), default=0)


def run():
    bench.setup()
    from campaign.models import Delivery, NewsletterIssue

    started = time.perf_counter()
    # What the benchmarks before this one queued (the meetings' e-mails, say) would reach the
    # sink through this worker and count as extra copies.
    bench.purge_queued_tasks()
    _subscribers()
    issue, queued_in = _issue()
    sink = Sink()
    threading.Thread(target=sink.serve_forever, daemon=True).start()
    log_path = Path(os.environ.get("BENCH_LOG_DIR", "/tmp")) / "bench-newsletter-worker.log"
    log_path.write_text("")

    bench.log(f"sending {SUBSCRIBERS} at {RATE}/s; the worker is killed at {SUBSCRIBERS // 2}")
    first, first_growth, first_peak = _run_worker(
        sink, log_path, lambda: sink.count() >= SUBSCRIBERS // 2
    )
    first.kill()
    killed_at = sink.count()
    bench.log(f"killed the worker after {killed_at} messages; starting another")

    def finished():
        return NewsletterIssue.objects.get(pk=issue.pk).status == NewsletterIssue.Status.SENT

    second, second_growth, second_peak = _run_worker(sink, log_path, finished)
    second.stop()
    sink.shutdown()

    by_recipient = Counter(rcpt for recipients, _id, _at in sink.accepted for rcpt in recipients)
    expected = {f"reader{number:05d}@example.org" for number in range(SUBSCRIBERS)}
    once = sum(1 for address in expected if by_recipient[address] == 1)
    extra = sum(count - 1 for count in by_recipient.values() if count > 1)
    missing = len(expected - set(by_recipient))
    repeated_ids = sum(
        count - 1 for count in Counter(i for _r, i, _a in sink.accepted).values() if count > 1
    )
    sent_rows = Delivery.objects.filter(issue=issue, status=Delivery.Status.SENT).count()
    times = [at for _r, _i, at in sink.accepted[: killed_at - 1]]
    rate = (len(times) - 1) / (times[-1] - times[0]) if len(times) > 1 else 0
    bench.log(
        f"killed after {killed_at}; extra copies {extra} (same Message-ID: {repeated_ids}); "
        f"peaks {first_peak:.0f} and {second_peak:.0f} MB"
    )
    growth = max(first_growth, second_growth)
    return {
        "newsletter_20k_received_exactly_once": bench.figure(
            once, "addresses", f"== {SUBSCRIBERS}", once == SUBSCRIBERS
        ),
        "newsletter_20k_extra_copies_after_kill": bench.figure(
            extra, "messages", "== 0", not extra
        ),
        "newsletter_20k_missing_after_kill": bench.figure(
            missing, "addresses", "== 0", not missing
        ),
        "newsletter_20k_deliveries_recorded_sent": bench.figure(
            sent_rows, "rows", f"== {SUBSCRIBERS}", sent_rows == SUBSCRIBERS
        ),
        "newsletter_worker_memory_growth": bench.at_most(growth, "MB", MAX_GROWTH_MB),
        # Never faster than the mail server allows; slower only when the machine cannot keep up.
        "newsletter_send_rate": bench.at_most(rate, "msg/s", RATE * 1.05),
        "newsletter_queue_20k": bench.figure(queued_in, "s", "info", True),
        "newsletter_20k_whole_run": bench.figure(time.perf_counter() - started, "s", "info", True),
    }
