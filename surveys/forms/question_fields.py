"""The form fields of a section's questions: one per question (a matrix row each, "other, please
specify" its own), with the messages people read by them, and what a page may keep of what was
sent to them between pages (``typed_answers``).

Field names are ``q<question id>``, ``q<id>_<row id>`` for a matrix row and ``q<id>_other`` for
"other, please specify".
"""

from django import forms
from django.utils.translation import gettext_lazy as _

from ivanovo_portal.widgets import DateInput

from ..kinds import kind_of
from ..models import Question
from ..selectors import choices_of, rows_of, section_questions, settlement_choices
from ..services.responses import FULL_LABEL, FULL_MESSAGE

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
    "outside": _(
        "The form has an answer here, but this question is only for those whose answer to "
        "%(code)s was %(choices)s. Check the form: if %(code)s was typed wrongly, correct it; if "
        "the form does say so, tick “keep the answers outside their conditions” below and save "
        "again."
    ),
}


class SettlementChoices(list):
    """(id, name) pairs as ``settlement_choices`` gives them, and ``full``: {id: name} of those
    whose quota is full (``selectors.full_settlements``), marked so in their names."""

    full = {}


def marking_full(settlements, full):
    """``settlements`` with those in ``full`` marked: the settlement question says they are full
    and refuses them with a message by the question."""
    if not full:
        return settlements
    marked = SettlementChoices(
        (pk, FULL_LABEL % {"settlement": name} if pk in full else name) for pk, name in settlements
    )
    marked.full = full
    return marked


class SettlementField(forms.TypedChoiceField):
    """The answer to a settlement question: a settlement whose quota is full is refused."""

    def __init__(self, *, full, **kwargs):
        super().__init__(**kwargs)
        self.full = full

    def clean(self, value):
        value = super().clean(value)
        if value in self.full:
            raise forms.ValidationError(
                FULL_MESSAGE % {"settlement": self.full[value]}, code="full"
            )
        return value


class NumberField(forms.DecimalField):
    """A number as people type it in any language: "2,5" and "2.5", "1 200" and "1200"."""

    def to_python(self, value):
        if isinstance(value, str):
            value = value.strip().replace(" ", "").replace("\u00a0", "").replace(",", ".")
        return super().to_python(value)


def _offers_other(question):
    return question.allow_other and kind_of(question).other


def _options(question):
    options = [(choice.code, choice.label) for choice in choices_of(question)]
    if _offers_other(question):
        options.append((OTHER, _("Other")))
    return options


def _one_field(question, settlements, common):
    """One option: radio buttons, or a drop-down list where the question asks for one."""
    if kind_of(question).select and question.widget == Question.Widget.SELECT:
        return forms.ChoiceField(
            choices=[("", _("— choose —")), *_options(question)],
            widget=forms.Select(attrs={"class": "form-select form-select-lg"}),
            **common,
        )
    return _points_field(question, settlements, common, css="form-check-input")


def _points_field(question, settlements, common, css="form-check-input m-0"):
    """One option shown as a point of a scale, or as a matrix row's."""
    return forms.ChoiceField(
        choices=_options(question), widget=forms.RadioSelect(attrs={"class": css}), **common
    )


def _many_field(question, settlements, common):
    return forms.MultipleChoiceField(
        choices=_options(question),
        widget=forms.CheckboxSelectMultiple(attrs={"class": "form-check-input"}),
        **common,
    )


def _settlement_field(question, settlements, common):
    return SettlementField(
        full=getattr(settlements, "full", {}),
        choices=[("", _("— choose —")), *settlements],
        coerce=int,
        empty_value=None,
        widget=forms.Select(attrs={"class": "form-select form-select-lg"}),
        **common,
    )


def _number_field(question, settlements, common):
    return NumberField(
        max_digits=12,
        decimal_places=2,
        widget=forms.TextInput(
            attrs={"class": "form-control form-control-lg", "inputmode": "decimal"}
        ),
        **{**common, "error_messages": {"invalid": MESSAGES["number"]}},
    )


