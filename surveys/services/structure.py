"""How staff build the sections and questions of a questionnaire: every change is one
transaction, and once people have answered, a change that would corrupt their answers is refused
(``Refused``).

Allowed at any time: fixing the wording of texts, labels and help, adding options and optional
questions, reordering, and changing dates, status and quotas. Refused once answers exist: deleting
answered questions, options or rows, changing a question's type or an option's code or value,
changing the condition an answered question was asked under, and narrowing bounds that answers
already exceed.
"""

import re

from django.db import transaction
from django.db.models import Max, Min
from django.utils.translation import gettext_lazy as _

from ivanovo_portal.refusals import Refused

from .. import selectors
from ..kinds import kind_of
from ..models import Question, ReportItem, Section
from ..results.numbers import plain_number
from .options import check_options, save_options
from .questionnaires import locked

# Sections


@transaction.atomic
def add_section(questionnaire, *, title, description=""):
    """Add a section (a page) at the end of the questionnaire."""
    questionnaire = locked(questionnaire)
    last = questionnaire.sections.aggregate(last=Max("position"))["last"]
    return Section.objects.create(
        questionnaire=questionnaire,
        title=title,
        description=description,
        position=0 if last is None else last + 1,
    )


@transaction.atomic
def update_section(section, *, title, description=""):
    """Change a section's title and description."""
    section.title = title
    section.description = description
    section.save(update_fields=["title", "description"])
    return section


@transaction.atomic
def delete_section(section):
    """Remove a section with its questions, unless one of them cannot be deleted."""
    locked(section.questionnaire)
    for question in section.questions.all():
        _check_deletable(question, outside=section)
    Question.objects.filter(section=section).update(condition_question=None)
    Question.objects.filter(section=section).delete()
    section.delete()


@transaction.atomic
def move_section(section, direction):
    """Move a section one place ``"up"`` or ``"down"``."""
    questionnaire = locked(section.questionnaire)
    _swap(list(questionnaire.sections.all()), section, direction)
    _check_order(questionnaire)


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


# Questions


def order_key(question, *, section=None):
    """Where a question stands in the questionnaire; a question not yet saved comes last in its
    section."""
    section = section or question.section
    return (
        section.position,
        section.pk,
        question.position if question.pk else float("inf"),
        question.pk or float("inf"),
    )


def check_condition(question, condition_question, condition_choices, *, section=None):
    """Refuse a condition unless it points to an earlier single choice, multiple choice, scale
    or yes/no question of the same questionnaire and names some of its options."""
    condition_choices = list(condition_choices or ())
    if condition_question is None:
        if condition_choices:
            raise Refused(
                _("Choose the question whose answer the options belong to."),
                field="condition_question",
            )
        return
    section = section or question.section
    if condition_question.section.questionnaire_id != section.questionnaire_id:
        raise Refused(
            _("The condition must refer to a question of this questionnaire."),
            field="condition_question",
        )
    if not kind_of(condition_question).selectable:
        raise Refused(
            _(
                "A condition can only depend on a single choice, multiple choice, rating scale "
                "or yes/no question."
            ),
            field="condition_question",
        )
    if order_key(condition_question) >= order_key(question, section=section):
        raise Refused(
            _("A condition can only depend on a question asked earlier."),
            field="condition_question",
        )
    if not condition_choices:
        raise Refused(_("Choose the answers that show this question."), field="condition_choices")
    if any(choice.question_id != condition_question.pk for choice in condition_choices):
        raise Refused(
            _("Choose only answers of %(code)s.") % {"code": condition_question.code},
            field="condition_choices",
        )


def check_code(section, code, *, exclude=None):
    """Refuse a question code another question of the questionnaire has."""
    others = Question.objects.filter(section__questionnaire_id=section.questionnaire_id, code=code)
    if exclude is not None:
        others = others.exclude(pk=exclude.pk)
    if others.exists():
        raise Refused(
            _("Another question of this questionnaire already has the code %(code)s.")
            % {"code": code},
            field="code",
        )


