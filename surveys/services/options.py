"""A question's options and matrix rows: what its kind needs of them, and saving them matched by
code, so that a change keeps the answers that chose them."""

from decimal import Decimal

from django.utils.translation import gettext_lazy as _

from ivanovo_portal.refusals import Refused

from ..kinds import kind_of
from ..models import Answer, Choice, MatrixRow, Question


def check_options(kind, options, rows):
    """Refuse options and rows a question of ``kind`` cannot have, or lacks."""
    kind = kind_of(kind)
    if kind.typed_options and not options:
        raise Refused(_("Give the options, one per line."), field="options")
    if kind.rows and not rows:
        raise Refused(_("Give the rows of the matrix, one per line."), field="rows")
    if kind.points and any(value is None for _code, _label, value in options):
        raise Refused(_("Give every point of the scale a number."), field="options")
    for name, items in (("options", options), ("rows", rows)):
        codes = [item[0] for item in items]
        if len(codes) != len(set(codes)):
            raise Refused(_("Each line needs a code of its own."), field=name)


def save_options(question, options, rows):
    """Make the question's options and rows those given, matched by code: a known code keeps its
    row (and its answers), a new one is added, a missing one is deleted if nothing uses it."""
    _sync(
        question,
        Choice,
        [
            {"code": code, "label": label, "value": value, "position": position}
            for position, (code, label, value) in enumerate(options)
        ],
        field="options",
    )
    _sync(
        question,
        MatrixRow,
        [
            {"code": code, "label": label, "position": position}
            for position, (code, label) in enumerate(rows)
        ],
        field="rows",
    )


def _sync(question, model, wanted, *, field):
    existing = {item.code: item for item in model.objects.filter(question=question)}
    answered = set(
        Answer.objects.filter(question=question)
        .values_list("choice__code" if model is Choice else "row__code", flat=True)
        .distinct()
    )
    gone = [item for code, item in existing.items() if code not in {w["code"] for w in wanted}]
    for item in gone:
        if item.code in answered:
            raise Refused(
                _(
                    "“%(label)s” (code %(code)s) has already been chosen in answers: it cannot be "
                    "removed and its code cannot change."
                )
                % {"label": item.label, "code": item.code},
                field=field,
            )
        if model is Choice:
            _check_not_a_condition(item, field)
    for values in wanted:
        item = existing.get(values["code"])
        if item is None:
            model.objects.create(question=question, **values)
            continue
        if model is Choice and item.code in answered and _differs(item.value, values["value"]):
            raise Refused(
                _(
                    "“%(label)s” (code %(code)s) has already been chosen in answers: its number "
                    "cannot change."
                )
                % {"label": item.label, "code": item.code},
                field=field,
            )
        changed = [name for name, value in values.items() if getattr(item, name) != value]
        if changed:
            for name in changed:
                setattr(item, name, values[name])
            item.save(update_fields=changed)
    model.objects.filter(pk__in=[item.pk for item in gone]).delete()


def _differs(old, new):
    if old is None or new is None:
        return old is not new
    return Decimal(old) != Decimal(new)


def _check_not_a_condition(choice, field):
    dependent = Question.objects.filter(condition_choices=choice).first()
    if dependent is not None:
        raise Refused(
            _("Question %(code)s is shown depending on “%(label)s”: change its condition first.")
            % {"code": dependent.code, "label": choice.label},
            field=field,
        )
