"""Frameworks of criteria as staff keep them: a framework starts with a draft version; only a draft
is edited (areas, criteria and their scales); a round freezes the version it uses, and from then on
every change is refused and a new version, copied whole from the latest, takes the changes.

Each operation is one transaction with the version's row locked; what cannot be done is refused
(``Refused``) with the argument at fault.
"""

from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ivanovo_portal import slugs
from ivanovo_portal.audit.services import log_action
from ivanovo_portal.refusals import Refused

from ..models import Area, Criterion, Framework, FrameworkVersion, ScalePoint

# The fields of a criterion the screens set, besides its area and its scale.
CRITERION_FIELDS = (
    "code",
    "question",
    "legal_basis",
    "evidence_kind",
    "scope",
    "weight",
    "allows_not_applicable",
    "guidance",
)


# Frameworks and versions


@transaction.atomic
def create_framework(*, user, name, description=""):
    """Start a framework, its address made from the name, with an empty draft version 1."""
    framework = Framework.objects.create(
        name=name,
        slug=slugs.unique_slug(name, Framework.objects, fallback="framework"),
        description=description,
        created_by=user,
    )
    FrameworkVersion.objects.create(framework=framework, number=1, created_by=user)
    return framework


def _locked(version):
    return (
        FrameworkVersion.objects.select_for_update(of=("self",))
        .select_related("framework")
        .get(pk=version.pk)
    )


def _draft(version):
    """The version read again with its row locked until the transaction ends; refused once it is
    frozen, since rounds are scored against it as it stands."""
    version = _locked(version)
    if version.is_frozen:
        raise Refused(
            _(
                "Version %(number)s is frozen: a round uses it, so it can no longer change. "
                "Make a new version instead."
            )
            % {"number": version.number}
        )
    return version


@transaction.atomic
def update_note(version, *, changes):
    """Change what a draft version says has changed since the previous one."""
    version = _draft(version)
    version.changes = changes
    version.save(update_fields=["changes"])
    return version


@transaction.atomic
def freeze(version, *, user=None):
    """Freeze a version, as the first round that uses it does; a frozen one stays as it was."""
    version = _locked(version)
    if version.is_frozen:
        return version
    if not Criterion.objects.filter(area__version=version).exists():
        raise Refused(_("A version without criteria cannot be used by a round."), field="version")
    version.frozen_at = timezone.now()
    version.save(update_fields=["frozen_at"])
    log_action(version, "monitoring.version_frozen", user=user)
    return version


@transaction.atomic
def new_version(framework, *, user, changes):
    """A draft version numbered after the latest, with the latest's areas, criteria and scales
    copied whole; refused while the framework has a draft already."""
    framework = Framework.objects.select_for_update().get(pk=framework.pk)
    latest = framework.versions.order_by("-number").first()
    if latest is not None and not latest.is_frozen:
        raise Refused(
            _("Version %(number)s is still a draft: change it instead of making another.")
            % {"number": latest.number}
        )
    if not changes.strip():
        raise Refused(_("Say what changes in the new version."), field="changes")
    version = FrameworkVersion.objects.create(
        framework=framework,
        number=latest.number + 1 if latest else 1,
        changes=changes,
        created_by=user,
    )
    if latest is not None:
        _copy_structure(latest, version)
    log_action(
        version,
        "monitoring.version_created",
        user=user,
        changes={"number": [str(latest.number) if latest else "", str(version.number)]},
        reason=changes,
    )
    return version


def _copy_structure(source, version):
    """Copy the areas, criteria and scale points of ``source`` into ``version``: three inserts."""
    areas = list(source.areas.all())
    criteria = list(Criterion.objects.filter(area__version=source).order_by("pk"))
    points = list(ScalePoint.objects.filter(criterion__area__version=source).order_by("pk"))
    copies = Area.objects.bulk_create(
        Area(
            version=version,
            code=area.code,
            name=area.name,
            description=area.description,
            position=area.position,
        )
        for area in areas
    )
    area_of = {area.pk: copy for area, copy in zip(areas, copies, strict=True)}
    criterion_copies = Criterion.objects.bulk_create(
        Criterion(
            area=area_of[criterion.area_id],
            position=criterion.position,
            **{name: getattr(criterion, name) for name in CRITERION_FIELDS},
        )
        for criterion in criteria
    )
    criterion_of = {
        criterion.pk: copy for criterion, copy in zip(criteria, criterion_copies, strict=True)
    }
    ScalePoint.objects.bulk_create(
        ScalePoint(
            criterion=criterion_of[point.criterion_id],
            value=point.value,
            label=point.label,
            descriptor=point.descriptor,
        )
        for point in points
    )


# Areas


def _check_area_code(version, code, *, exclude=None):
    others = version.areas.filter(code=code)
    if exclude is not None:
        others = others.exclude(pk=exclude.pk)
    if others.exists():
        raise Refused(
            _("Another area of this version already has the code %(code)s.") % {"code": code},
            field="code",
        )


def _next_position(items):
    last = items.aggregate(last=Max("position"))["last"]
    return 0 if last is None else last + 1