def next_code(questionnaire):
    """The code after the highest “Q<number>” of the questionnaire: Q1, Q2… (Q6 after Q5)."""
    codes = Question.objects.filter(section__questionnaire=questionnaire).values_list(
        "code", flat=True
    )
    numbers = [int(code[1:]) for code in codes if re.fullmatch(r"Q\d{1,6}", code)]
    return f"Q{max(numbers, default=0) + 1}"


def check_bounds(min_value, max_value):
    """Refuse a smallest number above the largest."""
    if min_value is not None and max_value is not None and min_value > max_value:
        raise Refused(
            _("The smallest number cannot be larger than the largest."), field="max_value"
        )


@transaction.atomic
def add_question(section, *, kind, text, code="", options=(), rows=(), **fields):
    """Add a question at the end of ``section`` with its options (``(code, label, value)``),
    matrix rows (``(code, label)``) and condition (``condition_question``,
    ``condition_choices``); a kind with options of its own (yes/no) gets them here."""
    questionnaire = locked(section.questionnaire)
    code = code or next_code(questionnaire)
    check_code(section, code)
    check_bounds(fields.get("min_value"), fields.get("max_value"))
    if fields.get("required", True) and selectors.has_responses(questionnaire):
        raise Refused(
            _(
                "People have already answered this questionnaire, so a new question can only be "
                "optional: untick “required”."
            ),
            field="required",
        )
    last = section.questions.aggregate(last=Max("position"))["last"]
    question = Question(section=section, position=0 if last is None else last + 1)
    options = kind_of(kind).fixed_options or options
    return _save_question(question, options, rows, kind=kind, text=text, code=code, **fields)


@transaction.atomic
def update_question(question, *, section, kind, text, code="", options=(), rows=(), **fields):
    """Change a question, its options, rows and condition; refuse what would corrupt the answers
    given."""
    locked(question.section.questionnaire)
    question = Question.objects.select_related("section").get(pk=question.pk)
    answered = question.answers.exists()
    code = code or question.code
    check_code(section, code, exclude=question)
    check_bounds(fields.get("min_value"), fields.get("max_value"))
    if kind != question.kind:
        _check_kind_change(question, kind, answered)
    if answered:
        _check_answered_question(question, fields)
    if section.pk != question.section_id:
        last = section.questions.aggregate(last=Max("position"))["last"]
        question.section = section
        question.position = 0 if last is None else last + 1
    new = kind_of(kind)
    if new.fixed_options:
        options = new.fixed_options
        if question.kind == kind:  # keeps the labels staff may have reworded
            options = [(c.code, c.label, c.value) for c in question.choices.all()]
    if not new.options:
        options = ()
    if not new.rows:
        rows = ()
    _save_question(question, options, rows, kind=kind, text=text, code=code, **fields)
    _check_order(section.questionnaire)
    return question


def _save_question(
    question, options, rows, *, condition_question=None, condition_choices=(), **fields
):
    """Check the question's condition and options, then save it with them."""
    for name, value in fields.items():
        setattr(question, name, value)
    check_condition(question, condition_question, condition_choices, section=question.section)
    check_options(question.kind, options, rows)
    question.condition_question = condition_question
    question.save()
    question.condition_choices.set(condition_choices)
    save_options(question, options, rows)
    return question


def _check_kind_change(question, kind, answered):
    if answered:
        raise Refused(
            _(
                "People have already answered this question: its type can no longer be changed. "
                "Add a new question instead."
            ),
            field="kind",
        )
    if not kind_of(kind).selectable and question.dependent_questions.exists():
        raise Refused(
            _(
                "Other questions are shown depending on the answer to this one: remove their "
                "conditions before changing its type."
            ),
            field="kind",
        )


