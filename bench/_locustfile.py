"""The residents of ``bench/load.py``'s load test, as Locust users (``locust -f`` this file).

Each user is a browser: its own cookies, its own address in X-Forwarded-For (the server trusts one
proxy hop), a pause between pages. Most of what it does is reading public pages; now and then it
answers the open questionnaire page by page, registers for an upcoming meeting or subscribes to
the newsletter. Someone who sends a form is a new resident each time (a fresh address and
cookies): nobody answers the same questionnaire twice an hour, so the abuse limits, which stay
on, count each address as they would in life.

What to read and how to fill the forms comes from the plan ``bench/_load_plan.py`` writes
(``LOAD_PLAN``: the pages, the questionnaire's fields and conditions, the meetings open for
registration, the settlements, groups and topics); the hidden fields (CSRF token, submission key,
consent version) come from the pages, as a browser sends them back. Every form the server accepted
is noted in a file of this process in the folder ``LOAD_OUTCOMES`` (``kind<TAB>key``, for the counts
after the run), and why a request failed in another.

Requests are named by kind, Locust's statistics per name being the figures: ``read`` (public
pages), ``form`` (the pages of a form and the page after it), ``answer``, ``register`` and
``subscribe`` (the POSTs).
"""

import itertools
import json
import os
import random
import re
import uuid
from datetime import date, timedelta
from pathlib import Path
from urllib.parse import urlencode

from locust import FastHttpUser, between, events, task

READ, FORM, ANSWER, REGISTER, SUBSCRIBE = "read", "form", "answer", "register", "subscribe"
# The share of reads in English (under /en/).
ENGLISH = 0.12
# Addresses of the benchmarking range (RFC 2544, as bench/_server.py's), 198.18.0.0/15, shared out
# among up to this many Locust processes by the process's index.
PROCESSES = 16
ADDRESS_SPACE = 2**17
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
SUBMISSION_KEY = re.compile(r'name="submission_key" value="([^"]+)"')
CONSENT_VERSION = re.compile(r'name="consent_version" value="(\d*)"')
REGISTERED = r"/events/[\w-]+/registered/[A-Z0-9]+/$"
TEXTS = [
    "Повече информация за решенията на общинския съвет, и то навреме.",
    "Срещи с кмета в селата поне два пъти в годината.",
    "Обявленията да се слагат и в читалището, не само в кметството.",
]

plan = json.loads(Path(os.environ["LOAD_PLAN"]).read_text(encoding="utf-8"))
READ_WEIGHTS, READ_GROUPS = zip(*plan["reads"], strict=True)
OUTCOMES = Path(os.environ["LOAD_OUTCOMES"])
_numbers = itertools.count()


@events.init.add_listener
def _share_out(environment, **_kwargs):
    """This process's share of the addresses, once the runner knows its index."""
    global _numbers
    _numbers = itertools.count(getattr(environment.runner, "worker_index", 0), PROCESSES)


@events.request.add_listener
def _note_failure(request_type, name, exception, **_kwargs):
    """Why a request failed, for the benchmark's log (Locust's JSON holds only how many)."""
    if exception is not None:
        note("failed", f"{request_type} {name}: {exception}")


def note(what, line):
    with open(OUTCOMES / f"{what}-{os.getpid()}.txt", "a", encoding="utf-8") as file:
        file.write(f"{line}\n")


def accepted(kind, key):
    note("accepted", f"{kind}\t{key}")


def fresh_address():
    number = next(_numbers) % ADDRESS_SPACE
    return f"198.{18 + number // 65536}.{number // 256 % 256}.{number % 256}"


def hidden(pattern, page):
    found = pattern.search(page)
    return found.group(1) if found else None


def fill(pages):
    """A complete answer, page by page, as a respondent chooses: every question whose condition
    the answers before it meet, an optional one now and then left blank (all its rows, for a
    matrix)."""
    chosen, answered, blank, filled = {}, set(), set(), []
    for fields in pages:
        answers = []
        for field in fields:
            condition, question = field["condition"], field["question"]
            if condition and not set(chosen.get(condition["name"], ())) & set(condition["values"]):
                continue
            if question in blank or (
                not field["required"] and question not in answered and random.random() < 0.5
            ):
                blank.add(question)
                continue
            answered.add(question)
            chosen[field["name"]] = value_for(field)
            answers += [(field["name"], value) for value in chosen[field["name"]]]
        filled.append(answers)
    return filled


def value_for(field):
    shape = field["shape"]
    if shape == "one":
        return [random.choice(field["values"])]
    if shape == "many":
        return random.sample(field["values"], random.randint(1, min(3, len(field["values"]))))
    if shape == "number":
        return [str(random.randint(field["min"], field["max"]))]
    if shape == "date":
        return [(date(2024, 1, 1) + timedelta(days=random.randrange(700))).isoformat()]
    return [random.choice(TEXTS)[: field["max_length"]]]


