"""What the public sees of a questionnaire's results: disclosure control over every public view.

The public may not filter freely (a date or an answer filter could single out one respondent by
difference): it reads the whole municipality, or one of a few *areas* fixed by the counts — each
settlement with at least ``MINIMUM`` respondents on its own, the others together — such that every
area and everything outside it holds at least ``MINIMUM`` respondents. All the views of a
questionnaire are protected together (``ivanovo_portal.disclosure.Table``), so that no cell can be
worked out by setting one view against another. Numbers are shown in bands of at least
``MINIMUM`` answers, without their smallest and largest values; dates given only as a count; a
mean or median only where every count of its question is shown (the municipality's alone for
numbers). Staff read everything through ``figures.results_for``.

Working out what to withhold takes every view of a questionnaire at once, so it is done when the
figures are frozen and kept with them (``take_public_figures``): a page then builds the one view
it shows. What was kept is used while the questions, options, rows and settlements its cells are
named by stay as they were (``shape_of``); otherwise it is worked out again.
"""

import hashlib
import json
from dataclasses import dataclass, field

from django.db import transaction
from django.db.models import Count, Max, Min
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ivanovo_portal.disclosure import MINIMUM, Table
from ivanovo_portal.places.models import Settlement

from ..kinds import kind_of
from ..models import Questionnaire, Response, given_on
from .counting import Figures, count_by_place
from .figures import ordered_questions, results_from
from .numbers import band_edges

WHOLE = ""  # the slug of the whole municipality's view


@dataclass(frozen=True)
class Area:
    """A group of settlements the public may read apart; ``None`` among ``places`` stands for the
    respondents who named no settlement."""

    slug: str
    label: str
    places: frozenset
    names: tuple


@dataclass
class PublicView:
    area: Area | None  # None: the whole municipality
    results: object  # results.Results, with what is withheld set to None


@dataclass
class PublicResults:
    areas: list
    views: list  # PublicView: the whole municipality first, then each area
    withheld: list = field(default_factory=list)  # the keys withheld from each view, worked out

    def view(self, slug=WHOLE):
        """The view of the area with ``slug`` (the whole municipality for an unknown one)."""
        return next((v for v in self.views if v.area and v.area.slug == slug), self.views[0])


def areas_of(sizes, settlements):
    """The areas for respondents counted ``{settlement id or None: n}`` (see the module)."""
    total = sum(sizes.values())
    alone = [[s] for s in settlements if sizes.get(s.pk, 0) >= MINIMUM]
    rest = [s for s in settlements if sizes.get(s.pk, 0) < MINIMUM]
    groups = [(group, False) for group in alone]

    def size(group):
        return sum(sizes.get(s.pk, 0) for s in group[0]) + (sizes.get(None, 0) if group[1] else 0)

    rest_group = (rest, True)
    if size(rest_group):
        groups.append(rest_group)
    while len(groups) > 1:
        small = [g for g in groups if size(g) < MINIMUM or total - size(g) < MINIMUM]
        if not small:
            break
        first = small[0]
        others = [g for g in groups if g is not first]
        partner = min(others, key=size)
        groups = [g for g in others if g is not partner]
        groups.append((first[0] + partner[0], first[1] or partner[1]))
    if len(groups) < 2:
        return []
    areas = []
    # The settlements in their official order, the others last.
    for members, with_unknown in sorted(
        groups, key=lambda g: (g[1] or len(g[0]) > 1, min(s.position for s in g[0]))
    ):
        if len(members) == 1 and not with_unknown:
            slug, label = members[0].slug, members[0].display_name
        else:
            slug, label = "other", _("Other settlements")
        places = {s.pk for s in members} | ({None} if with_unknown else set())
        areas.append(Area(slug, label, frozenset(places), tuple(s.display_name for s in members)))
    return areas


def public_results(questionnaire, questions=None, *, area=None):
    """Every public view of ``questionnaire``'s results, protected together, from the figures
    frozen when they were first published; with ``area``, only the view of the area with that
    slug (the whole municipality's for an unknown one), for a page that shows one."""
    questions = ordered_questions([questionnaire]) if questions is None else questions
    frozen = questionnaire.public_figures or freeze(questionnaire)
    settlements = list(Settlement.objects.all())
    by_place = by_place_of(frozen)
    kept = frozen.get("withheld")
    if kept is None or kept["shape"] != shape_of(questions, settlements):
        return protected_views([questionnaire], questions, by_place, settlements)
    withheld = {slug: {tuple(key) for key in keys} for slug, keys in kept["views"]}
    maker = _ViewMaker([questionnaire], questions, by_place, settlements)
    chosen = [None, *maker.areas]
    if area is not None:
        chosen = [next((each for each in maker.areas if each.slug == area), None)]
    views = []
    for each in chosen:
        view = maker.view(each)
        _apply(view.results, withheld[each.slug if each else WHOLE], whole=each is None)
        views.append(view)
    return PublicResults(maker.areas, views)


