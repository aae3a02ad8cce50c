import pytest

from toolkit.code import Level, Step
from toolkit.models import Method, Placement
from toolkit.models.methods import Cost, Facilitation, Fit, Literacy

DEFAULTS = {
    "summary": "Кратко описание.",
    "purpose": "Цел.",
    "when_to_use": "Кога.",
    "when_not": "Кога не.",
    "time_needed": "2 седмици",
    "weeks": 2,
    "cost": Cost.LOW,
    "group_min": 5,
    "group_max": 50,
    "facilitation": Facilitation.SOME,
    "offline": True,
    "paper": True,
    "online": False,
    "elderly": Fit.WELL,
    "literacy": Literacy.LOW,
    "audiences": [],
    "risks": "Рискове.",
    "tips": "Съвети.",
    "sources": "- Източник",
}


@pytest.fixture
def make_method(db):
    """A method with ``cells`` as (Level, Step) pairs and any field overridden; no version
    (``toolkit.services`` saves those)."""

    def make(slug, *, name=None, cells=((Level.CONSULTATION, Step.DRAFTING),), **fields):
        method = Method.objects.create(
            slug=slug, name=name or slug.replace("-", " ").title(), **{**DEFAULTS, **fields}
        )
        Placement.objects.bulk_create(
            Placement(method=method, level=level, step=step) for level, step in cells
        )
        return method

    return make