def _date_field(question, settlements, common):
    return forms.DateField(
        input_formats=DATE_FORMATS,
        widget=DateInput(attrs={"class": "form-control form-control-lg"}),
        **{**common, "error_messages": {"invalid": MESSAGES["date"]}},
    )


def _short_text_field(question, settlements, common):
    return forms.CharField(
        max_length=SHORT_TEXT_LENGTH,
        widget=forms.TextInput(attrs={"class": "form-control form-control-lg"}),
        **common,
    )


def _long_text_field(question, settlements, common):
    return forms.CharField(
        max_length=LONG_TEXT_LENGTH,
        widget=forms.Textarea(attrs={"rows": 5, "class": "form-control"}),
        **common,
    )


# The answering field of each shape a kind names (``kinds.QuestionKind.field``).
FIELDS = {
    "one": _one_field,
    "points": _points_field,
    "many": _many_field,
    "settlement": _settlement_field,
    "number": _number_field,
    "date": _date_field,
    "short_text": _short_text_field,
    "long_text": _long_text_field,
}


def _field(question, settlements, label):
    common = {
        "label": label,
        "required": False,
        "error_messages": {"invalid_choice": MESSAGES["invalid_choice"]},
    }
    return FIELDS[kind_of(question).field](question, settlements, common)


def _build_fields(section, settlements):
    """Every question's fields: (specs, fields), a spec being (question, name, other name,
    [(row, row name)])."""
    specs, fields = [], {}
    for question in section_questions(section):
        name = f"q{question.pk}"
        other_name = f"{name}_other" if _offers_other(question) else None
        rows = []
        if kind_of(question).rows:
            for row in rows_of(question):
                row_name = f"{name}_{row.pk}"
                fields[row_name] = _field(question, settlements, row.label)
                rows.append((row, row_name))
        else:
            if kind_of(question).field == "settlement" and settlements is None:
                settlements = settlement_choices()
            fields[name] = _field(question, settlements, question.text)
        if other_name:
            fields[other_name] = forms.CharField(
                label=_("Other, please specify"),
                required=False,
                max_length=500,
                widget=forms.TextInput(attrs={"class": "form-control form-control-lg"}),
            )
        specs.append((question, name, other_name, rows))
    return specs, fields


def fields_of(section, settlements):
    """The section's fields, built once per section object and settlements list. Forms share
    them: a field keeps no state of its own, and inputs get their aria attributes when they are
    rendered (``QuestionItem``), never by changing the widget."""
    built = getattr(section, "_answering_fields", None)
    if settlements is None or built is None or built[0] != settlements:
        built = (settlements, *_build_fields(section, settlements))
        if settlements is not None:
            section._answering_fields = built
    return built[1], built[2]


def field_names_of(section, data):
    """The names in ``data`` that belong to the questions of ``section``."""
    stems = {f"q{question.pk}" for question in section_questions(section)}
    return [name for name in data if name.split("_", 1)[0] in stems]


# A number or a date as people type them ("1 200,50", "31.12.2023"), with room to spare.
TYPED_LENGTH = 50


def typed_answers(section, data, *, settlements=None):
    """What ``data`` holds for the fields of ``section``, within what each field may hold: names
    the section's form does not define are dropped, a choice keeps only the options it offers (a
    single choice one of them), a text twice its maximum length (a browser sends a line break as
    two characters: an over-long answer still gets its message by the field)."""
    _specs, fields = fields_of(section, settlements)
    typed = {}
    for name, field in fields.items():
        values = data.getlist(name)
        if isinstance(field, forms.ChoiceField):
            offered = {str(value) for value, _label in field.choices}
            values = [value for value in dict.fromkeys(values) if value in offered]
            if not isinstance(field, forms.MultipleChoiceField):
                values = values[-1:]
        elif values:
            max_length = getattr(field, "max_length", None)
            values = [values[-1][: 2 * max_length if max_length else TYPED_LENGTH]]
        if values:
            typed[name] = values
    return typed