def shape_of(questions, settlements):
    """A digest of what the keys of the views' cells (``_cells``) are made of: the questions,
    their options and rows in order, the settlements in theirs, and the minimum."""
    shape = [MINIMUM, [[s.pk, s.slug] for s in settlements]]
    for q in questions:
        options = [choice.code for choice in q.choices.all()]
        shape.append([q.pk, q.kind, q.allow_other, options, [row.code for row in q.rows.all()]])
    return hashlib.blake2b(json.dumps(shape).encode(), digest_size=16).hexdigest()


# Frozen figures: every public page, open data file and report of a questionnaire shows the same
# counts, so that no two of them, nor one page on two days, can be set against each other.


def take_figures(questionnaire, questions=None):
    """``questionnaire``'s counts by place as plain data, with the responses they cover and the
    first and last day their answers were given (``models.given_on``)."""
    questions = ordered_questions([questionnaire]) if questions is None else questions
    responses = Response.objects.counted().filter(questionnaire=questionnaire)
    kept = responses.aggregate(
        n=Count("pk"), last_id=Max("pk"), first=Min(given_on()), last=Max(given_on())
    )
    by_place = count_by_place([questionnaire], questions)
    return {
        "taken_at": timezone.now().isoformat(),
        "respondents": kept["n"],
        "last_response": kept["last_id"] or 0,
        "first": kept["first"] and kept["first"].isoformat(),
        "last": kept["last"] and kept["last"].isoformat(),
        "by_place": [[place, figures.as_json()] for place, figures in by_place.items()],
    }


def take_public_figures(questionnaire):
    """``take_figures``, with the keys each public view of them withholds (``protected_views``)
    and the shape those keys have (``shape_of``)."""
    questions = ordered_questions([questionnaire])
    figures = take_figures(questionnaire, questions)
    settlements = list(Settlement.objects.all())
    public = protected_views([questionnaire], questions, by_place_of(figures), settlements)
    figures["withheld"] = {
        "shape": shape_of(questions, settlements),
        "views": [
            [view.area.slug if view.area else WHOLE, sorted(map(list, keys), key=repr)]
            for view, keys in zip(public.views, public.withheld, strict=True)
        ],
    }
    return figures


def by_place_of(frozen):
    """``{settlement id or None: Figures}`` of figures ``take_figures`` made."""
    return {place: Figures.from_json(data) for place, data in frozen["by_place"]}


def changed_since(questionnaire, frozen):
    """How many responses counting now were not in ``frozen``, or were and no longer count."""
    counted = Response.objects.counted().filter(questionnaire=questionnaire)
    added = counted.filter(pk__gt=frozen["last_response"]).count()
    kept = counted.filter(pk__lte=frozen["last_response"]).count()
    return added + frozen["respondents"] - kept


@transaction.atomic
def freeze(questionnaire):
    """The figures the public sees of ``questionnaire``: those frozen already, or taken now."""
    questionnaire = Questionnaire.objects.select_for_update().get(pk=questionnaire.pk)
    if questionnaire.public_figures is None:
        questionnaire.public_figures = take_public_figures(questionnaire)
        questionnaire.save(update_fields=["public_figures", "updated_at"])
    return questionnaire.public_figures


def protected_views(questionnaires, questions, by_place, settlements=None):
    """The public views made from ``by_place`` (``counting.count_by_place``), protected."""
    settlements = list(Settlement.objects.all()) if settlements is None else settlements
    maker = _ViewMaker(questionnaires, questions, by_place, settlements)
    views = [maker.view(area) for area in [None, *maker.areas]]
    return PublicResults(maker.areas, views, _withhold(views))


class _ViewMaker:
    """The areas of figures by place, and the results of each area's view (with the number
    questions in the bands of the whole municipality's answers), before anything is withheld."""

    def __init__(self, questionnaires, questions, by_place, settlements):
        self.questionnaires, self.questions = questionnaires, questions
        self.by_place, self.settlements = by_place, settlements
        sizes = {place: sum(n for _c, _p, n in part.summary) for place, part in by_place.items()}
        self.areas = areas_of(sizes, settlements)
        self.whole = Figures.merge(by_place.values())
        self.bands = {
            q.pk: band_edges(_distribution(self.whole.counts.get(q.pk, {})), MINIMUM)
            for q in questions
            if kind_of(q).tally == "values"
        }

    def view(self, area):
        """The view of ``area`` (None: the whole municipality)."""
        figures = self.whole
        if area is not None:
            parts = [part for place, part in self.by_place.items() if place in area.places]
            figures = Figures.merge(parts)
        results = results_from(
            figures,
            self.questionnaires,
            self.questions,
            bands=self.bands,
            settlements=self.settlements,
        )
        if area is not None:
            results.by_settlement = [
                row
                for row in results.by_settlement
                if _place_of(row, self.settlements) in area.places
            ]
        return PublicView(area, results)


