"""Answering a questionnaire: one form per section, messages by the question, conditions enforced
on the server. The public pages, staff data entry and the builder's preview all use this module.

- ``selectors.load_sections(questionnaire)``: the sections with their questions, options, matrix
  rows and conditions, in five queries; pass the result on to the functions below (they also take
  a plain ``Section``, and then read what they need from the database).
- ``build_section_form(section, data=None, *, answers_so_far=None, prefix=None)``: a
  ``SectionAnswersForm`` for one section (a page). ``form.items`` are the questions to show, each
  with its bound fields, in order; render them with
  ``{% include "surveys/answer/_questions.html" %}``.
  ``answers_so_far`` maps question ids of earlier sections to the ids of the options chosen there
  (``form.chosen`` of the previous section); questions whose condition those answers do not meet
  get no field, so whatever is sent for them is dropped. ``None`` (the preview) shows every
  question. A condition on a question of the same section is checked when the form is validated:
  the question is shown with the condition in words, and left out when the condition is not met.
  After ``is_valid()``, ``form.answers()`` gives the answers as ``NewAnswer`` values, by ids:
  written in bulk with their response.
- ``collect_answers(questionnaire, data, *, prefix=None, sections=None)``: every section's form
  bound to the same data with conditions followed across sections; ``.is_valid``, ``.answers``
  (for ``services.responses.submit_response``), ``.forms`` and ``.first_invalid``. With
  ``on_paper`` (staff typing a filled-in form) every question keeps its field, so that what was
  typed shows again, and ``.outside`` lists what was typed for questions the answers rule out:
  ``flag_outside`` puts a message by each, for staff to check the form.

Field names are ``q<question id>``, ``q<id>_<row id>`` for a matrix row and ``q<id>_other`` for
"other, please specify"; the data may hold the fields of any number of sections at once.

What the forms are built from lives beside them: ``question_fields`` (the fields, their messages,
what a page may keep between pages) and ``question_items`` (a question as a page shows it).
"""

from dataclasses import dataclass
from decimal import Decimal

from django import forms
from django.utils.formats import number_format
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from ..kinds import kind_of
from ..models import NewAnswer
from ..results.numbers import plain_number
from ..selectors import (
    choices_of,
    condition_choices_of,
    load_sections,
    section_questions,
    settlement_choices,
)
from .question_fields import MESSAGES, OTHER, fields_of
from .question_items import QuestionItem, condition_text


