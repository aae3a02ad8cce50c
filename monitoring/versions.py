"""Reading frameworks of criteria: a version's structure with its scales, what changed against
the previous version (criteria matched by code), and the staff's list of frameworks."""

from dataclasses import dataclass, field

from django.db.models import Prefetch
from django.utils.translation import gettext

from .models import Area, Criterion, Framework, FrameworkVersion, Round

# What "changed" compares between two criteria of the same code, beside their scales.
COMPARED_FIELDS = (
    "question",
    "legal_basis",
    "evidence_kind",
    "scope",
    "weight",
    "allows_not_applicable",
    "guidance",
)


def structure_of(version):
    """The version's areas in order, each with ``criteria`` and each criterion with ``scale``
    prefetched: three queries."""
    criteria = Criterion.objects.order_by("position", "pk").prefetch_related("scale")
    return list(
        Area.objects.filter(version=version).prefetch_related(Prefetch("criteria", criteria))
    )


def criteria_of(areas):
    """The criteria of ``structure_of``'s areas, in order."""
    return [criterion for area in areas for criterion in area.criteria.all()]


@dataclass
class Change:
    """A criterion kept under the same code with something different: ``fields`` are the
    verbose names of what differs (its area and its scale among them)."""

    before: Criterion
    after: Criterion
    fields: list


@dataclass
class Comparison:
    previous: FrameworkVersion | None
    added: list = field(default_factory=list)
    removed: list = field(default_factory=list)
    changed: list = field(default_factory=list)

    def __bool__(self):
        return bool(self.added or self.removed or self.changed)


def previous_of(version):
    return (
        FrameworkVersion.objects.filter(
            framework_id=version.framework_id, number__lt=version.number
        )
        .order_by("-number")
        .first()
    )


def comparison(version, areas):
    """What changed in ``version`` (whose ``structure_of`` is ``areas``) against the version
    before it: criteria added, removed and changed, matched by code."""
    previous = previous_of(version)
    if previous is None:
        return Comparison(previous=None)
    before = {criterion.code: criterion for criterion in criteria_of(structure_of(previous))}
    after = {criterion.code: criterion for criterion in criteria_of(areas)}
    return Comparison(
        previous=previous,
        added=[criterion for code, criterion in after.items() if code not in before],
        removed=[criterion for code, criterion in before.items() if code not in after],
        changed=[
            Change(before[code], criterion, differences)
            for code, criterion in after.items()
            if code in before and (differences := _differences(before[code], criterion))
        ],
    )


def _differences(before, after):
    names = [name for name in COMPARED_FIELDS if getattr(before, name) != getattr(after, name)]
    labels = [str(Criterion._meta.get_field(name).verbose_name) for name in names]
    if before.area.code != after.area.code:
        labels.insert(0, str(Area._meta.verbose_name))
    if _scale(before) != _scale(after):
        labels.append(gettext("scale"))
    return labels


def _scale(criterion):
    return [(point.value, point.label, point.descriptor) for point in criterion.scale.all()]


def frameworks_for_staff():
    """Every framework with its versions, newest first, and the rounds that use each: three
    queries."""
    versions = FrameworkVersion.objects.order_by("-number").prefetch_related(
        Prefetch("rounds", Round.objects.order_by("-period_start", "-pk"))
    )
    return list(Framework.objects.prefetch_related(Prefetch("versions", versions)))


def frozen_versions_of(framework):
    """The framework's frozen versions, newest first, for the links between them."""
    return list(framework.versions.frozen().order_by("-number"))
