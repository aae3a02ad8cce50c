"""The toolkit as a book and as method cards: two PDFs of an edition, printed from the versions of
the methods it holds (``MethodVersion.content``), so an earlier edition reads as it was published.
The project's cases are the portal's live ones (``toolkit.usage``) that had begun by the edition's
date, with their figures as the day's render finds them.
"""

import re
from dataclasses import dataclass, field

from django.conf import settings
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from ivanovo_portal.documents.pdf import render_pdf
from ivanovo_portal.documents.registry import DocumentKind, as_pdf, kinds
from ivanovo_portal.project import Activity

from . import code, usage
from .code import Level, Step
from .models import Method
from .models.methods import Audience, Cost, Facilitation, Fit, Literacy

BOOK_KIND = "toolkit.book"
CARDS_KIND = "toolkit.cards"

# The laws a method's legal basis names, by their usual abbreviation, with other ways texts name
# them: the legal chapter groups the methods under the first one their text names (Bulgarian, as
# the methods' texts are).
LAWS = (
    ("ЗНА", "Закон за нормативните актове", ()),
    (
        "ЗПУГДВМС",
        "Закон за прякото участие на гражданите в държавната власт и местното самоуправление",
        (),
    ),
    ("ЗМСМА", "Закон за местното самоуправление и местната администрация", ()),
    ("ЗДОИ", "Закон за достъпа до обществена информация", ()),
    ("АПК", "Административнопроцесуален кодекс", ()),
    ("ЗПФ", "Закон за публичните финанси", ()),
    ("ЗУТ", "Закон за устройство на територията", ()),
    ("ЗРР", "Закон за регионалното развитие", ()),
    ("ЗЮЛНЦ", "Закон за юридическите лица с нестопанска цел", ()),
    ("ЗНЧ", "Закон за народните читалища", ()),
    ("GDPR", "Общ регламент относно защитата на данните", ("2016/679",)),
)


def _law_pattern(abbreviation, name, also):
    """The abbreviation as a word, the name (a law's also with the article: „Закона за …“) or any
    other way of naming it."""
    named = re.escape(name)
    if name.startswith("Закон "):
        named = "Закона? " + re.escape(name.removeprefix("Закон "))
    ways = [rf"(?<!\w){re.escape(abbreviation)}(?!\w)", named, *map(re.escape, also)]
    return re.compile("|".join(ways), re.IGNORECASE)


_LAW_PATTERNS = [(law[0], _law_pattern(*law)) for law in LAWS]
# Cards hold one A4 page each: past this many characters of text, a card prints smaller.
CARD_LONG = 760


def _verbose(name):
    return Method._meta.get_field(name).verbose_name


@dataclass
class Entry:
    """A method as the edition prints it: its version's content, with its choices as words."""

    content: dict
    cells: list = field(default_factory=list)
    facts: list = field(default_factory=list)

    @property
    def slug(self):
        return self.content["slug"]

    @property
    def name(self):
        return self.content["name"]

    @property
    def anchor(self):
        return f"method-{self.slug}"

    @property
    def url(self):
        """The method's page in the portal, printed for readers on paper."""
        return settings.PORTAL_URL + reverse("toolkit:method", args=[self.slug])


def _group_size(content):
    low, high = content["group_min"], content["group_max"]
    if high is None:
        return gettext("%(low)s or more people") % {"low": low}
    return gettext("%(low)s–%(high)s people") % {"low": low, "high": high}


def _yes_no(value):
    return gettext("yes") if value else gettext("no")


def _label(choices, value):
    return str(choices(value).label) if value in choices.values else str(value)


def _facts(content):
    """The method's facts as (label, words), in the order the book and the cards print them."""
    cost = _label(Cost, content["cost"])
    if content["cost_note"]:
        cost = f"{cost}: {content['cost_note']}"
    return [
        (_verbose("time_needed"), content["time_needed"]),
        (_verbose("cost"), cost),
        (gettext("Group size"), _group_size(content)),
        (_verbose("facilitation"), _label(Facilitation, content["facilitation"])),
        (_verbose("offline"), _yes_no(content["offline"])),
        (_verbose("paper"), _yes_no(content["paper"])),
        (_verbose("online"), _yes_no(content["online"])),
        (_verbose("elderly"), _label(Fit, content["elderly"])),
        (_verbose("literacy"), _label(Literacy, content["literacy"])),
        (
            _verbose("audiences"),
            ", ".join(_label(Audience, value) for value in content["audiences"]) or "—",
        ),
    ]