class SectionAnswersForm(forms.Form):
    """The questions of one section. Build it with ``build_section_form``."""

    use_required_attribute = False  # the server's messages, by the question, not the browser's

    def __init__(
        self,
        section,
        data=None,
        *,
        answers_so_far=None,
        prefix=None,
        settlements=None,
        on_paper=False,
    ):
        super().__init__(data, prefix=prefix)
        self.section = section
        self.answers_so_far = answers_so_far
        # Staff typing a paper form see every question, as the paper does: what the resident
        # answered against a condition is shown and reported (``outside``), never dropped unseen.
        self.on_paper = on_paper
        self.outside = []  # (question, what was typed, in words)
        self.chosen = dict(answers_so_far or {})
        self._answers = []
        self._specs = []
        self._own = {q.pk for q in section_questions(section)}
        specs, fields = fields_of(section, settlements)
        for spec in specs:
            question, name, other_name, rows = spec
            if not self._may_show(question):
                continue
            self._specs.append(spec)
            for field_name in [name if not rows else None, other_name, *[n for _r, n in rows]]:
                if field_name:
                    self.fields[field_name] = fields[field_name]

    def _may_show(self, question):
        """False when an answer from an earlier section rules the question out."""
        if question.condition_question_id is None or self.answers_so_far is None or self.on_paper:
            return True
        if question.condition_question_id in self._own:
            return True  # decided when the form is validated
        return self._condition_met(question, self.answers_so_far)

    @staticmethod
    def _condition_met(question, chosen):
        wanted = {c.pk for c in condition_choices_of(question)}
        return bool(wanted & chosen.get(question.condition_question_id, set()))

    # Showing

    @cached_property
    def items(self):
        """The questions to show, in order, each with its bound fields."""
        return [
            QuestionItem(
                question=question,
                field=self[name] if not rows else None,
                other=self[other_name] if other_name else None,
                rows=[(row, self[row_name]) for row, row_name in rows],
                condition=self._condition_in_words(question),
            )
            for question, name, other_name, rows in self._specs
        ]

    @property
    def error_items(self):
        return [item for item in self.items if item.errors]

    # Validating

    def clean(self):
        cleaned = super().clean()
        self.chosen = dict(self.answers_so_far or {})
        self._answers = []
        self.outside = []
        for question, name, other_name, rows in self._specs:
            names = [name, other_name, *[row_name for _row, row_name in rows]]
            if question.condition_question_id and not self._condition_shown(question):
                typed = self._typed_words(names, rows) if self.on_paper else ""
                if typed:
                    self.outside.append((question, typed))
                for dropped in filter(None, names):
                    cleaned.pop(dropped, None)
                    self._errors.pop(dropped, None)
                continue
            if any(n in self._errors for n in names if n):
                continue
            answers = self._answers_for(question, name, other_name, rows, cleaned)
            if answers is None:
                continue
            self._answers.extend(answers)
            self.chosen[question.pk] = {a.choice_id for a in answers if a.choice_id is not None}
        return cleaned

    def _condition_shown(self, question):
        # Without answers from earlier sections (the preview), only this section's answers decide.
        if self.answers_so_far is None and question.condition_question_id not in self._own:
            return True
        return self._condition_met(question, self.chosen)

    def _condition_in_words(self, question):
        """The condition in words where the respondent must judge it on this page."""
        if (
            self.answers_so_far is None
            or self.on_paper
            or question.condition_question_id in self._own
        ):
            return condition_text(question)
        return ""

    def _typed_words(self, names, rows):
        """What the data holds for the fields ``names`` of one question, in words ("" when
        nothing): options by their labels, a matrix row by its label."""
        row_labels = {row_name: row.label for row, row_name in rows}
        parts = []
        for name in filter(None, names):
            value = self[name].value()
            values = [v for v in (value if isinstance(value, list) else [value]) if v]
            labels = {str(code): label for code, label in getattr(self.fields[name], "choices", [])}
            words = ", ".join(str(labels.get(str(v), v)).strip() for v in values)
            if words.strip():
                parts.append(f"{row_labels[name]}: {words}" if name in row_labels else words)
        return "; ".join(parts)

    def _answers_for(self, question, name, other_name, rows, cleaned):
        """The question's answers (``NewAnswer``), or None after adding a message by it."""
        kind = kind_of(question)
        choices = {choice.code: choice for choice in choices_of(question)}
        if kind.rows:
            missing = [row_name for row, row_name in rows if not cleaned.get(row_name)]
            if question.required and missing:
                for row_name in missing:
                    self.add_error(row_name, MESSAGES["required_matrix"])
                return None
            return [
                NewAnswer(
                    question_id=question.pk, row_id=row.pk, choice_id=choice.pk, number=choice.value
                )
                for row, row_name in rows
                if (choice := choices.get(cleaned.get(row_name)))
            ]
        value = cleaned.get(name)
        if kind.options:
            codes = value if isinstance(value, list) else [value] if value else []
            other_text = (cleaned.get(other_name) or "").strip() if other_name else ""
            if other_text and OTHER not in codes:
                if not kind.many and codes:
                    # One answer only: keeping the option would drop the words, and which of
                    # the two was meant is the respondent's to say.
                    self.add_error(other_name, MESSAGES["other_unchosen"])
                    return None
                codes = [*codes, OTHER]  # wrote beside "other" without ticking it
            if not codes:
                if question.required:
                    message = "required_multiple" if kind.many else "required"
                    self.add_error(name, MESSAGES[message])
                    return None
                return []
            if OTHER in codes and not other_text:
                self.add_error(other_name, MESSAGES["other_empty"])
                return None
            answers = [
                NewAnswer(
                    question_id=question.pk,
                    choice_id=choices[code].pk,
                    number=choices[code].value if kind.points else None,
                )
                for code in codes
                if code != OTHER
            ]
            if OTHER in codes:
                answers.append(NewAnswer(question_id=question.pk, other_text=other_text))
            return answers
        if value in (None, ""):
            if question.required:
                self.add_error(name, MESSAGES["required"])
                return None
            return []
        message = self._out_of_bounds(question, value) if kind.bounds else ""
        if message:
            self.add_error(name, message)
            return None
        return [NewAnswer(question_id=question.pk, **{kind.column: value})]

    @staticmethod
    def _out_of_bounds(question, value):
        low, high = question.min_value, question.max_value
        if (low is None or value >= low) and (high is None or value <= high):
            return ""
        bounds = {"min": _plain(low), "max": _plain(high)}
        if low is not None and high is not None:
            return MESSAGES["min_max"] % bounds
        return MESSAGES["min" if low is not None else "max"] % bounds

    def answers(self):
        """The answers of a valid form (``NewAnswer``), in the questions' order."""
        if not self.is_valid():
            raise ValueError("answers() needs a valid form")
        return list(self._answers)


