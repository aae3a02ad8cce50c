"""Forms of the questionnaire builder. Field names are the builder services' argument names, so a
service's ``Refused`` lands beside the field it concerns."""

import re
from decimal import Decimal, InvalidOperation

from django import forms
from django.utils.translation import gettext_lazy as _

from ivanovo_portal.places.models import Settlement
from ivanovo_portal.refusals import Refused, show_on_form
from ivanovo_portal.widgets import DateTimeInput

from ..kinds import kind_of, kinds_where
from ..models import Choice, Question, Questionnaire, Section
from ..results.numbers import plain_number
from ..services import questionnaires, structure

Kind = Question.Kind


class QuestionnaireForm(forms.ModelForm):
    """The questionnaire's texts and settings; its address is made from the title, never typed
    (``services.questionnaires.unique_slug``)."""

    class Meta:
        model = Questionnaire
        fields = [
            "title",
            "description",
            "target_group",
            "consent_text",
            "invitation_only",
            "opens_at",
            "closes_at",
        ]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 4}),
            "consent_text": forms.Textarea(attrs={"rows": 3}),
            "opens_at": DateTimeInput(),
            "closes_at": DateTimeInput(),
        }
        help_texts = {
            "consent_text": _(
                "Shown before the first question; the respondent must agree to go on. Each "
                "response records the version agreed to: an edited text is a new version."
            ),
            "invitation_only": _(
                "Only people given a printed invitation code can answer, each code once (make "
                "the codes under “Invitation codes and slips” on the questionnaire's page). Use "
                "it when the answers must come from a known group, or when someone fills in the "
                "open questionnaire again and again."
            ),
        }

    def clean(self):
        cleaned = super().clean()
        try:
            questionnaires.check_dates(cleaned.get("opens_at"), cleaned.get("closes_at"))
        except Refused as refusal:
            show_on_form(self, refusal)
        return cleaned


class SectionForm(forms.ModelForm):
    class Meta:
        model = Section
        fields = ["title", "description"]
        widgets = {"description": forms.Textarea(attrs={"rows": 2})}


