"""A small framework and a round in fieldwork, and the municipality's web site on 127.0.0.1,
shared by the monitoring tests.

Two areas, four criteria on the usual 0–2 scale: T1 (weight 2, the administration only), T2 (every
settlement, may be not applicable), P1 (the mayoralties), P2 (every settlement, weight 3).
"""

import threading
import time
from datetime import date
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.utils import timezone

from ivanovo_portal.accounts.roles import Role
from ivanovo_portal.places.models import Settlement
from monitoring.models import (
    Area,
    Criterion,
    EvidenceKind,
    Framework,
    FrameworkVersion,
    Membership,
    Round,
    ScalePoint,
    Scope,
)
from tests.conftest import make_user

SCALE = [
    (0, "не е изпълнено", "Няма никакви данни за изпълнение."),
    (1, "частично", "Изпълнено е отчасти или със закъснение."),
    (2, "изцяло", "Изпълнено е изцяло и в срок."),
]

CRITERIA = [
    # area, code, scope, weight, allows n/a
    ("T", "T1", Scope.MUNICIPALITY, 2, False),
    ("T", "T2", Scope.ALL, 1, True),
    ("P", "P1", Scope.MAYORALTIES, 1, False),
    ("P", "P2", Scope.ALL, 3, False),
]


def build_framework(*, slug="test-framework", frozen=True, criteria=CRITERIA):
    framework = Framework.objects.create(name="Рамка за наблюдение", slug=slug)
    version = FrameworkVersion.objects.create(
        framework=framework, number=1, frozen_at=timezone.now() if frozen else None
    )
    areas = {
        code: Area.objects.create(version=version, code=code, name=name, position=position)
        for position, (code, name) in enumerate([("T", "Прозрачност"), ("P", "Участие")])
    }
    for position, (area, code, scope, weight, allows_na) in enumerate(criteria):
        criterion = Criterion.objects.create(
            area=areas[area],
            code=code,
            question=f"Въпрос {code}?",
            legal_basis="ЗДОИ, чл. 15",
            evidence_kind=EvidenceKind.WEBSITE,
            scope=scope,
            weight=weight,
            allows_not_applicable=allows_na,
            position=position,
        )
        for value, label, descriptor in SCALE:
            ScalePoint.objects.create(
                criterion=criterion, value=value, label=label, descriptor=descriptor
            )
    return version


def build_round(version, *, slug="round-2026", status=Round.Status.FIELDWORK, members=()):
    round_ = Round.objects.create(
        title="Наблюдение 2026",
        slug=slug,
        version=version,
        period_start=date(2026, 9, 1),
        period_end=date(2026, 11, 30),
        status=status,
    )
    for user, role in members:
        Membership.objects.create(round=round_, user=user, role=role)
    return round_


@pytest.fixture
def monitor2(db):
    return make_user("monitor2", Role.NGO_MONITOR)


@pytest.fixture
def framework_version(db):
    return build_framework()


@pytest.fixture
def round_(framework_version, monitor, monitor2, staff):
    """A round in fieldwork: ``monitor`` and ``monitor2`` monitor, ``staff`` coordinates."""
    return build_round(
        framework_version,
        members=[
            (monitor, Membership.Role.MONITOR),
            (monitor2, Membership.Role.MONITOR),
            (staff, Membership.Role.COORDINATOR),
        ],
    )


@pytest.fixture
def centre():
    return Settlement.objects.get(is_admin_centre=True)


@pytest.fixture
def village():
    return Settlement.objects.filter(is_admin_centre=False).order_by("position").first()


PAGE = "<html><body><h1>Обява за обществено обсъждане</h1></body></html>".encode()
BIG = b"x" * 5000


class Site(BaseHTTPRequestHandler):
    """The municipality's site as the tests need it."""

    def do_GET(self):
        port = self.server.server_address[1]
        if self.path == "/page":
            self._send(200, PAGE, {"Content-Type": "text/html; charset=utf-8"})
        elif self.path == "/moved":
            self._send(302, b"", {"Location": "/page"})
        elif self.path == "/away":
            # localhost is the same machine, but not a host on the list.
            self._send(302, b"", {"Location": f"http://localhost:{port}/page"})
        elif self.path == "/big":
            # No Content-Length: the size shows only while reading.
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.end_headers()
            self.wfile.write(BIG)
        elif self.path == "/slow":
            time.sleep(3)
            self._send(200, PAGE, {"Content-Type": "text/html"})
        else:
            self._send(404, b"", {})

    def _send(self, code, body, headers):
        self.send_response(code)
        for name, value in headers.items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture
def site():
    server = ThreadingHTTPServer(("127.0.0.1", 0), Site)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()