def _plain(number):
    """A bound as people write it: 16, not 16.00; 2,5 in Bulgarian."""
    return number_format(Decimal(plain_number(number))) if number is not None else ""


def build_section_form(
    section, data=None, *, answers_so_far=None, prefix=None, settlements=None, on_paper=False
):
    """A form for one section; see the module's docstring."""
    return SectionAnswersForm(
        section,
        data,
        answers_so_far=answers_so_far,
        prefix=prefix,
        settlements=settlements,
        on_paper=on_paper,
    )


@dataclass
class Collected:
    """Every section's form bound to one set of data, and the answers of the valid ones."""

    forms: list
    answers: list

    @property
    def is_valid(self):
        return all(form.is_valid() for form in self.forms)

    @property
    def first_invalid(self):
        """The index of the first section with a message, or None."""
        return next((i for i, form in enumerate(self.forms) if not form.is_valid()), None)

    @property
    def error_items(self):
        return [item for form in self.forms for item in form.error_items]

    @property
    def outside(self):
        """(form, question, words) of what was typed for questions the answers rule out."""
        return [(form, *typed) for form in self.forms for typed in form.outside]

    def outside_conditions(self):
        """``outside`` as ``services.responses.submit_response`` keeps it."""
        return [{"code": question.code, "answer": words} for _f, question, words in self.outside]


def flag_outside(collected):
    """Put a message by each question answered against its condition (``Collected.outside``),
    asking staff to check the paper form: the forms are then no longer valid."""
    for form, question, _words in collected.outside:
        labels = [f"„{choice.label}“" for choice in condition_choices_of(question)]
        message = MESSAGES["outside"] % {
            "code": question.condition_question.code,
            "choices": _(" or ").join(labels) if labels else "—",
        }
        item = next(item for item in form.items if item.question.pk == question.pk)
        form.add_error(item.bound_fields[0].name, message)


def collect_answers(
    questionnaire, data, *, prefix=None, sections=None, settlements=None, on_paper=False
):
    """Validate the answers to a whole questionnaire, following conditions across sections."""
    if sections is None:
        sections = load_sections(questionnaire)
    if settlements is None:
        settlements = settlement_choices()
    chosen = {}
    forms_, answers = [], []
    for section in sections:
        form = build_section_form(
            section,
            data,
            answers_so_far=chosen,
            prefix=prefix,
            settlements=settlements,
            on_paper=on_paper,
        )
        if form.is_valid():
            answers.extend(form.answers())
        chosen = form.chosen
        forms_.append(form)
    return Collected(forms=forms_, answers=answers)


def answers_before(sections, index, data, *, prefix=None, settlements=None):
    """The options chosen in the sections before ``index``, for the conditions of that section."""
    chosen = {}
    for section in sections[:index]:
        form = build_section_form(
            section, data, answers_so_far=chosen, prefix=prefix, settlements=settlements
        )
        form.is_valid()
        chosen = form.chosen
    return chosen


def prefill(form, data):
    """Show ``data`` (what was typed on an earlier visit) in an unbound form without judging it."""
    form.initial = {
        name: field.widget.value_from_datadict(data, {}, form.add_prefix(name))
        for name, field in form.fields.items()
    }
    return form