def _distribution(counts):
    distribution = {}
    for (_row, _choice, _place, number, _date), n in counts.items():
        if number is not None:
            distribution[number] = distribution.get(number, 0) + n
    return distribution


def _place_of(row, settlements):
    return next((s.pk for s in settlements if s.slug == row.code), None)


# The cells of the views and what ties them


def _cells(results):
    """``(key, value, shown)`` of every count of one view, and its equations as ``(whole,
    parts)``; keys are tuples without the view."""
    cells, sums = [], []
    n = ("n",)
    cells.append((n, results.respondents, True))
    for prefix, rows in [("channel", results.by_channel), ("place", results.by_settlement)]:
        keys = [(prefix, row.code) for row in rows]
        cells.extend((key, row.count, True) for key, row in zip(keys, rows, strict=True))
        sums.append((n, keys))
    for result in results:
        q = ("q", result.question.pk)
        answered, unanswered = (*q, "answered"), (*q, "none")
        cells += [(answered, result.answered, True)]
        cells += [(unanswered, results.respondents - result.answered, False)]
        sums.append((n, [answered, unanswered]))
        if result.is_matrix:
            for row in result.matrix:
                r = (*q, "row", row.code)
                cells += [((*r, "answered"), row.answered, True)]
                cells += [((*r, "none"), results.respondents - row.answered, False)]
                sums.append((n, [(*r, "answered"), (*r, "none")]))
                keys = [(*r, cell.code) for cell in row.cells]
                cells.extend((k, c.count, True) for k, c in zip(keys, row.cells, strict=True))
                sums.append(((*r, "answered"), keys))
        elif kind_of(result.question).many:
            for index, row in enumerate(result.rows):
                ticked, unticked = (*q, "option", index), (*q, "unticked", index)
                cells += [(ticked, row.count, True), (unticked, result.answered - row.count, False)]
                sums.append((answered, [ticked, unticked]))
        elif result.rows:
            keys = [(*q, "option", index) for index in range(len(result.rows))]
            cells.extend((k, row.count, True) for k, row in zip(keys, result.rows, strict=True))
            sums.append((answered, keys))
    return cells, sums


def _withhold(views):
    """Hide, in place, what no view may show (see the module): the keys withheld from each."""
    table = Table()
    keys_of_view = []
    for index, public_view in enumerate(views):
        cells, sums = _cells(public_view.results)
        for key, value, shown in cells:
            table.cell((index, *key), value, shown=shown, fixed=key == ("n",))
        for whole, parts in sums:
            table.total((index, *whole), [(index, *part) for part in parts])
        keys_of_view.append([key for key, _value, _shown in cells])
    for key in keys_of_view[0]:
        table.total((0, *key), [(index, *key) for index in range(1, len(views))])
    hidden = table.protect()
    withheld = [{key[1:] for key in hidden if key[0] == index} for index in range(len(views))]
    for index, public_view in enumerate(views):
        _apply(public_view.results, withheld[index], whole=index == 0)
    return withheld


def _apply(results, hidden, *, whole):
    """Set to None every figure of ``results`` that ``hidden`` (keys of ``_cells``) withholds,
    with the percentages, means and medians that would give it away."""
    for prefix, rows in [("channel", results.by_channel), ("place", results.by_settlement)]:
        for row in rows:
            if (prefix, row.code) in hidden:
                row.count = row.percent = None
    for result in results:
        q = ("q", result.question.pk)
        if (*q, "answered") in hidden:
            result.answered = None
        result.minimum = result.maximum = result.first_date = result.last_date = None
        complete = result.answered is not None
        if result.is_matrix:
            for row in result.matrix:
                r = (*q, "row", row.code)
                if (*r, "answered") in hidden:
                    row.answered = None
                row_complete = _hide_rows(row.cells, [(*r, c.code) for c in row.cells], hidden)
                _no_percent(row.cells, row.answered)
                if not row_complete or row.answered is None:
                    row.mean = row.median = None
        else:
            keys = [(*q, "option", index) for index in range(len(result.rows))]
            complete = _hide_rows(result.rows, keys, hidden) and complete
            _no_percent(result.rows, result.answered)
        if not complete or (kind_of(result.question).tally == "values" and not whole):
            result.mean = result.median = None


def _hide_rows(rows, keys, hidden):
    """Hide the rows whose key is hidden; True when none is."""
    complete = True
    for row, key in zip(rows, keys, strict=True):
        if key in hidden:
            row.count = row.percent = None
            complete = False
    return complete


def _no_percent(rows, denominator):
    if denominator is None:
        for row in rows:
            row.percent = None