def _entry(content):
    cells = [
        (Level(level).label, Step(step).label)
        for level, step in content["placements"]
        if level in Level.values and step in Step.values
    ]
    return Entry(content=content, cells=cells, facts=_facts(content))


def versions_of(edition):
    """The versions the edition holds, in the catalogue's order of their methods."""
    return edition.versions.select_related("method").order_by("method__position", "method__name")


def entries(edition):
    """The edition's methods in the catalogue's order, each as the version it holds."""
    return [_entry(version.content) for version in versions_of(edition)]


@dataclass(frozen=True)
class Cell:
    """A cell of the matrix: the tools the Code's own matrix names there, the edition's methods
    that serve it."""

    tools: tuple
    methods: list


def matrix(methods):
    """The Code's matrix as the book prints it in portrait: a row per step, a cell per level."""
    placed = {}
    for entry in methods:
        for level, step in entry.content["placements"]:
            placed.setdefault((level, step), []).append(entry)
    return [
        (
            step.label,
            [
                Cell(code.CODE_TOOLS.get((level, step), ()), placed.get((level, step), []))
                for level in Level
            ],
        )
        for step in Step
    ]


def steps():
    """The six steps with their meaning and the authority's duties at each."""
    return [
        {
            "step": step.label,
            "meaning": code.STEP_MEANING.get(step, ""),
            "duties": code.DUTIES.get(step, ""),
        }
        for step in Step
    ]


def by_law(methods):
    """The methods with a legal basis under the first law their text names, the laws in their
    table's order; those naming no known law last."""
    groups = {abbreviation: [] for abbreviation, _name, _also in LAWS}
    others = []
    for entry in methods:
        text = entry.content["legal_basis"].strip()
        if not text:
            continue
        found = [
            (match.start(), abbreviation)
            for abbreviation, pattern in _LAW_PATTERNS
            if (match := pattern.search(text))
        ]
        (groups[min(found)[1]] if found else others).append(entry)
    laws = [
        (f"{name} ({abbreviation})", groups[abbreviation]) for abbreviation, name, _also in LAWS
    ]
    if others:
        laws.append((gettext("Other legal bases"), others))
    return [(title, found) for title, found in laws if found]


def cases(methods, until):
    """The project's cases under the methods of the edition that the portal used, begun by the
    day ``until``: an edition does not tell of work that came after it."""
    found = usage.cases_by_method()
    listed = [
        (entry, [case for _provider, case in found.get(entry.slug, ()) if case.starts_on <= until])
        for entry in methods
    ]
    return [(entry, found_cases) for entry, found_cases in listed if found_cases]


def render_book_pdf(edition) -> bytes:
    """The edition as a book, in Bulgarian: cover, contents, introduction, matrix, every method,
    the legal basis and the project's cases."""
    with translation.override("bg"):
        methods = entries(edition)
        context = {
            "edition": edition,
            "methods": methods,
            "levels": [(level.label, code.LEVEL_MEANING.get(level, "")) for level in Level],
            "steps": steps(),
            "matrix": matrix(methods),
            "laws": by_law(methods),
            "cases": cases(methods, timezone.localdate(edition.published_at)),
            "toolkit_url": settings.PORTAL_URL + reverse("toolkit:index"),
            "lang": "bg",
        }
    return render_pdf("toolkit/pdf/book.html", context)


def render_cards_pdf(edition) -> bytes:
    """The edition's methods as A4 cards in large type, one page each, in Bulgarian."""
    with translation.override("bg"):
        methods = entries(edition)
        for entry in methods:
            entry.long = len(_card_text(entry)) > CARD_LONG
    return render_pdf(
        "toolkit/pdf/cards.html", {"edition": edition, "methods": methods, "lang": "bg"}
    )


def _card_text(entry):
    content = entry.content
    parts = [content["summary"], *(step["title"] for step in content["steps"])]
    return " ".join([*parts, *(str(words) for _label, words in entry.facts)])


def register():
    """The book and the cards as the toolkit's publications, each edition's kept."""
    for key, label, renderer in (
        (BOOK_KIND, _("The participation toolkit (book)"), render_book_pdf),
        (CARDS_KIND, _("Method cards of the participation toolkit"), render_cards_pdf),
    ):
        kinds.register(
            key,
            DocumentKind(
                label=label,
                renderer=as_pdf(renderer),
                is_public=True,
                publication=True,
                activity=Activity.TOOLKIT,
                published_on=lambda edition: edition.published_at,
                source_page=lambda edition: edition.get_absolute_url(),
            ),
        )