class Resident(FastHttpUser):
    """A resident on the portal: reads, and now and then sends a form (see above)."""

    wait_time = between(1, 5)
    # A page the server has not answered in this long is a failure (the default is 60 s).
    network_timeout = 30.0

    def on_start(self):
        self.address = fresh_address()

    def new_resident(self):
        """Become someone else: another address, no cookies."""
        self.address = fresh_address()
        self.client.cookiejar.clear()

    def get(self, path, name):
        """A page that must answer 200; its text, or None."""
        with self.client.get(
            path, name=name, headers={"X-Forwarded-For": self.address}, catch_response=True
        ) as response:
            if response.status_code != 200:
                response.failure(f"GET {path}: {response.status_code}")
                return None
            return response.text

    def post(self, path, fields, name, expect):
        """Send a form; the address it redirects to, which must match ``expect``, or None."""
        with self.client.post(
            path,
            name=name,
            data=urlencode(fields),
            headers={
                "X-Forwarded-For": self.address,
                "Content-Type": "application/x-www-form-urlencoded",
            },
            allow_redirects=False,
            catch_response=True,
        ) as response:
            location = response.headers.get("Location", "") if response.headers else ""
            if response.status_code != 302 or not re.search(expect, location):
                response.failure(f"POST {path}: {response.status_code} {location}")
                return None
            return location

    @task(85)
    def read(self):
        path = random.choice(random.choices(READ_GROUPS, READ_WEIGHTS)[0])
        if random.random() < ENGLISH:
            path = "/en" + path
        self.get(path, READ)

    @task(6)
    def answer(self):
        """Answer the open questionnaire page by page, as a new resident."""
        self.new_resident()
        questionnaire = random.choice(plan["questionnaires"])
        slug, pages = questionnaire["slug"], questionnaire["pages"]
        answers = fill(pages)
        if self.get(f"/surveys/{slug}/", READ) is None:
            return
        self.wait()
        page = self.get(f"/surveys/{slug}/answer/", FORM)
        for step, fields in enumerate(answers, start=1):
            if page is None:
                return
            token, key = hidden(CSRF, page), hidden(SUBMISSION_KEY, page)
            fields = [*fields, ("csrfmiddlewaretoken", token), ("submission_key", key)]
            version = hidden(CONSENT_VERSION, page)
            if version is not None:
                fields += [("consent", "on"), ("consent_version", version)]
            last = step == len(answers)
            fields.append(("action", "submit" if last else "next"))
            expect = f"/surveys/{slug}/thanks/$" if last else f"/answer/{step + 1}/$"
            location = self.post(f"/surveys/{slug}/answer/{step}/", fields, ANSWER, expect)
            if location is None:
                return
            if last:
                accepted(ANSWER, key)
            self.wait()
            page = self.get(location, FORM)

    @task(4)
    def register(self):
        """Register for an upcoming meeting: its page, then the form, as a new resident."""
        self.new_resident()
        slug = random.choice(plan["meetings"])
        if self.get(f"/events/{slug}/", READ) is None:
            return
        self.wait()
        page = self.get(f"/events/{slug}/register/", FORM)
        if page is None:
            return
        self.wait()
        email = f"load-{uuid.uuid4().hex}@example.org"
        fields = {
            "csrfmiddlewaretoken": hidden(CSRF, page),
            "name": random.choice(["Мария Петрова", "Иван Иванов", "Георги Николов"]),
            "settlement": random.choice(plan["settlements"]),
            "group": random.choice(plan["groups"]),
            "email": email,
            "phone": "",
            "consent": "on",
        }
        location = self.post(f"/events/{slug}/register/", fields, REGISTER, REGISTERED)
        if location is not None:
            accepted(REGISTER, email)
            self.get(location, FORM)

    @task(5)
    def subscribe(self):
        """Subscribe to the newsletter, as a new resident."""
        self.new_resident()
        page = self.get("/newsletter/", FORM)
        if page is None:
            return
        self.wait()
        email = f"load-{uuid.uuid4().hex}@example.org"
        topics = random.sample(plan["topics"], random.randint(1, len(plan["topics"])))
        fields = [
            ("csrfmiddlewaretoken", hidden(CSRF, page)),
            ("email", email),
            ("settlement", random.choice(plan["settlements"])),
            *(("topics", topic) for topic in topics),
            ("consent", "on"),
        ]
        location = self.post("/newsletter/", fields, SUBSCRIBE, "/newsletter/sent/$")
        if location is not None:
            accepted(SUBSCRIBE, email)
            self.get(location, FORM)
