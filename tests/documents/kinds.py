"""Document kinds that exist only in the tests, rendered from a settlement (reference data that
every test database has). The in-process fixture lends them to the registry for each test
(``kinds.override(TEST_KINDS)``); the real worker imports ``tests.documents.worker_kinds``, which
registers them there."""

from pathlib import Path

from ivanovo_portal.documents.pdf import render_pdf
from ivanovo_portal.documents.registry import DocumentKind, as_pdf

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


def booklet(renderer=render_booklet):
    return DocumentKind(label="Брошура", renderer=as_pdf(renderer), is_public=True)


TEST_KINDS = {
    SHEET: DocumentKind(label="Справка", renderer=as_pdf(render_sheet)),
    PUBLIC_SHEET: DocumentKind(
        label="Публична справка",
        renderer=as_pdf(render_sheet),
        is_public=lambda settlement: settlement.is_admin_centre,
    ),
    LONG_SHEET: DocumentKind(label="Дълга справка", renderer=as_pdf(render_long_sheet)),
    CENSUS: DocumentKind(label="Преброяване", renderer=as_pdf(render_census)),
    BOOKLET: booklet(),
}
