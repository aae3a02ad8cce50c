"""The methodology of an analysis report, computed from the responses, never typed in.

- ``methodology_for(questionnaires, sample=None)``: sample sizes in total, by target group, by
  settlement (all 13, with zeros) and channel, and the period in which the answers were given
  (the date a paper form was filled in or of the interview, the day of submission online:
  ``models.given_on``), from the questionnaires' figures as the public sees them.
- ``withhold_methodology(method, pages)``: the same under disclosure control, consistent with the
  questionnaires' public pages.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ivanovo_portal.disclosure import Table
from ivanovo_portal.places.models import Settlement

from ..models import Channel, TargetGroup
from . import disclosure


@dataclass
class Share:
    """A count with its share of the whole sample."""

    label: str
    count: int
    total: int

    @property
    def percent(self):
        if self.count is None:
            return None
        return round(100 * self.count / self.total, 1) if self.total else 0


@dataclass
class SettlementRow:
    name: str
    by_channel: list  # counts, None where withheld from the public
    total: int | None
    place: int | None = None  # the settlement's id; None for "not stated"


@dataclass
class Methodology:
    total: int
    groups: list[Share]
    channels: list[Share]
    channel_labels: list[str]
    settlements: list[SettlementRow]
    first: date | None  # the first and last day answers were given
    last: date | None
    questionnaires: list = field(default_factory=list)

    minimum = disclosure.MINIMUM  # the fewest people a published count describes

    @property
    def settlements_reached(self):
        """Settlements with a response (a withheld count is one of at least one)."""
        return sum(1 for row in self.settlements if row.total != 0 and row.place is not None)


NOT_STATED = _("Not stated")


def frozen_figures(questionnaires, *, freeze=False):
    """``{questionnaire id: figures}``: each questionnaire's figures as the public sees them
    (``disclosure.take_figures``), frozen now if they are not yet and ``freeze``, else counted
    afresh for a draft."""
    return {
        q.pk: q.public_figures or (disclosure.freeze(q) if freeze else disclosure.take_figures(q))
        for q in questionnaires
    }


def sample_of(questionnaires, frozen):
    """What the methodology of ``questionnaires`` rests on, from their ``frozen_figures``:
    responses by settlement and channel and by target group, and the first and last day answers
    were given."""
    cells, groups = defaultdict(int), defaultdict(int)
    for questionnaire in questionnaires:
        figures = frozen[questionnaire.pk]
        for _place, data in figures["by_place"]:
            for channel, place, n in data["summary"]:
                cells[place, channel] += n
        groups[questionnaire.target_group] += figures["respondents"]
    days = [_day(frozen[q.pk][end]) for q in questionnaires for end in ("first", "last")]
    days = [day for day in days if day]
    return {
        "cells": [[place, channel, n] for (place, channel), n in cells.items()],
        "groups": [[group, n] for group, n in groups.items()],
        "first": min(days, default=None),
        "last": max(days, default=None),
    }


def _day(text):
    """A day of the period as frozen figures keep it: a date, or in figures frozen before paper
    forms carried theirs, the moment of the first or last submission (its day in Ivanovo)."""
    if not text:
        return None
    moment = datetime.fromisoformat(text)
    return timezone.localdate(moment) if timezone.is_aware(moment) else moment.date()


def methodology_for(questionnaires, sample=None):
    """The sample of ``questionnaires``: total, by target group, by settlement × channel (all 13
    settlements, zeros included) and the first and last day answers were given; from ``sample``
    (what ``sample_of`` counted) when given."""
    if sample is None:
        sample = sample_of(questionnaires, frozen_figures(questionnaires))
    cells = {(settlement, channel): count for settlement, channel, count in sample["cells"]}
    by_group = dict(sample["groups"])
    total = sum(cells.values())
    channels = Channel.values
    rows = []
    settlements = [(s.pk, s.display_name) for s in Settlement.objects.order_by("position")]
    if any(settlement is None for settlement, _channel in cells):
        settlements.append((None, NOT_STATED))
    for pk, name in settlements:
        counts = [cells.get((pk, channel), 0) for channel in channels]
        rows.append(SettlementRow(name=name, by_channel=counts, total=sum(counts), place=pk))
    groups_asked = {q.target_group for q in questionnaires}
    return Methodology(
        total=total,
        groups=[
            Share(label, by_group.get(value, 0), total)
            for value, label in TargetGroup.choices
            if value in groups_asked or by_group.get(value)
        ],
        channels=[
            Share(label, sum(cells.get((pk, value), 0) for pk, _name in settlements), total)
            for value, label in Channel.choices
        ],
        channel_labels=[label for _value, label in Channel.choices],
        settlements=rows,
        first=sample["first"],
        last=sample["last"],
        questionnaires=list(questionnaires),
    )


def withhold_methodology(method, pages):
    """Hide, in place, the methodology's counts of fewer than five and what would give them
    away, here or set against the questionnaires' public ``pages`` (their ``Results`` as
    ``disclosure`` left them: a count hidden there stays hidden here)."""
    table = Table()
    table.cell("total", method.total, fixed=True)
    slugs = {s.pk: s.slug for s in Settlement.objects.all()}
    channels = list(Channel.values)
    for share in method.groups:
        table.cell(("group", share.label), share.count)
    table.total("total", [("group", share.label) for share in method.groups])
    for index, share in enumerate(method.channels):
        table.cell(("channel", index), share.count)
    table.total("total", [("channel", index) for index in range(len(channels))])
    for row in method.settlements:
        table.cell(("place", row.place), row.total)
        for index, count in enumerate(row.by_channel):
            table.cell(("cell", row.place, index), count)
        table.total(("place", row.place), [("cell", row.place, i) for i in range(len(channels))])
    table.total("total", [("place", row.place) for row in method.settlements])
    for index in range(len(channels)):
        table.total(("channel", index), [("cell", row.place, index) for row in method.settlements])
    # The pages' counts, those they withhold standing in as zeros that must stay unknown.
    withheld = set()
    for number, page in enumerate(pages):
        by_slug = {row.code: row for row in page.by_settlement}
        shown = [((number, "channel", channels.index(row.code)), row) for row in page.by_channel]
        for place in [row.place for row in method.settlements]:
            if slugs.get(place, "") in by_slug:
                shown.append(((number, "place", place), by_slug[slugs.get(place, "")]))
        for key, row in shown:
            table.cell(key, row.count or 0)
            if row.count is None:
                withheld.add(key)
    for index in range(len(channels)):
        table.total(("channel", index), [(n, "channel", index) for n in range(len(pages))])
    for row in method.settlements:
        table.total(("place", row.place), [(n, "place", row.place) for n in range(len(pages))])
    hidden = table.protect(withheld)
    for share in method.groups:
        if ("group", share.label) in hidden:
            share.count = None
    for index, share in enumerate(method.channels):
        if ("channel", index) in hidden:
            share.count = None
    for row in method.settlements:
        if ("place", row.place) in hidden:
            row.total = None
        row.by_channel = [
            None if ("cell", row.place, index) in hidden else count
            for index, count in enumerate(row.by_channel)
        ]
