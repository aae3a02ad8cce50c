"""A question as a page shows it (``QuestionItem``): its bound fields with the attributes that
tie each input to the words around it, and its condition in words.

Question codes ("Q8") are for staff: the data entry, the preview and the paper form, whose skip
instructions need them. A respondent's page names the earlier question by its words, and its
script (``static/js/conditions.js``) shows a question only once an answer on the same page
allows it, from what ``QuestionItem.shown_when`` puts in the markup.
"""

import json
from dataclasses import dataclass

from django import forms
from django.forms.boundfield import BoundWidget
from django.utils.functional import cached_property
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _

from .. import selectors
from ..models import Question

# How much of the earlier question a respondent's condition quotes.
QUOTED_CHARACTERS = 90


def condition_text(question):
    """The condition of ``question`` in words for staff and paper, or "" when it is always
    asked: "Answer only if your answer to Q8 was „Да“."."""
    if question.condition_question_id is None:
        return ""
    return _("Answer only if your answer to %(code)s was %(choices)s.") % {
        "code": question.condition_question.code,
        "choices": _chosen_words(question),
    }


def condition_for_respondents(question):
    """The condition in words with the earlier question quoted instead of its code."""
    if question.condition_question_id is None:
        return ""
    return _("Answer only if you answered %(choices)s to “%(question)s”.") % {
        "choices": _chosen_words(question),
        "question": Truncator(question.condition_question.text).chars(QUOTED_CHARACTERS),
    }


def _chosen_words(question):
    labels = [f"„{choice.label}“" for choice in selectors.condition_choices_of(question)]
    return _(" or ").join(labels) if labels else "—"


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
    def condition_for_respondents(self):
        """The condition shown on this page (``condition``), worded without codes."""
        return condition_for_respondents(self.question) if self.condition else ""

    @property
    def shown_when(self):
        """For a question whose condition hangs on an answer on the same page: the name of that
        answer's field and the options that show the question (as JSON), which the page's
        script reads; None otherwise (the server decided already, or the question is always
        asked)."""
        if not self.condition:
            return None
        form = self.bound_fields[0].form
        name = f"q{self.question.condition_question_id}"
        if name not in form.fields:
            return None
        codes = [choice.code for choice in selectors.condition_choices_of(self.question)]
        return {"name": form.add_prefix(name), "values": json.dumps(codes, ensure_ascii=False)}

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
        """(row, its radio buttons, its messages) for each row of a matrix."""
        return [(row, _options_of(bound, self.aria), bound.errors) for row, bound in self.rows]

    @property
    def scale(self):
        """The labels of a matrix's answers, shown once above its rows."""
        return [label for _code, label in self.rows[0][1].field.choices] if self.rows else []

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
