"""Staff's forms for the toolkit: a method with its cells of the matrix, its steps and templates
as formsets (blank rows to add one, no JavaScript), a new edition, the conference where an
edition was presented. Field names are the services' argument names, so a refusal lands beside
the field it concerns."""

from django import forms
from django.utils.translation import gettext_lazy as _

from ..code import Level, Step
from ..models import Edition, Method, MethodStep, MethodTemplate, MethodVersion
from ..models.methods import Audience
from ..services.editions import presentable_meetings
from ..versions import FIELDS, STEP_FIELDS, TEMPLATE_FIELDS

# A cell of the matrix as one checkbox's value.
CELL = "{level}:{step}"


def _cell(level, step):
    return CELL.format(level=level, step=step)


# The method's fields by what they say, in the order the book prints them.
SECTIONS = (
    (_("The method"), ("name", "slug", "summary", "purpose")),
    (_("When to use it"), ("when_to_use", "when_not")),
    (
        _("Time, cost and size"),
        ("time_needed", "weeks", "cost", "cost_note", "group_min", "group_max", "facilitation"),
    ),
    (
        _("Whom it suits"),
        ("offline", "paper", "online", "elderly", "literacy", "audiences", "venue"),
    ),
    (_("Law, risks, tips and sources"), ("legal_basis", "risks", "tips", "sources")),
)


class MethodForm(forms.ModelForm):
    """A method's own fields, its cells of the matrix and what the save changes; the address is
    given once, when the method is written, since the portal's activities refer to it."""

    audiences = forms.MultipleChoiceField(
        label=Method._meta.get_field("audiences").verbose_name,
        choices=Audience.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Who the method reaches well: the finder asks this as “who”."),
    )
    placements = forms.MultipleChoiceField(
        label=_("Places in the Code's matrix"),
        choices=[(_cell(level, step), step) for level in Level.values for step in Step.values],
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Place the method in at least one cell of the matrix.")},
    )
    note = forms.CharField(
        label=MethodVersion._meta.get_field("note").verbose_name,
        max_length=250,
        help_text=_("Kept with the version and shown in its history."),
    )

    class Meta:
        model = Method
        fields = list(FIELDS)
        widgets = {
            name: forms.Textarea(attrs={"rows": 4})
            for name in (
                "purpose",
                "when_to_use",
                "when_not",
                "venue",
                "legal_basis",
                "risks",
                "tips",
                "sources",
            )
        } | {"summary": forms.Textarea(attrs={"rows": 2})}
        help_texts = {
            "slug": _(
                "The end of the method's web address, in Latin letters and dashes; it cannot "
                "change later."
            ),
        }

    def __init__(self, *args, content=None, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            del self.fields["slug"]
        else:
            self.fields["note"].required = False
        if content is not None:
            self.initial.setdefault("placements", [_cell(*cell) for cell in content["placements"]])

    def sections(self):
        """The fields in the screen's sections: ``(heading, bound fields)``."""
        return [
            (heading, [self[name] for name in names if name in self.fields])
            for heading, names in SECTIONS
        ]

    def grid(self):
        """The cells as the screen shows them: a row of steps per level, each step with its
        checkbox's value and whether it is ticked (as typed, after bad input)."""
        ticked = set(self["placements"].value() or ())
        return [
            (level, [(_cell(level, step), step, _cell(level, step) in ticked) for step in Step])
            for level in Level
        ]

    def service_arguments(self):
        """The service's ``fields``, ``placements`` and ``note`` from the cleaned data."""
        data = self.cleaned_data
        return {
            "fields": {name: data[name] for name in FIELDS if name in self.fields},
            "placements": [value.split(":") for value in data["placements"]],
            "note": data["note"],
        }


class StepForm(forms.ModelForm):
    class Meta:
        model = MethodStep
        fields = list(STEP_FIELDS)
        widgets = {"detail": forms.Textarea(attrs={"rows": 2})}
        # The steps' fieldset says what the day counts from, once for every row.
        help_texts = {"day": ""}


class TemplateForm(forms.ModelForm):
    class Meta:
        model = MethodTemplate
        fields = list(TEMPLATE_FIELDS)
        widgets = {"body": forms.Textarea(attrs={"rows": 6})}


class PartsFormSet(forms.BaseFormSet):
    """Rows of a method's part: filled-in rows in order, blank ones left out, ticked ones
    removed."""

    def add_fields(self, form, index):
        super().add_fields(form, index)
        form.fields["DELETE"].label = _("Remove")

    def rows(self):
        return [
            {name: form.cleaned_data[name] for name in form.Meta.fields}
            for form in self.forms
            if form.cleaned_data and not form.cleaned_data.get("DELETE")
        ]


StepFormSet = forms.formset_factory(
    StepForm,
    formset=PartsFormSet,
    extra=2,
    can_delete=True,
    min_num=1,
    validate_min=True,
    max_num=20,
    absolute_max=20,
)
TemplateFormSet = forms.formset_factory(
    TemplateForm, formset=PartsFormSet, extra=1, can_delete=True, max_num=10, absolute_max=10
)


STEPS_ERRORS = {"too_few_forms": _("Describe at least one step of running the method.")}


def part_formsets(data=None, *, content=None):
    """The steps' and the templates' formsets, filled from ``content`` (a version's), with blank
    rows to add more."""
    content = content or {"steps": [], "templates": []}
    steps = StepFormSet(data, initial=content["steps"], prefix="steps", error_messages=STEPS_ERRORS)
    templates = TemplateFormSet(data, initial=content["templates"], prefix="templates")
    return steps, templates


class EditionForm(forms.ModelForm):
    class Meta:
        model = Edition
        fields = ["note"]
        help_texts = {"note": _("What changed since the last edition, in a sentence.")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["note"].required = True


class PresentationForm(forms.Form):
    meeting = forms.ModelChoiceField(
        label=_("Presented at"),
        queryset=presentable_meetings(),
        required=False,
        empty_label=_("Not presented yet"),
        help_text=_("The conference where this edition was presented to the public."),
    )
