"""Forms of the frameworks' screens. Field names are the services' argument names, so a
service's ``Refused`` lands beside the field it concerns; a criterion's scale is a formset of
points whose checks are the service's own (``services.frameworks.check_scale``)."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from ivanovo_portal.refusals import Refused

from ..models import Area, Criterion, Framework, FrameworkVersion
from ..services.frameworks import CRITERION_FIELDS, check_scale


class FrameworkForm(forms.ModelForm):
    class Meta:
        model = Framework
        fields = ["name", "description"]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}


class NoteForm(forms.ModelForm):
    """What a draft version says has changed since the previous one."""

    class Meta:
        model = FrameworkVersion
        fields = ["changes"]
        widgets = {"changes": forms.Textarea(attrs={"rows": 3})}


class NewVersionForm(forms.Form):
    changes = forms.CharField(
        label=_("What changes in the new version"),
        help_text=_(
            "Shown beside the version, so that readers can compare rounds scored against "
            "different versions."
        ),
        widget=forms.Textarea(attrs={"rows": 4}),
    )


class AreaForm(forms.ModelForm):
    class Meta:
        model = Area
        fields = ["code", "name", "description"]
        widgets = {"description": forms.Textarea(attrs={"rows": 2})}
        help_texts = {"code": _("A short mark such as T or 1, unique within the version.")}


class CriterionForm(forms.ModelForm):
    """A criterion of a draft version: ``area`` is one of the version's."""

    class Meta:
        model = Criterion
        fields = ["area", *CRITERION_FIELDS]
        widgets = {
            "question": forms.Textarea(attrs={"rows": 3}),
            "guidance": forms.Textarea(attrs={"rows": 3}),
        }
        help_texts = {
            "code": _("Unique within the version, e.g. T1; kept between versions for comparison."),
            "legal_basis": _("E.g. ЗДОИ чл. 15 и 15а; ЗНА чл. 26."),
            "weight": _("How much the criterion counts in the index: 1 or more."),
        }

    def __init__(self, version, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["area"].queryset = version.areas.all()
        self.fields["area"].empty_label = None
        self.fields["weight"].widget.attrs["min"] = 1
        self.fields["weight"].validators.append(_at_least_one)


def _at_least_one(value):
    if value is not None and value < 1:
        raise ValidationError(_("The weight is a whole number of 1 or more."))


class PointForm(forms.Form):
    value = forms.IntegerField(label=_("Score"), min_value=0, max_value=100)
    label = forms.CharField(label=_("Label"), max_length=60)
    descriptor = forms.CharField(
        label=_("Descriptor"),
        help_text=_("What a criterion scored this must show."),
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class BaseScaleFormSet(forms.BaseFormSet):
    def add_fields(self, form, index):
        super().add_fields(form, index)
        form.fields["DELETE"].label = _("Remove this point")

    def full_clean(self):
        super().full_clean()
        # A point ticked for removal is not checked: it shows again as typed, with no error.
        for form in self.forms if self.is_bound else ():
            if self._should_delete_form(form):
                form.errors.clear()

    def clean(self):
        super().clean()
        if any(self.errors):
            return
        try:
            check_scale(self.points())
        except Refused as refusal:
            raise ValidationError(refusal.message) from None

    def points(self):
        """The points typed, as ``(value, label, descriptor)``, without the blank and removed
        rows."""
        return [
            (
                form.cleaned_data["value"],
                form.cleaned_data["label"],
                form.cleaned_data["descriptor"],
            )
            for form in self.forms
            if form.cleaned_data and not form.cleaned_data.get("DELETE")
        ]


ScaleFormSet = forms.formset_factory(
    PointForm, formset=BaseScaleFormSet, extra=1, can_delete=True, max_num=11, absolute_max=11
)

# The scale a new criterion starts from: not met, partly, fully.
DEFAULT_SCALE = [
    {"value": 0, "label": _("not met")},
    {"value": 1, "label": _("partly met")},
    {"value": 2, "label": _("fully met")},
]


def scale_formset(data=None, *, criterion=None):
    """The formset of a criterion's scale points (the usual three for a new criterion) with one
    blank row to add a point."""
    if criterion is not None:
        initial = [
            {"value": point.value, "label": point.label, "descriptor": point.descriptor}
            for point in criterion.scale.all()
        ]
    else:
        initial = [{**point, "label": str(point["label"])} for point in DEFAULT_SCALE]
    return ScaleFormSet(data, initial=initial, prefix="scale")