@transaction.atomic
def add_area(version, *, code, name, description=""):
    """Add an area at the end of a draft version."""
    version = _draft(version)
    _check_area_code(version, code)
    return Area.objects.create(
        version=version,
        code=code,
        name=name,
        description=description,
        position=_next_position(version.areas),
    )


@transaction.atomic
def update_area(area, *, code, name, description=""):
    """Change an area's code, name and description."""
    version = _draft(area.version)
    _check_area_code(version, code, exclude=area)
    area.code, area.name, area.description = code, name, description
    area.save(update_fields=["code", "name", "description"])
    return area


@transaction.atomic
def delete_area(area):
    """Remove an area with its criteria from a draft version."""
    _draft(area.version)
    area.delete()


@transaction.atomic
def move_area(area, direction):
    """Move an area one place ``"up"`` or ``"down"``."""
    version = _draft(area.version)
    _swap(list(version.areas.all()), area, direction)


def _swap(items, item, direction):
    """Swap ``item`` with its neighbour and number the list 0, 1, 2… again."""
    index = next(i for i, other in enumerate(items) if other.pk == item.pk)
    other = index - 1 if direction == "up" else index + 1
    if 0 <= other < len(items):
        items[index], items[other] = items[other], items[index]
    for position, each in enumerate(items):
        if each.position != position:
            each.position = position
            each.save(update_fields=["position"])


# Criteria


def check_scale(scale):
    """Refuse a scale of fewer than two points, a point without a label or a descriptor, or two
    points of the same score; ``scale`` is ``(value, label, descriptor)`` triples."""
    if len(scale) < 2:
        raise Refused(_("A scale needs at least two points."), field="scale")
    if any(not label.strip() or not descriptor.strip() for _value, label, descriptor in scale):
        raise Refused(_("Every point of the scale needs a label and a descriptor."), field="scale")
    values = [value for value, _label, _descriptor in scale]
    if any(value is None or value < 0 for value in values):
        raise Refused(_("Every point of the scale needs a score of 0 or more."), field="scale")
    if len(values) != len(set(values)):
        raise Refused(_("Two points of the scale cannot have the same score."), field="scale")


def _check_criterion(version, *, code, weight, scale, exclude=None):
    others = Criterion.objects.filter(area__version=version, code=code)
    if exclude is not None:
        others = others.exclude(pk=exclude.pk)
    if others.exists():
        raise Refused(
            _("Another criterion of this version already has the code %(code)s.") % {"code": code},
            field="code",
        )
    if weight is None or weight < 1:
        raise Refused(_("The weight is a whole number of 1 or more."), field="weight")
    check_scale(scale)


@transaction.atomic
def add_criterion(
    area,
    *,
    code,
    question,
    evidence_kind,
    scope,
    scale,
    weight=1,
    legal_basis="",
    allows_not_applicable=False,
    guidance="",
):
    """Add a criterion at the end of ``area`` of a draft version, with its ``scale`` of
    ``(value, label, descriptor)`` points."""
    version = _draft(area.version)
    _check_criterion(version, code=code, weight=weight, scale=scale)
    criterion = Criterion.objects.create(
        area=area,
        position=_next_position(area.criteria),
        code=code,
        question=question,
        legal_basis=legal_basis,
        evidence_kind=evidence_kind,
        scope=scope,
        weight=weight,
        allows_not_applicable=allows_not_applicable,
        guidance=guidance,
    )
    _save_scale(criterion, scale)
    return criterion


@transaction.atomic
def update_criterion(criterion, *, area, scale, **fields):
    """Change a criterion (``fields`` are those of ``add_criterion``), move it to the end of
    another ``area`` of its version, and make its scale the points given."""
    unknown = set(fields) - set(CRITERION_FIELDS)
    if unknown:
        raise TypeError(f"Not a criterion's field: {', '.join(sorted(unknown))}")
    version = _draft(criterion.area.version)
    if area.version_id != version.pk:
        raise Refused(_("Choose an area of this version."), field="area")
    _check_criterion(
        version,
        code=fields.get("code", criterion.code),
        weight=fields.get("weight", criterion.weight),
        scale=scale,
        exclude=criterion,
    )
    if area.pk != criterion.area_id:
        criterion.area = area
        criterion.position = _next_position(area.criteria)
    for name, value in fields.items():
        setattr(criterion, name, value)
    criterion.save()
    criterion.scale.all().delete()
    _save_scale(criterion, scale)
    return criterion


def _save_scale(criterion, scale):
    ScalePoint.objects.bulk_create(
        ScalePoint(criterion=criterion, value=value, label=label, descriptor=descriptor)
        for value, label, descriptor in sorted(scale, key=lambda point: point[0])
    )


@transaction.atomic
def delete_criterion(criterion):
    """Remove a criterion from a draft version."""
    _draft(criterion.area.version)
    criterion.delete()


@transaction.atomic
def move_criterion(criterion, direction):
    """Move a criterion one place ``"up"`` or ``"down"`` within its area."""
    _draft(criterion.area.version)
    _swap(list(criterion.area.criteria.order_by("position", "pk")), criterion, direction)
