"""Answer submissions per second through gunicorn, beside a bare Django view on the same server.

A 30-question, one-page questionnaire is answered completely by a few client threads, each with
its own session and a fresh submission key for every POST, against gunicorn running the portal on
the benchmark database. The baseline is a view that returns "ok" through the same middleware
(``bench/_server.py``); the share of it the submissions reach is reported beside. Target: 200
complete submissions a second (see ``TARGET_SUBMISSIONS_PER_SECOND``). Every POST must land on
the thank-you page and the database must hold exactly one response per POST.

The two are measured in turns, ``ROUNDS`` slices of each, so that both meet the same swings of
the machine's speed, and each figure is its total over its slices.

The limits on ballot stuffing are on (``surveys.abuse``), counted in Redis: gunicorn runs as behind
the reverse proxy (``DJANGO_TRUSTED_PROXIES=1``) and every submission comes from an address of
its own in X-Forwarded-For, as many respondents do, so each one is counted and none challenged.
Then one shared address (a village's community centre, a carrier's NAT) sends one submission
after another: the figure is how many go through before the first proof of work is asked, which
must be ``SURVEYS_BURST_THRESHOLD``; and the time to solve a first-level challenge with the same
PBKDF2 the browser's Web Crypto runs.
"""

import re
import time
import uuid
from decimal import Decimal
from urllib.parse import urlencode

import bench
from bench._server import WORKERS, Gunicorn, hammer, keep_cookies

ROUNDS = 4
SLICE_SECONDS = 2
WARM_UP_SECONDS = 1.5
# Issue 14 asks for 200 complete 30-question submissions a second through this server (720,000
# an hour), with the abuse limits on: far beyond a municipality of 9,500 people answering over
# weeks, it leaves room for a burst (a link shared by the municipality) on a small machine.
TARGET_SUBMISSIONS_PER_SECOND = 200
SLUG = "bench-30"
# From the benchmarking range (RFC 2544), as bench/_server.py's addresses.
SHARED_ADDRESS = "198.19.0.1"
SOLVED_CHALLENGES = 10


def create_questionnaire():
    """An open questionnaire of 30 questions on one page: every type, mostly choices and scales."""
    from ivanovo_portal.places.models import Settlement
    from surveys.models import Choice, MatrixRow, Question, Questionnaire, Section
    from surveys.services.questionnaires import record_consent_version

    Kind = Question.Kind
    questionnaire = Questionnaire.objects.create(
        title="Бенчмарк: 30 въпроса",
        slug=SLUG,
        target_group="citizens_ngos",
        status=Questionnaire.Status.OPEN,
        consent_text="Отговорите са анонимни.",
    )
    record_consent_version(questionnaire)
    section = Section.objects.create(questionnaire=questionnaire, title="Въпроси")
    kinds = [
        Kind.SETTLEMENT,
        Kind.YES_NO,
        Kind.NUMBER,
        Kind.DATE,
        Kind.SHORT_TEXT,
        Kind.LONG_TEXT,
        Kind.MATRIX,
        Kind.MULTIPLE,
    ]
    kinds += [Kind.SINGLE, Kind.SCALE] * 11
    data = {}
    settlement = str(Settlement.objects.order_by("position").first().pk)
    for position, kind in enumerate(kinds, start=1):
        question = Question.objects.create(
            section=section,
            code=f"Q{position}",
            text=f"Въпрос {position}: как оценявате услугите на общината?",
            kind=kind,
            position=position,
            allow_other=kind == Kind.MULTIPLE,
            min_value=Decimal(0) if kind == Kind.NUMBER else None,
            max_value=Decimal(120) if kind == Kind.NUMBER else None,
        )
        field = f"q{question.pk}"
        if kind in {Kind.SINGLE, Kind.MULTIPLE, Kind.SCALE, Kind.MATRIX, Kind.YES_NO}:
            codes = ["yes", "no"] if kind == Kind.YES_NO else [str(i) for i in range(1, 6)]
            Choice.objects.bulk_create(
                Choice(question=question, code=code, label=f"Отговор {code}", value=i, position=i)
                for i, code in enumerate(codes)
            )
        if kind == Kind.MATRIX:
            for i in range(4):
                row = MatrixRow.objects.create(
                    question=question, code=f"r{i}", label=f"Ред {i}", position=i
                )
                data[f"{field}_{row.pk}"] = ["3"]
        elif kind == Kind.MULTIPLE:
            data[field] = ["1", "4"]
        elif kind == Kind.YES_NO:
            data[field] = ["yes"]
        elif kind in {Kind.SINGLE, Kind.SCALE}:
            data[field] = [str(position % 5 + 1)]
        elif kind == Kind.SETTLEMENT:
            data[field] = [settlement]
        elif kind == Kind.NUMBER:
            data[field] = ["42"]
        elif kind == Kind.DATE:
            data[field] = ["2023-03-15"]
        else:
            data[field] = ["Повече информация за решенията на общинския съвет."]
    return questionnaire, data


class Turns:
    """The totals of one kind of request over its slices."""

    def __init__(self):
        self.done = self.failures = 0
        self.seconds = 0.0

    def add(self, rate, done, failures):
        self.done += done
        self.failures += failures
        self.seconds += done / rate if rate else SLICE_SECONDS

    @property
    def rate(self):
        return self.done / self.seconds if self.seconds else 0


