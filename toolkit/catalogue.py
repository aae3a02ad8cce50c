"""Reads for the toolkit's public pages: the methods with their facet filters, one method with
everything its page shows, and the Code's matrix of levels × steps with the methods in each cell.

Each read takes a fixed number of queries however many methods there are; where a method was used
comes from ``toolkit.usage`` (the cases the activities register), counted in Python."""

from dataclasses import dataclass

from django.db.models import Exists, Max, OuterRef
from django.shortcuts import get_object_or_404

from .code import CODE_TOOLS, DUTIES, LEVEL_MEANING, STEP_MEANING, Level, Step
from .editions import latest_edition
from .models import Method, Placement
from .models.methods import Fit
from .usage import cases_of, counts


def _cell_order(placement):
    return (Level.values.index(placement.level), Step.values.index(placement.step))


def cells_of(method):
    """The method's places in the matrix in the Code's order (from prefetched placements)."""
    return sorted(method.placements.all(), key=_cell_order)


def levels_of(method):
    """The levels the method serves, lowest first, each once."""
    served = {placement.level for placement in method.placements.all()}
    return [level for level in Level if level in served]


@dataclass(frozen=True)
class Card:
    """A method as the list shows it: the levels it serves and how often the portal used it."""

    method: Method
    levels: list
    used: int


def _filtered(methods, filters):
    """``methods`` narrowed by the chosen facets (the filter form's cleaned data)."""
    level, step = filters.get("level"), filters.get("step")
    if level or step:
        cell = {"method": OuterRef("pk")}
        if level:
            cell["level"] = level
        if step:
            cell["step"] = step
        methods = methods.filter(Exists(Placement.objects.filter(**cell)))
    if filters.get("offline"):
        methods = methods.filter(offline=True)
    if filters.get("elderly"):
        methods = methods.filter(elderly=Fit.WELL)
    if filters.get("cost") is not None:
        methods = methods.filter(cost__lte=filters["cost"])
    if filters.get("facilitation") is not None:
        methods = methods.filter(facilitation__lte=filters["facilitation"])
    return methods


def method_cards(filters):
    """Every method passing ``filters`` as a card, in the toolkit's order: two queries, plus
    what the registered case providers read."""
    used = counts()
    methods = _filtered(Method.objects.with_placements(), filters)
    return [Card(m, levels_of(m), used.get(m.slug, 0)) for m in methods]


@dataclass(frozen=True)
class MethodPage:
    """One method with its cells, and the cases where the portal used it."""

    method: Method
    cells: list
    cases: list


def method_page(slug):
    """The method at ``slug`` with its places, steps, templates and latest version number
    (``version``), or 404."""
    method = get_object_or_404(
        Method.objects.with_placements()
        .prefetch_related("steps", "templates")
        .annotate(version=Max("versions__number")),
        slug=slug,
    )
    return MethodPage(method, cells_of(method), cases_of(slug))


@dataclass(frozen=True)
class Cell:
    """A cell of the matrix: the tools the Code names there and the toolkit's methods in it."""

    level: Level
    step: Step
    code_tools: tuple
    methods: list


@dataclass(frozen=True)
class Row:
    level: Level
    meaning: str
    cells: list


@dataclass(frozen=True)
class Column:
    step: Step
    meaning: str
    duty: str
    cells: list


@dataclass(frozen=True)
class Matrix:
    """The Code's matrix read two ways: ``rows`` by level (a table's rows, cells in step order)
    and ``columns`` by step (cells in level order), the same cells in both."""

    rows: list
    columns: list


def matrix():
    """The 24 cells of levels × steps with the methods placed in each, in one query."""
    placed = {}
    for placement in Placement.objects.select_related("method").order_by(
        "method__position", "method__name"
    ):
        placed.setdefault((placement.level, placement.step), []).append(placement.method)
    cells = {
        (level, step): Cell(level, step, CODE_TOOLS[level, step], placed.get((level, step), []))
        for level in Level
        for step in Step
    }
    return Matrix(
        rows=[Row(lv, LEVEL_MEANING[lv], [cells[lv, st] for st in Step]) for lv in Level],
        columns=[
            Column(st, STEP_MEANING[st], DUTIES[st], [cells[lv, st] for lv in Level]) for st in Step
        ],
    )


def landing():
    """What the toolkit's page shows besides the activity's overview: how many methods there
    are and the latest edition of the book."""
    return {"method_count": Method.objects.count(), "edition": latest_edition()}
