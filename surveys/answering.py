"""Answering a questionnaire: one form per section, messages by the question, conditions enforced
on the server. The public pages, staff data entry and the builder's preview all use this module.

- ``load_sections(questionnaire)``: the sections with their questions, options, matrix rows and
  conditions, in five queries; pass the result on to the functions below (they also take a
  plain ``Section``, and then read what they need from the database).
- ``build_section_form(section, data=None, *, answers_so_far=None, prefix=None)``: a
  ``SectionForm`` for one section (a page). ``form.items`` are the questions to show, each with its
  bound fields, in order; render them with ``{% include "surveys/answer/_questions.html" %}``.
  ``answers_so_far`` maps question ids of earlier sections to the ids of the options chosen there
  (``form.chosen`` of the previous section); questions whose condition those answers do not meet
  get no field, so whatever is sent for them is dropped. ``None`` (the preview) shows every
  question. A condition on a question of the same section is checked when the form is validated:
  the question is shown with the condition in words, and left out when the condition is not met.
  After ``is_valid()``, ``form.answers()`` gives the unsaved ``Answer`` rows.
- ``collect_answers(questionnaire, data, *, prefix=None, sections=None)``: every section's form
  bound to the same data with conditions followed across sections; ``.is_valid``, ``.answers``
  (unsaved rows for ``services.submit_response``), ``.forms`` and ``.first_invalid``.
- ``condition_text(question)``: the condition in words ("Answer only if …"), for pages and paper.

Field names are ``q<question id>``, ``q<id>_<row id>`` for a matrix row and ``q<id>_other`` for
"other, please specify"; the data may hold the fields of any number of sections at once.
"""

import time
from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from django import forms
from django.forms.boundfield import BoundWidget
from django.utils import translation
from django.utils.formats import number_format
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from ivanovo_portal.places.models import Settlement

from .models import Answer, Choice, MatrixRow, Question

Kind = Question.Kind
OTHER = "__other__"
SHORT_TEXT_LENGTH = 300
LONG_TEXT_LENGTH = 5000
DATE_FORMATS = ["%Y-%m-%d", "%d.%m.%Y", "%d.%m.%y", "%d/%m/%Y"]

MESSAGES = {
    "required": _("Please answer this question."),
    "required_multiple": _("Tick at least one option."),
    "required_matrix": _("Choose an answer in every row."),
    "invalid_choice": _("Choose one of the options offered."),
    "other_empty": _("You chose “Other”: please write what you mean."),
    "other_unchosen": _(
        "You wrote beside “Other” but chose another answer: choose “Other”, or clear the text."
    ),
    "number": _("Enter a number, for example 42."),
    "min_max": _("Enter a number from %(min)s to %(max)s."),
    "min": _("Enter a number no smaller than %(min)s."),
    "max": _("Enter a number no larger than %(max)s."),
    "date": _("Enter a real date, for example 31.12.2023."),
}


def load_sections(questionnaire):
    """The questionnaire's sections with their questions, options, matrix rows and conditions,
    in five queries, kept as plain lists (``section.question_list``, ``question.choice_list``,
    ``question.row_list``, ``question.condition_choice_list``): a page with 30 questions reads
    them hundreds of times."""
    sections = list(questionnaire.sections.all())
    in_questionnaire = {"question__section__questionnaire": questionnaire}
    questions = list(
        Question.objects.filter(section__questionnaire=questionnaire).select_related(
            "condition_question"
        )
    )
    choices, rows, conditions = defaultdict(list), defaultdict(list), defaultdict(list)
    choice_by_id = {}
    for choice in Choice.objects.filter(**in_questionnaire):
        choices[choice.question_id].append(choice)
        choice_by_id[choice.pk] = choice
    for row in MatrixRow.objects.filter(**in_questionnaire):
        rows[row.question_id].append(row)
    through = Question.condition_choices.through.objects.filter(**in_questionnaire)
    for question_id, choice_id in through.values_list("question_id", "choice_id"):
        if choice_id in choice_by_id:
            conditions[question_id].append(choice_by_id[choice_id])
    by_section = defaultdict(list)
    for question in questions:
        question.choice_list = choices[question.pk]
        question.row_list = rows[question.pk]
        question.condition_choice_list = sorted(
            conditions[question.pk], key=lambda c: (c.position, c.pk)
        )
        by_section[question.section_id].append(question)
    for section in sections:
        section.question_list = by_section[section.pk]
    return sections


# A respondent's pages read the same questionnaire again and again: each process keeps what it
# read for a few seconds. A change made meanwhile shows on the next read; one that removes an
# option someone is answering makes their submit fail cleanly (see services.submit_response).
STRUCTURE_SECONDS = 10
_structures = {}