class KindForm(forms.Form):
    """The first step of adding a question: its type and its section."""

    kind = forms.ChoiceField(label=_("Type of the new question"), choices=Kind.choices)
    section = forms.ModelChoiceField(label=_("Section"), queryset=Section.objects.none())

    def __init__(self, questionnaire, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["section"].queryset = questionnaire.sections.all()


OPTION_HELP = _(
    "One per line: just the label, or “code | label”, or “code | label | number”. "
    "Codes are numbered for you when left out."
)
POINT_HELP = _(
    "One point per line, from the lowest: “label” (numbered 1, 2, 3…), or “code | label | number”."
)


class QuestionForm(forms.Form):
    """A question of one type: only the fields that type uses are on the form."""

    section = forms.ModelChoiceField(label=_("Section"), queryset=Section.objects.none())
    code = forms.CharField(
        label=_("Code"),
        max_length=20,
        required=False,
        help_text=_("Short name in exports, e.g. Q5; leave empty for the next free one."),
    )
    text = forms.CharField(label=_("Question"), widget=forms.Textarea(attrs={"rows": 2}))
    help_text = forms.CharField(
        label=_("Help text"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    required = forms.BooleanField(label=_("Required"), required=False, initial=True)
    widget = forms.TypedChoiceField(
        label=_("Shown as"),
        choices=Question.Widget.choices,
        required=False,
        empty_value=Question.Widget.RADIO,
    )
    allow_other = forms.BooleanField(label=_("Offer “other, please specify”"), required=False)
    options = forms.CharField(
        label=_("Options"), help_text=OPTION_HELP, widget=forms.Textarea(attrs={"rows": 6})
    )
    rows = forms.CharField(
        label=_("Rows of the matrix"),
        help_text=_("One row per line: just the label, or “code | label”."),
        widget=forms.Textarea(attrs={"rows": 5}),
    )
    min_value = forms.DecimalField(
        label=_("Smallest number"), required=False, max_digits=12, decimal_places=2
    )
    max_value = forms.DecimalField(
        label=_("Largest number"), required=False, max_digits=12, decimal_places=2
    )
    condition_question = forms.ModelChoiceField(
        label=_("Show only when the answer to"),
        queryset=Question.objects.none(),
        required=False,
        empty_label=_("(always show)"),
    )
    condition_choices = forms.ModelMultipleChoiceField(
        label=_("is one of"),
        queryset=Choice.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    # The fields a question needs only if its kind has what they set.
    FIELDS_FOR = {
        "widget": lambda kind: kind.select,
        "allow_other": lambda kind: kind.other,
        "options": lambda kind: kind.typed_options,
        "rows": lambda kind: kind.rows,
        "min_value": lambda kind: kind.bounds,
        "max_value": lambda kind: kind.bounds,
    }

    def __init__(self, questionnaire, kind, *args, instance=None, section=None, **kwargs):
        self.questionnaire, self.kind, self.instance = questionnaire, kind, instance
        if instance is not None:
            kwargs.setdefault("initial", self._initial_of(instance))
        elif section is not None:
            kwargs.setdefault("initial", {"section": section})
        super().__init__(*args, **kwargs)
        for name, needed in self.FIELDS_FOR.items():
            if not needed(kind_of(kind)):
                del self.fields[name]
        self.fields["section"].queryset = questionnaire.sections.all()
        sources = Question.objects.filter(pk__in=self._earlier_sources(section))
        self.fields["condition_question"].queryset = sources
        choices = Choice.objects.filter(question__in=sources).select_related("question")
        self.fields["condition_choices"].queryset = choices.order_by(
            "question__section__position", "question__position", "position"
        )
        self.fields["condition_choices"].label_from_instance = lambda choice: (
            f"{choice.question.code}: {choice.label}"
        )
        if kind_of(kind).points:
            points = _("Columns: points") if kind_of(kind).rows else _("Points of the scale")
            self.fields["options"].label = points
            self.fields["options"].help_text = POINT_HELP

    def _earlier_sources(self, section):
        """The ids of the questions a condition may depend on: those of a condition type asked
        before this question (a new one comes last in its section)."""
        section = self.instance.section if self.instance is not None else section
        candidates = Question.objects.filter(
            section__questionnaire=self.questionnaire,
            kind__in=kinds_where(lambda kind: kind.selectable),
        ).select_related("section")
        if section is None:
            return [question.pk for question in candidates]
        place = structure.order_key(self.instance or Question(section=section), section=section)
        return [question.pk for question in candidates if structure.order_key(question) < place]

    def _initial_of(self, question):
        return {
            "section": question.section_id,
            "code": question.code,
            "text": question.text,
            "help_text": question.help_text,
            "required": question.required,
            "widget": question.widget,
            "allow_other": question.allow_other,
            "min_value": question.min_value,
            "max_value": question.max_value,
            "options": lines_of(question.choices.all(), with_values=True),
            "rows": lines_of(question.rows.all(), with_values=False),
            "condition_question": question.condition_question_id,
            "condition_choices": list(question.condition_choices.values_list("pk", flat=True)),
        }

    def clean_options(self):
        existing = self.instance.choices.values_list("code", flat=True) if self.instance else ()
        return parse_lines(self.cleaned_data["options"], kind=self.kind, existing=existing)

    def clean_rows(self):
        existing = self.instance.rows.values_list("code", flat=True) if self.instance else ()
        rows = parse_lines(self.cleaned_data["rows"], kind=self.kind, existing=existing, rows=True)
        return [(code, label) for code, label, _value in rows]

    def clean(self):
        cleaned = super().clean()
        section = cleaned.get("section")
        checks = [
            lambda: structure.check_bounds(cleaned.get("min_value"), cleaned.get("max_value")),
        ]
        if section is not None:
            if cleaned.get("code"):
                checks.append(
                    lambda: structure.check_code(section, cleaned["code"], exclude=self.instance)
                )
            checks.append(
                lambda: structure.check_condition(
                    self._placed_in(section),
                    cleaned.get("condition_question"),
                    cleaned.get("condition_choices"),
                    section=section,
                )
            )
        for check in checks:
            try:
                check()
            except Refused as refusal:
                show_on_form(self, refusal)
        return cleaned

    def _placed_in(self, section):
        """The question as it will stand: where it is, or last in a section it moves to."""
        if self.instance is not None and self.instance.section_id == section.pk:
            return self.instance
        return Question(section=section)

    def service_arguments(self):
        """The cleaned data as the builder services take it."""
        data = dict(self.cleaned_data)
        data["kind"] = self.kind
        data["condition_choices"] = list(data.get("condition_choices") or ())
        return data


def parse_lines(text, *, kind, existing=(), rows=False):
    """Read options or rows typed one per line, as ``label``, ``code | label`` or
    ``code | label | number``, into ``(code, label, number)``. Missing codes get numbers no other
    line and no existing option (``existing``) uses; scale points without numbers count 1, 2, 3…"""
    parsed = []
    lines = [line.strip() for line in (text or "").splitlines() if line.strip()]
    for number, line in enumerate(lines, start=1):
        parts = [part.strip() for part in line.split("|")]
        if len(parts) > (2 if rows else 3) or not parts[min(len(parts), 2) - 1]:
            message = (
                _("Line %(number)s: write “label” or “code | label”.")
                if rows
                else _("Line %(number)s: write “label”, “code | label” or “code | label | number”.")
            )
            raise forms.ValidationError(message % {"number": number})
        code, label = ("", parts[0]) if len(parts) == 1 else (parts[0], parts[1])
        if code and not re.fullmatch(r"[\w-]{1,20}", code):
            raise forms.ValidationError(
                _("Line %(number)s: a code is up to 20 letters, digits, “-” or “_”, no spaces.")
                % {"number": number}
            )
        if len(label) > 300:
            raise forms.ValidationError(
                _("Line %(number)s: the label is longer than 300 characters.") % {"number": number}
            )
        parsed.append([code, label, _number(parts[2], number) if len(parts) == 3 else None])
    if kind_of(kind).points and all(value is None for _code, _label, value in parsed):
        for position, item in enumerate(parsed, start=1):
            item[2] = Decimal(position)
    taken = {code for code, _label, _value in parsed if code} | set(existing)
    counter = 1
    for item in parsed:
        if not item[0]:
            while str(counter) in taken:
                counter += 1
            item[0] = str(counter)
            taken.add(item[0])
    return [tuple(item) for item in parsed]


def _number(text, line):
    try:
        value = Decimal(text.replace(",", "."))
    except InvalidOperation:
        value = None
    if value is None or not value.is_finite() or abs(value) >= 10**6:
        raise forms.ValidationError(
            _("Line %(number)s: “%(value)s” is not a number.") % {"number": line, "value": text}
        )
    return value


def lines_of(items, *, with_values):
    """The text for existing options or rows: ``code | label``, with ``| number`` if it has one."""
    lines = []
    for item in items:
        line = f"{item.code} | {item.label}"
        if with_values and item.value is not None:
            line += f" | {plain_number(item.value)}"
        lines.append(line)
    return "\n".join(lines)


def _count_field(label):
    """A number of responses: a whole number from 0 to ``services.questionnaires.MAX_RESPONSES``."""
    return forms.IntegerField(
        label=label,
        min_value=0,
        max_value=questionnaires.MAX_RESPONSES,
        error_messages={
            "invalid": _("Enter a whole number, for example 25."),
            "min_value": _("Enter 0 or a larger whole number."),
            "max_value": _("Enter a number no larger than %(limit_value)s."),
        },
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
    )


class QuotaForm(forms.Form):
    """The total target, and per settlement a target and whether answers stop there."""

    quota_total = _count_field(_("Target number of responses in all"))

    def __init__(self, questionnaire, *args, **kwargs):
        quotas = {quota.settlement_id: quota for quota in questionnaire.quotas.all()}
        self.settlements = list(Settlement.objects.all())
        initial = {"quota_total": questionnaire.quota_total}
        for settlement in self.settlements:
            quota = quotas.get(settlement.pk)
            initial[f"settlement_{settlement.pk}"] = quota.target if quota else 0
            initial[f"cap_{settlement.pk}"] = quota.cap if quota else False
        super().__init__(*args, initial=initial, **kwargs)
        for settlement in self.settlements:
            self.fields[f"settlement_{settlement.pk}"] = _count_field(str(settlement))
            self.fields[f"cap_{settlement.pk}"] = forms.BooleanField(
                label=_("Stop at the target"), required=False
            )

    @property
    def settlement_rows(self):
        """(settlement, its target's field, its "stop at the target" field), for the page."""
        return [(s, self[f"settlement_{s.pk}"], self[f"cap_{s.pk}"]) for s in self.settlements]

    def clean(self):
        cleaned = super().clean()
        for settlement in self.settlements:
            if (
                cleaned.get(f"cap_{settlement.pk}")
                and cleaned.get(f"settlement_{settlement.pk}") == 0
            ):
                self.add_error(
                    f"cap_{settlement.pk}", _("Give a target above 0 for answers to stop at.")
                )
        return cleaned

    def service_arguments(self):
        return {
            "quota_total": self.cleaned_data["quota_total"],
            "targets": {s: self.cleaned_data[f"settlement_{s.pk}"] for s in self.settlements},
            "caps": {s for s in self.settlements if self.cleaned_data[f"cap_{s.pk}"]},
        }


class OpenForm(forms.Form):
    opens_at = forms.DateTimeField(
        label=_("Opens at"),
        required=False,
        widget=DateTimeInput(),
        help_text=_("Leave empty to open now."),
    )
    closes_at = forms.DateTimeField(
        label=_("Closes at"),
        required=False,
        widget=DateTimeInput(),
        help_text=_("Leave empty to keep it open until you close it."),
    )
