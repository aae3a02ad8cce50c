"""Reads for the publications library: every public document an activity registers as a
publication (through the kernel's documents registry, so the campaign imports no other activity),
filtered by activity, kind and year, each value of a filter with how many publications it shows.

The public documents are decided in Python (each kind says whether its source is public), so
the library filters the list the kernel gives: a few dozen documents, read in a fixed number of
queries however many there are."""

from collections.abc import Callable
from dataclasses import dataclass

from django import forms
from django.utils.translation import gettext_lazy as _

from ivanovo_portal.documents.registry import kinds
from ivanovo_portal.documents.selectors import Publication, publications
from ivanovo_portal.project import Activity


@dataclass(frozen=True)
class Dimension:
    """A filter of the library: what ``value(publication)`` it compares, how a value is named,
    and how the values are ordered in its list."""

    label: str
    everything: str
    value: Callable[[Publication], str]
    name: Callable[[str], str]
    order: Callable[[str], object]
    reverse: bool = False


def _activity_of(publication):
    """The value of a publication's activity: empty for the kernel's own (the register's
    letters), which the activity filter does not offer."""
    activity = publication.kind.activity
    return activity.value if activity else ""


# The one table of the library's filters.
DIMENSIONS = {
    "activity": Dimension(
        label=_("Activity"),
        everything=_("All activities"),
        value=_activity_of,
        name=lambda value: Activity(value).label,
        order=Activity.values.index,
    ),
    "kind": Dimension(
        label=_("Kind of document"),
        everything=_("All kinds"),
        value=lambda publication: publication.document.kind,
        name=lambda value: str(kinds.get(value).label),
        order=lambda value: str(kinds.get(value).label),
    ),
    "year": Dimension(
        label=_("Year"),
        everything=_("All years"),
        value=lambda publication: str(publication.year),
        name=str,
        order=str,
        reverse=True,
    ),
}


class LibraryFilter(forms.Form):
    """The library's filters, a plain GET form that works without JavaScript. Its choices are
    the values the library holds, each named with how many publications it would show beside
    the other filters chosen."""

    def __init__(self, data, *, library):
        super().__init__(data)
        self.library = library
        for name, dimension in DIMENSIONS.items():
            values = {dimension.value(publication) for publication in library} - {""}
            self.fields[name] = forms.ChoiceField(
                label=dimension.label,
                required=False,
                choices=[
                    ("", dimension.everything),
                    *[
                        (value, dimension.name(value))
                        for value in sorted(values, key=dimension.order, reverse=dimension.reverse)
                    ],
                ],
            )
        # A value no longer in the library (an old link) is refused by its field, and the others
        # still filter.
        self.is_valid()
        for name in DIMENSIONS:
            self._count(name)

    @property
    def chosen(self):
        """``{filter: value}`` of the filters chosen with a value the library holds."""
        return {name: value for name, value in self.cleaned_data.items() if value}

    def matches(self, publication, *, ignoring=None):
        """Whether ``publication`` passes the chosen filters (but ``ignoring``)."""
        return all(
            DIMENSIONS[name].value(publication) == value
            for name, value in self.chosen.items()
            if name != ignoring
        )

    def _count(self, name):
        """Name each value of the filter ``name`` with the publications it would show."""
        value_of = DIMENSIONS[name].value
        shown = [value_of(p) for p in self.library if self.matches(p, ignoring=name)]
        field = self.fields[name]
        field.choices = [
            (value, label if not value else f"{label} ({shown.count(value)})")
            for value, label in field.choices
        ]


def library(query):
    """The library's filter form bound to ``query`` (a GET) and the public publications that
    pass it, the latest published first."""
    form = LibraryFilter(query, library=publications())
    return form, [publication for publication in form.library if form.matches(publication)]
