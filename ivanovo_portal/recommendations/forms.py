"""Forms of the back office. Field names are the services' argument names, so a refusal from a
service lands beside the field it concerns."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .models import Recommendation, RegistrySubmission


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%Y-%m-%d")


def date_field(label):
    return forms.DateField(label=label, widget=DateInput(), initial=timezone.localdate)


class RecommendationForm(forms.ModelForm):
    class Meta:
        model = Recommendation
        fields = [
            "title",
            "text",
            "rationale",
            "addressee",
            "activity",
            "source_label",
            "settlements",
        ]
        widgets = {
            "text": forms.Textarea(attrs={"rows": 6}),
            "rationale": forms.Textarea(attrs={"rows": 4}),
            "settlements": forms.CheckboxSelectMultiple,
        }


class SubmissionForm(forms.Form):
    recommendations = forms.ModelMultipleChoiceField(
        label=_("Approved recommendations to include"),
        queryset=Recommendation.objects.approved().order_by("number"),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Choose at least one recommendation for the letter.")},
    )
    outgoing_number = forms.CharField(
        label=_("Outgoing number"),
        max_length=50,
        help_text=_("The number of the letter in the association's outgoing register."),
    )
    outgoing_date = date_field(_("Outgoing date"))

    def clean_outgoing_number(self):
        number = self.cleaned_data["outgoing_number"].strip()
        if RegistrySubmission.objects.filter(outgoing_number=number).exists():
            raise forms.ValidationError(_("A letter with this outgoing number already exists."))
        return number


class RegistryEntryForm(forms.Form):
    number = forms.CharField(
        label=_("Registry entry number"),
        max_length=50,
        help_text=_("The incoming number the municipal registry gave the letter."),
    )
    date = date_field(_("Registry entry date"))


class ResponseForm(forms.Form):
    text = forms.CharField(
        label=_("The municipality's response"), widget=forms.Textarea(attrs={"rows": 5})
    )
    date = date_field(_("Response date"))
    reference = forms.CharField(
        label=_("The municipality's reference number"), max_length=50, required=False
    )
    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[("", _("Not stated in the response")), *Recommendation.Decision.choices],
        required=False,
    )


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(label=_("Decision"), choices=Recommendation.Decision.choices)
    date = date_field(_("Date of the decision"))
    note = forms.CharField(
        label=_("Note"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )


class ProgressForm(forms.Form):
    progress = forms.IntegerField(
        label=_("Progress (%)"), min_value=0, max_value=100, help_text=_("From 0 to 100.")
    )
    note = forms.CharField(
        label=_("What has been done"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    date = date_field(_("Date"))
    implemented = forms.BooleanField(label=_("Fully implemented"), required=False)