def cached_sections(questionnaire):
    """``load_sections`` and ``settlement_choices`` for the public pages, read at most every
    ``STRUCTURE_SECONDS`` per process (sooner when the questionnaire itself was saved)."""
    now = time.monotonic()
    key = (questionnaire.pk, questionnaire.updated_at, translation.get_language())
    cached = _structures.get(questionnaire.pk)
    if cached is None or cached[0] != key or cached[1] < now:
        cached = (
            key,
            now + STRUCTURE_SECONDS,
            load_sections(questionnaire),
            settlement_choices(),
        )
        _structures[questionnaire.pk] = cached
    return cached[2], cached[3]


def forget_sections(questionnaire):
    """Drop the kept copy of ``questionnaire``'s structure in this process."""
    _structures.pop(questionnaire.pk, None)


def questions_of(section):
    """The section's questions: the list ``load_sections`` made, or read now."""
    if not hasattr(section, "question_list"):
        section.question_list = list(section.questions.all())
    return section.question_list


def choices_of(question):
    if not hasattr(question, "choice_list"):
        question.choice_list = list(question.choices.all())
    return question.choice_list


def rows_of(question):
    if not hasattr(question, "row_list"):
        question.row_list = list(question.rows.all())
    return question.row_list


def condition_choices_of(question):
    if not hasattr(question, "condition_choice_list"):
        question.condition_choice_list = list(question.condition_choices.all())
    return question.condition_choice_list


def settlement_choices():
    """The 13 settlements as (id, name) pairs, in their official order."""
    return [(s.pk, s.display_name) for s in Settlement.objects.order_by("position", "name")]


def condition_text(question):
    """The condition of ``question`` in words, or "" when it is always asked."""
    if question.condition_question_id is None:
        return ""
    labels = [f"„{choice.label}“" for choice in condition_choices_of(question)]
    return _("Answer only if your answer to %(code)s was %(choices)s.") % {
        "code": question.condition_question.code,
        "choices": _(" or ").join(labels) if labels else "—",
    }


class NumberField(forms.DecimalField):
    """A number as people type it in any language: "2,5" and "2.5", "1 200" and "1200"."""

    def to_python(self, value):
        if isinstance(value, str):
            value = value.strip().replace(" ", "").replace("\u00a0", "").replace(",", ".")
        return super().to_python(value)


# Widgets of one input per option: their labels are the options, the legend is the question.
_GROUPED = (forms.RadioSelect, forms.CheckboxSelectMultiple)


@dataclass(eq=False)
class QuestionItem:
    """A question as the page shows it: its bound fields and the words around them."""

    question: Question
    field: forms.BoundField | None  # None for a matrix
    other: forms.BoundField | None  # the "other, please specify" text
    rows: list  # (MatrixRow, BoundField) pairs of a matrix
    condition: str

    @property
    def bound_fields(self):
        found = [f for f in [self.field, self.other] if f is not None]
        return found + [bound for _row, bound in self.rows]

    @property
    def errors(self):
        seen = []
        for bound in self.bound_fields:
            for error in bound.errors:
                if error not in seen:
                    seen.append(error)
        return seen

    @property
    def html_id(self):
        return f"question-{self.question.pk}"

    @property
    def anchor(self):
        """The id of the first input in error (else the first input), where a link from the
        error summary puts the focus."""
        bound_fields = self.bound_fields
        first = next((bound for bound in bound_fields if bound.errors), bound_fields[0])
        if isinstance(first.field.widget, _GROUPED):
            return f"{first.auto_id}_0"
        return first.auto_id

    @property
    def kind(self):
        return self.question.kind

    # Rendering, with the attributes that tie each input to the texts around it

    @cached_property
    def aria(self):
        described = []
        if self.question.help_text:
            described.append(f"{self.html_id}-help")
        if self.condition:
            described.append(f"{self.html_id}-condition")
        if self.errors:
            described.append(f"{self.html_id}-error")
        attrs = {"aria-describedby": " ".join(described)} if described else {}
        if self.errors:
            attrs["aria-invalid"] = "true"
        return attrs

    @property
    def input(self):
        """A question answered in one input (a list, a box): labelled by the legend."""
        return self.field.as_widget(
            attrs={**self.aria, "aria-labelledby": f"{self.html_id}-legend"}
        )

    @property
    def options(self):
        """The radio buttons or check boxes of the question, each with its label."""
        return _options_of(self.field, self.aria)

    @property
    def matrix(self):
        """(row, its radio buttons) for each row of a matrix."""
        return [(row, _options_of(bound, self.aria)) for row, bound in self.rows]

    @property
    def other_input(self):
        return self.other.as_widget(attrs=self.aria)


def _options_of(bound, attrs):
    widget = bound.field.widget
    attrs = {**attrs, "id": bound.auto_id} if bound.auto_id else attrs
    return [
        BoundWidget(widget, option, bound.form.renderer)
        for option in widget.subwidgets(bound.html_name, bound.value(), attrs=attrs)
    ]