def _check_answered_question(question, fields):
    condition_question = fields.get("condition_question")
    condition_choices = fields.get("condition_choices", ())
    if (
        question.allow_other
        and not fields.get("allow_other", True)
        and question.answers.filter(choice=None).exclude(other_text="").exists()
    ):
        raise Refused(
            _("Some people have written an “other” answer: the option must stay."),
            field="allow_other",
        )
    if condition_question != question.condition_question or {
        choice.pk for choice in condition_choices
    } != set(question.condition_choices.values_list("pk", flat=True)):
        raise Refused(
            _(
                "People have already answered this question under its present condition: the "
                "condition can no longer be changed."
            ),
            field="condition_question",
        )
    if not kind_of(question).bounds:
        return
    given = question.answers.aggregate(low=Min("number"), high=Max("number"))
    if given["low"] is None:
        return
    low, high = fields.get("min_value"), fields.get("max_value")
    too_high = low is not None and given["low"] < low
    if too_high or (high is not None and given["high"] > high):
        raise Refused(
            _(
                "Answers from %(low)s to %(high)s have already been given: the bounds must "
                "include them."
            )
            % {"low": plain_number(given["low"]), "high": plain_number(given["high"])},
            field="min_value" if too_high else "max_value",
        )


def _check_deletable(question, *, outside=None):
    if question.answers.exists():
        raise Refused(
            _(
                "People have already answered %(code)s: it cannot be deleted. Make it optional "
                "or change its wording instead."
            )
            % {"code": question.code}
        )
    dependents = question.dependent_questions.all()
    if outside is not None:
        dependents = dependents.exclude(section=outside)
    dependent = dependents.first()
    if dependent is not None:
        raise Refused(
            _("Question %(code)s is shown depending on %(source)s: change its condition first.")
            % {"code": dependent.code, "source": question.code}
        )
    if ReportItem.objects.filter(question=question).exists():
        raise Refused(
            _("%(code)s is part of an analysis report: remove it from the report first.")
            % {"code": question.code}
        )


@transaction.atomic
def delete_question(question):
    """Remove a question nobody has answered and nothing depends on."""
    locked(question.section.questionnaire)
    _check_deletable(question)
    question.delete()


@transaction.atomic
def move_question(question, direction):
    """Move a question one place ``"up"`` or ``"down"``; past the edge of its section it goes to
    the end of the previous section or the start of the next."""
    questionnaire = locked(question.section.questionnaire)
    question = Question.objects.select_related("section").get(pk=question.pk)
    siblings = list(question.section.questions.order_by("position", "pk"))
    index = next(i for i, other in enumerate(siblings) if other.pk == question.pk)
    at_edge = index == 0 if direction == "up" else index == len(siblings) - 1
    sections = list(questionnaire.sections.all())
    here = next(i for i, section in enumerate(sections) if section.pk == question.section_id)
    there = here - 1 if direction == "up" else here + 1
    if at_edge and 0 <= there < len(sections):
        neighbours = list(sections[there].questions.order_by("position", "pk"))
        question.section = sections[there]
        if direction == "up":
            neighbours.append(question)
        else:
            neighbours.insert(0, question)
        for position, each in enumerate(neighbours):
            each.position = position
            each.save(update_fields=["section", "position"] if each is question else ["position"])
    else:
        _swap(siblings, question, direction)
    _check_order(questionnaire)


def _check_order(questionnaire):
    """Refuse an order in which a question's condition depends on a later question."""
    questions = {
        question.pk: question
        for question in Question.objects.filter(section__questionnaire=questionnaire)
        .select_related("section")
        .order_by()
    }
    for question in questions.values():
        source = questions.get(question.condition_question_id)
        if source is not None and order_key(source) >= order_key(question):
            raise Refused(
                _(
                    "%(code)s is shown depending on the answer to %(source)s, so it must come "
                    "after it."
                )
                % {"code": question.code, "source": source.code}
            )
