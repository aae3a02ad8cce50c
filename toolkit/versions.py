"""A method as a version holds it: ``snapshot`` turns a method into plain content (what an edition
prints and what ``toolkit.content`` is written in), ``apply`` writes such content back, and the
rest reads two contents side by side for the staff's version pages and the audit history."""

from enum import Enum

from django.utils.text import Truncator
from django.utils.translation import gettext

from .code import Level, Step
from .models import Method, MethodStep, MethodTemplate, Placement
from .models.methods import Audience

# The method's own fields, in the order of the content format (toolkit.content).
FIELDS = (
    "slug",
    "name",
    "summary",
    "purpose",
    "when_to_use",
    "when_not",
    "time_needed",
    "weeks",
    "cost",
    "cost_note",
    "group_min",
    "group_max",
    "facilitation",
    "offline",
    "paper",
    "online",
    "elderly",
    "literacy",
    "audiences",
    "venue",
    "legal_basis",
    "risks",
    "tips",
    "sources",
)
# Everything a version holds, in the content format's order.
ORDER = (*FIELDS[:3], "placements", *FIELDS[3:], "steps", "templates")
STEP_FIELDS = ("day", "title", "who", "detail")
TEMPLATE_FIELDS = ("title", "body")
# How much of a long text the audit history keeps on each side of a change.
HISTORY_CHARS = 80


def _plain(value):
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, (list, tuple)):
        return [_plain(item) for item in value]
    return value


def _cell_order(cell):
    level, step = cell
    return Level.values.index(level), Step.values.index(step)


def _placements(pairs):
    return sorted(([_plain(level), _plain(step)] for level, step in pairs), key=_cell_order)


def snapshot(method):
    """The method as plain content: its fields, its cells as ``[level, step]`` in the matrix's
    order, its steps and templates in order."""
    parts = {
        "placements": _placements(method.placements.values_list("level", "step")),
        "steps": [
            {name: getattr(step, name) for name in STEP_FIELDS} for step in method.steps.all()
        ],
        "templates": [
            {name: getattr(template, name) for name in TEMPLATE_FIELDS}
            for template in method.templates.all()
        ],
    }
    return {name: parts[name] if name in parts else _plain(getattr(method, name)) for name in ORDER}


def apply(method, content):
    """Write ``content`` onto ``method`` (saved or new) and replace its cells, steps and
    templates with the content's."""
    for name in FIELDS:
        setattr(method, name, _plain(content[name]))
    method.save()
    method.placements.all().delete()
    method.steps.all().delete()
    method.templates.all().delete()
    Placement.objects.bulk_create(
        Placement(method=method, level=level, step=step)
        for level, step in _placements(content["placements"])
    )
    MethodStep.objects.bulk_create(
        MethodStep(method=method, position=position, **{name: step[name] for name in STEP_FIELDS})
        for position, step in enumerate(content["steps"])
    )
    MethodTemplate.objects.bulk_create(
        MethodTemplate(
            method=method, position=position, **{name: part[name] for name in TEMPLATE_FIELDS}
        )
        for position, part in enumerate(content["templates"])
    )
    return method


# Reading contents


def _label(name):
    field = Method._meta.get_field(name)
    if field.auto_created and not field.concrete:
        return field.related_model._meta.verbose_name_plural
    return field.verbose_name


def _shown(name, value):
    """A content value as staff read it: a choice by its label, cells and steps one a line."""
    field = Method._meta.get_field(name)
    if name == "placements":
        return "\n".join(f"{Level(level).label} × {Step(step).label}" for level, step in value)
    if name == "steps":
        return "\n\n".join(
            gettext("Day %(day)s: %(title)s (%(who)s)") % step
            + (f"\n{step['detail']}" if step["detail"] else "")
            for step in value
        )
    if name == "templates":
        return "\n\n".join(f"{part['title']}\n{part['body']}" for part in value)
    if name == "audiences":
        return ", ".join(str(Audience(item).label) for item in value if item in Audience.values)
    if field.choices:
        return str(dict(field.choices).get(value, value))
    if isinstance(value, bool):
        return gettext("yes") if value else gettext("no")
    if value is None:
        return gettext("no limit") if name == "group_max" else ""
    return str(value)


def readable(content):
    """``(name, label, text)`` for every part of ``content``, in the content's order."""
    return [(name, _label(name), _shown(name, content[name])) for name in ORDER]


def differences(before, after):
    """``(name, label, old text, new text)`` for each part that ``after`` holds differently."""
    return [
        (name, _label(name), _shown(name, before[name]), _shown(name, after[name]))
        for name in ORDER
        if before[name] != after[name]
    ]


def history_changes(before, after):
    """What the audit history records of a save: field → [old, new], long texts shortened."""
    if before is None:
        return {}
    return {
        name: [_short(old), _short(new)] for name, _label, old, new in differences(before, after)
    }


def _short(text):
    return Truncator(" ".join(text.split())).chars(HISTORY_CHARS)