def _offers_other(question):
    return question.allow_other and question.kind in {Kind.SINGLE, Kind.MULTIPLE}


def _options(question):
    options = [(choice.code, choice.label) for choice in choices_of(question)]
    if _offers_other(question):
        options.append((OTHER, _("Other")))
    return options


def _field_for(question, settlements):
    common = {"label": question.text, "required": False}
    choice_errors = {"invalid_choice": MESSAGES["invalid_choice"]}
    kind = question.kind
    if kind == Kind.MULTIPLE:
        return forms.MultipleChoiceField(
            choices=_options(question),
            widget=forms.CheckboxSelectMultiple(attrs={"class": "form-check-input"}),
            error_messages=choice_errors,
            **common,
        )
    if kind in {Kind.SINGLE, Kind.SCALE, Kind.YES_NO}:
        options = _options(question)
        widget = forms.RadioSelect(
            attrs={"class": "form-check-input" + (" m-0" if kind == Kind.SCALE else "")}
        )
        if kind in {Kind.SINGLE, Kind.YES_NO} and question.widget == Question.Widget.SELECT:
            options = [("", _("— choose —")), *options]
            widget = forms.Select(attrs={"class": "form-select form-select-lg"})
        return forms.ChoiceField(
            choices=options, widget=widget, error_messages=choice_errors, **common
        )
    if kind == Kind.SETTLEMENT:
        return forms.TypedChoiceField(
            choices=[("", _("— choose —")), *settlements],
            coerce=int,
            empty_value=None,
            widget=forms.Select(attrs={"class": "form-select form-select-lg"}),
            error_messages=choice_errors,
            **common,
        )
    if kind == Kind.NUMBER:
        return NumberField(
            max_digits=12,
            decimal_places=2,
            widget=forms.TextInput(
                attrs={"class": "form-control form-control-lg", "inputmode": "decimal"}
            ),
            error_messages={"invalid": MESSAGES["number"]},
            **common,
        )
    if kind == Kind.DATE:
        return forms.DateField(
            input_formats=DATE_FORMATS,
            widget=forms.DateInput(
                attrs={"type": "date", "class": "form-control form-control-lg"},
                format="%Y-%m-%d",
            ),
            error_messages={"invalid": MESSAGES["date"]},
            **common,
        )
    if kind == Kind.LONG_TEXT:
        return forms.CharField(
            max_length=LONG_TEXT_LENGTH,
            widget=forms.Textarea(attrs={"rows": 5, "class": "form-control"}),
            **common,
        )
    return forms.CharField(
        max_length=SHORT_TEXT_LENGTH,
        widget=forms.TextInput(attrs={"class": "form-control form-control-lg"}),
        **common,
    )


def _build_fields(section, settlements):
    """Every question's fields: (specs, fields), a spec being (question, name, other name,
    [(row, row name)])."""
    specs, fields = [], {}
    for question in questions_of(section):
        name = f"q{question.pk}"
        other_name = f"{name}_other" if _offers_other(question) else None
        rows = []
        if question.kind == Kind.MATRIX:
            for row in rows_of(question):
                row_name = f"{name}_{row.pk}"
                fields[row_name] = forms.ChoiceField(
                    label=row.label,
                    required=False,
                    choices=_options(question),
                    widget=forms.RadioSelect(attrs={"class": "form-check-input m-0"}),
                    error_messages={"invalid_choice": MESSAGES["invalid_choice"]},
                )
                rows.append((row, row_name))
        else:
            if question.kind == Kind.SETTLEMENT and settlements is None:
                settlements = settlement_choices()
            fields[name] = _field_for(question, settlements)
        if other_name:
            fields[other_name] = forms.CharField(
                label=_("Other, please specify"),
                required=False,
                max_length=500,
                widget=forms.TextInput(attrs={"class": "form-control form-control-lg"}),
            )
        specs.append((question, name, other_name, rows))
    return specs, fields


def _fields_of(section, settlements):
    """The section's fields, built once per section object and settlements list. Forms share
    them: a field keeps no state of its own, and inputs get their aria attributes when they are
    rendered (``QuestionItem``), never by changing the widget."""
    built = getattr(section, "_answering_fields", None)
    if settlements is None or built is None or built[0] != settlements:
        built = (settlements, *_build_fields(section, settlements))
        if settlements is not None:
            section._answering_fields = built
    return built[1], built[2]


