"""A small framework and a round in fieldwork, shared by the monitoring tests.

Two areas, four criteria on the usual 0–2 scale: T1 (weight 2, the administration only), T2 (every
settlement, may be not applicable), P1 (the mayoralties), P2 (every settlement, weight 3).
"""

from datetime import date

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