class Submitter:
    """Complete one-page submissions: each thread keeps a session and its CSRF token."""

    def __init__(self, server, data, address=None):
        self.server = server
        self.data = data
        self.address = address

    def start(self):
        """Open the questionnaire as a respondent: (the session's cookies, the CSRF token, the
        version of the consent text shown)."""
        cookies = {}
        status, headers, _body = self.server.request(
            "GET", f"/surveys/{SLUG}/answer/", cookies=cookies, address=self.address
        )
        keep_cookies(cookies, headers)
        assert status == 302, status
        status, headers, body = self.server.request(
            "GET", f"/surveys/{SLUG}/answer/1/", cookies=cookies, address=self.address
        )
        keep_cookies(cookies, headers)
        assert status == 200, status
        token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', body).group(1).decode()
        version = re.search(rb'name="consent_version" value="(\d+)"', body).group(1).decode()
        return cookies, token, version

    def setup(self):
        cookies, token, version = self.start()
        fields = [(name, value) for name, values in self.data.items() for value in values]
        fields += [
            ("csrfmiddlewaretoken", token),
            ("consent", "on"),
            ("consent_version", version),
            ("action", "submit"),
        ]
        # Encoded once: a browser does it on the respondent's phone, not on this machine.
        return cookies, urlencode(fields)

    def __call__(self, context):
        cookies, fields = context
        status, headers, _body = self.server.request(
            "POST",
            f"/surveys/{SLUG}/answer/1/",
            body=f"{fields}&submission_key={uuid.uuid4()}",
            cookies=cookies,
            address=self.address,
        )
        keep_cookies(cookies, headers)
        return status, headers.get("Location", "")


def run():
    bench.setup()
    from django.conf import settings

    from surveys.models import Response

    _questionnaire, data = create_questionnaire()
    bench.log(f"gunicorn with {WORKERS} workers")
    thanks = f"/surveys/{SLUG}/thanks/"
    bare_ok = lambda status: status == 200  # noqa: E731
    thanked = lambda result: result == (302, thanks)  # noqa: E731
    with Gunicorn() as server:
        submitter = Submitter(server, data)
        hammer(WARM_UP_SECONDS, server.bare, bare_ok)
        hammer(WARM_UP_SECONDS, submitter, thanked)
        warmed = Response.objects.count()
        bench.log(f"{ROUNDS} rounds of the bare view and submissions, {SLICE_SECONDS} s each")
        bare, submissions = Turns(), Turns()
        for _round in range(ROUNDS):
            bare.add(*hammer(SLICE_SECONDS, server.bare, bare_ok))
            submissions.add(*hammer(SLICE_SECONDS, submitter, thanked))
        recorded = Response.objects.count() - warmed
        bare_rps, bare_failures = bare.rate, bare.failures
        submit_rps, submitted, submit_failures = (
            submissions.rate,
            submissions.done,
            submissions.failures,
        )
        threshold = settings.SURVEYS_BURST_THRESHOLD
        unchallenged = shared_address_unchallenged(server, data, thanks, threshold)
    solve_seconds = first_level_solve_seconds()
    bench.log(
        f"one shared address: {unchallenged} submissions before a proof of work was asked "
        f"(threshold {threshold}); a first-level challenge solved in {solve_seconds:.2f} s"
    )
    bench.log(
        f"bare {bare_rps:.0f} req/s ({bare_failures} failed); submissions {submit_rps:.0f}/s "
        f"({submit_failures} failed, {recorded} recorded for {submitted} accepted)"
    )
    share = submit_rps / bare_rps * 100 if bare_rps else 0
    whole = recorded == submitted and submit_failures == 0 and bare_failures == 0
    return {
        "surveys_submit.bare_view_rps": bench.figure(
            bare_rps, "req/s", "baseline (no target)", bare_failures == 0
        ),
        "surveys_submit.submissions_per_s": bench.figure(
            submit_rps,
            "subm/s",
            f">= {TARGET_SUBMISSIONS_PER_SECOND}",
            submit_rps >= TARGET_SUBMISSIONS_PER_SECOND,
        ),
        "surveys_submit.share_of_bare_view": bench.figure(
            share, "%", "reported beside the baseline (no target)", True
        ),
        "surveys_submit.responses_recorded_per_accepted_post": bench.figure(
            recorded / submitted if submitted else 0, "ratio", "== 1 (no loss, no duplicate)", whole
        ),
        "surveys_submit.shared_address_unchallenged_per_hour": bench.figure(
            unchallenged, "subm/h", f"== {threshold} (the threshold)", unchallenged == threshold
        ),
        "surveys_submit.first_level_proof_of_work_s": bench.figure(
            solve_seconds, "s", "<= 1 (mean, this machine)", solve_seconds <= 1
        ),
    }


def shared_address_unchallenged(server, data, thanks, threshold):
    """How many submissions one address sends, one after another, before the page asks its
    browser for a proof of work (bounded: a few past the threshold at most)."""
    submitter = Submitter(server, data, address=SHARED_ADDRESS)
    context = submitter.setup()
    for sent in range(threshold + 5):
        if submitter(context) != (302, thanks):
            cookies = context[0]
            page = server.request(
                "GET", f"/surveys/{SLUG}/answer/1/", cookies=cookies, address=SHARED_ADDRESS
            )[2]
            return sent if b"data-proof-of-work=" in page else -1
    return sent + 1


def first_level_solve_seconds():
    """The mean time to solve a first-level challenge here, with the PBKDF2 of hashlib (native,
    as the browser's Web Crypto is)."""
    import altcha

    from ivanovo_portal import proof_of_work

    started = time.perf_counter()
    for _ in range(SOLVED_CHALLENGES):
        challenge = altcha.Challenge.from_dict(proof_of_work.challenge(1))
        assert altcha.solve_challenge(challenge) is not None
    return (time.perf_counter() - started) / SOLVED_CHALLENGES
