"""The sections of the latest version of a consultation's document: added, changed, moved and
removed one by one, or imported all at once. A superseded version never changes, and a section
someone commented on stays where it is. Each operation is one transaction with its audit entry."""

from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext_lazy as _

from ivanovo_portal.audit.services import log_action
from ivanovo_portal.refusals import Refused

from ..imports import unique_key
from ..models import Comment, Section
from .documents import current_version, locked


def _check_editable(version):
    if version != current_version(version.consultation):
        raise Refused(_("This version has been superseded; change the latest one."))


def _log_sections(version, user, description):
    log_action(
        version.consultation,
        "consultations.sections_changed",
        user=user,
        changes={"section": ["", description]},
        reason=str(version),
    )


@transaction.atomic
def add_section(version, *, user, number, heading, text):
    """A new section at the end of the latest version; its key comes from its number or
    heading and stays with it in later versions."""
    locked(version.consultation)
    _check_editable(version)
    keys = set(version.sections.values_list("key", flat=True))
    last = version.sections.aggregate(last=Max("position"))["last"]
    section = version.sections.create(
        key=unique_key(number or heading, keys),
        number=number,
        heading=heading,
        text=text,
        position=0 if last is None else last + 1,
    )
    _log_sections(version, user, str(section))
    return section


@transaction.atomic
def update_section(section, *, user, number, heading, text):
    """Change a section of the latest version; its key stays."""
    locked(section.version.consultation)
    _check_editable(section.version)
    section.number, section.heading, section.text = number, heading, text
    section.save()
    _log_sections(section.version, user, str(section))
    return section


@transaction.atomic
def move_section(section, *, user, up):
    """Swap a section with the one before (``up``) or after it."""
    locked(section.version.consultation)
    _check_editable(section.version)
    order = list(section.version.sections.all())
    index = next(i for i, other in enumerate(order) if other.pk == section.pk)
    neighbour = index - 1 if up else index + 1
    if not 0 <= neighbour < len(order):
        return section
    order[index], order[neighbour] = order[neighbour], order[index]
    _renumber(order)
    _log_sections(section.version, user, str(section))
    return section


def _renumber(sections):
    for position, section in enumerate(sections):
        section.position = position
    Section.objects.bulk_update(sections, ["position"])


def _check_uncommented(sections):
    commented_ids = set(
        Comment.objects.filter(section__in=sections).values_list("section_id", flat=True)
    )
    commented = [str(section) for section in sections if section.pk in commented_ids]
    if commented:
        raise Refused(
            _(
                "Comments were made on %(sections)s: they stay in this version. "
                "Make a new revision without them."
            )
            % {"sections": ", ".join(commented)}
        )


@transaction.atomic
def remove_section(section, *, user):
    """Take a section out of the latest version, unless someone commented on it there."""
    version = section.version
    locked(version.consultation)
    _check_editable(version)
    _check_uncommented([section])
    section.delete()
    _renumber(list(version.sections.all()))
    _log_sections(version, user, str(section))


@transaction.atomic
def import_sections(version, *, user, sections):
    """Make the latest version's text the ``sections`` imported (``imports.ImportedSection``):
    sections with the same key are updated, new ones added, those missing removed."""
    locked(version.consultation)
    _check_editable(version)
    if not sections:
        raise Refused(_("No sections were found in what was given."), field="text")
    existing = {section.key: section for section in version.sections.all()}
    keys = {imported.key for imported in sections}
    _check_uncommented([section for key, section in existing.items() if key not in keys])
    version.sections.exclude(key__in=keys).delete()
    for position, imported in enumerate(sections):
        version.sections.update_or_create(
            key=imported.key,
            defaults={
                "number": imported.number[:30],
                "heading": imported.heading[:250],
                "text": imported.text,
                "position": position,
            },
        )
    log_action(
        version.consultation,
        "consultations.sections_imported",
        user=user,
        changes={"sections": [len(existing), len(sections)]},
        reason=str(version),
    )
    return version