class SectionForm(forms.Form):
    """The questions of one section. Build it with ``build_section_form``."""

    use_required_attribute = False  # the server's messages, by the question, not the browser's

    def __init__(self, section, data=None, *, answers_so_far=None, prefix=None, settlements=None):
        super().__init__(data, prefix=prefix)
        self.section = section
        self.answers_so_far = answers_so_far
        self.chosen = dict(answers_so_far or {})
        self._answers = []
        self._specs = []
        self._own = {q.pk for q in questions_of(section)}
        specs, fields = _fields_of(section, settlements)
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
        if question.condition_question_id is None or self.answers_so_far is None:
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
        for question, name, other_name, rows in self._specs:
            names = [name, other_name, *[row_name for _row, row_name in rows]]
            if question.condition_question_id and not self._condition_shown(question):
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
            self.chosen[question.pk] = {a.choice.pk for a in answers if a.choice is not None}
        return cleaned

    def _condition_shown(self, question):
        # Without answers from earlier sections (the preview), only this section's answers decide.
        if self.answers_so_far is None and question.condition_question_id not in self._own:
            return True
        return self._condition_met(question, self.chosen)

    def _condition_in_words(self, question):
        """The condition in words where the respondent must judge it on this page."""
        if self.answers_so_far is None or question.condition_question_id in self._own:
            return condition_text(question)
        return ""

    def _answers_for(self, question, name, other_name, rows, cleaned):
        """The question's unsaved answer rows, or None after adding a message by the question."""
        kind = question.kind
        choices = {choice.code: choice for choice in choices_of(question)}
        if kind == Kind.MATRIX:
            missing = [row_name for row, row_name in rows if not cleaned.get(row_name)]
            if question.required and missing:
                for row_name in missing:
                    self.add_error(row_name, MESSAGES["required_matrix"])
                return None
            return [
                Answer(question=question, row=row, choice=choice, number=choice.value)
                for row, row_name in rows
                if (choice := choices.get(cleaned.get(row_name)))
            ]
        value = cleaned.get(name)
        if kind in Question.CHOICE_KINDS:
            codes = value if isinstance(value, list) else [value] if value else []
            other_text = (cleaned.get(other_name) or "").strip() if other_name else ""
            if other_text and OTHER not in codes:
                if kind == Kind.SINGLE and codes:
                    # One answer only: keeping the option would drop the words, and which of
                    # the two was meant is the respondent's to say.
                    self.add_error(other_name, MESSAGES["other_unchosen"])
                    return None
                codes = [*codes, OTHER]  # wrote beside "other" without ticking it
            if not codes:
                if question.required:
                    message = "required_multiple" if kind == Kind.MULTIPLE else "required"
                    self.add_error(name, MESSAGES[message])
                    return None
                return []
            if OTHER in codes and not other_text:
                self.add_error(other_name, MESSAGES["other_empty"])
                return None
            answers = [
                Answer(
                    question=question,
                    choice=choices[code],
                    number=choices[code].value if kind == Kind.SCALE else None,
                )
                for code in codes
                if code != OTHER
            ]
            if OTHER in codes:
                answers.append(Answer(question=question, other_text=other_text))
            return answers
        if value in (None, ""):
            if question.required:
                self.add_error(name, MESSAGES["required"])
                return None
            return []
        if kind == Kind.NUMBER:
            message = self._out_of_bounds(question, value)
            if message:
                self.add_error(name, message)
                return None
            return [Answer(question=question, number=value)]
        if kind == Kind.SETTLEMENT:
            return [Answer(question=question, settlement_id=value)]
        if kind == Kind.DATE:
            return [Answer(question=question, date=value)]
        return [Answer(question=question, text=value)]

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
        """The unsaved answer rows of a valid form, in the questions' order."""
        if not self.is_valid():
            raise ValueError("answers() needs a valid form")
        return list(self._answers)


def _plain(number):
    """A bound as people write it: 16, not 16.00; 2,5 in Bulgarian."""
    if number is None:
        return ""
    if number == number.to_integral_value():
        return str(int(number))
    return number_format(number.normalize() if isinstance(number, Decimal) else number)


def build_section_form(section, data=None, *, answers_so_far=None, prefix=None, settlements=None):
    """A form for one section; see the module's docstring."""
    return SectionForm(
        section, data, answers_so_far=answers_so_far, prefix=prefix, settlements=settlements
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


def collect_answers(questionnaire, data, *, prefix=None, sections=None, settlements=None):
    """Validate the answers to a whole questionnaire, following conditions across sections."""
    if sections is None:
        sections = load_sections(questionnaire)
    if settlements is None:
        settlements = settlement_choices()
    chosen = {}
    forms_, answers = [], []
    for section in sections:
        form = build_section_form(
            section, data, answers_so_far=chosen, prefix=prefix, settlements=settlements
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


def field_names_of(section, data):
    """The names in ``data`` that belong to the questions of ``section``."""
    stems = {f"q{question.pk}" for question in questions_of(section)}
    return [name for name in data if name.split("_", 1)[0] in stems]
