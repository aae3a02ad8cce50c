"""Document kinds that exist only in the tests, rendered from a settlement (reference data that
every test database has). The in-process fixture registers them; the real worker imports
``tests.documents.worker_kinds``, which does the same there."""

from pathlib import Path

from ivanovo_portal.documents import registry
from ivanovo_portal.documents.pdf import render_pdf

TEMPLATES_DIR = Path(__file__).resolve().parent / "templates"
SHEET = "tests.sheet"
PUBLIC_SHEET = "tests.public_sheet"
LONG_SHEET = "tests.long_sheet"
CENSUS = "tests.census"
BOOKLET = "tests.booklet"
LONG_SHEET_PAGES = 60


def templates_with_test_dir(templates):
    """The TEMPLATES setting with this folder's templates added to the first engine."""
    first, *others = templates
    return [{**first, "DIRS": [*first["DIRS"], TEMPLATES_DIR]}, *others]


def render_sheet(settlement, pages=1):
    return render_pdf(
        "documents_tests/sheet.html", {"settlement": settlement, "pages": range(1, pages + 1)}
    )


def render_long_sheet(settlement):
    return render_sheet(settlement, pages=LONG_SHEET_PAGES)


def render_census(settlement):
    """Fails, as a renderer with incomplete data would, until the population is entered."""
    if settlement.population is None:
        raise ValueError(f"No population figure for {settlement.name}")
    return render_sheet(settlement)


def render_booklet(settlement):
    """Public, with as many pages as the settlement's population figure (one without it): a test
    raises the figure to make the next version different, and long enough to watch it render."""
    return render_sheet(settlement, pages=settlement.population or 1)


def register_test_kinds():
    registry.register(SHEET, label="Справка", renderer=render_sheet)
    registry.register(
        PUBLIC_SHEET,
        label="Публична справка",
        renderer=render_sheet,
        is_public=lambda settlement: settlement.is_admin_centre,
    )
    registry.register(LONG_SHEET, label="Дълга справка", renderer=render_long_sheet)
    registry.register(CENSUS, label="Преброяване", renderer=render_census)
    registry.register(BOOKLET, label="Брошура", renderer=render_booklet, is_public=True)


def unregister_test_kinds():
    for kind in (SHEET, PUBLIC_SHEET, LONG_SHEET, CENSUS, BOOKLET):
        registry.unregister(kind)
