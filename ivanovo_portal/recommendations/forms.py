"""Forms of the back office. Field names are the services' argument names, so a refusal from a
service lands beside the field it concerns."""

from django import forms
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ivanovo_portal import uploads
from ivanovo_portal.widgets import DateInput

from .models import Attachment, Recommendation, RegistrySubmission, TimelineEntry


def date_field(label, **options):
    return forms.DateField(label=label, widget=DateInput(), initial=timezone.localdate, **options)


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


class SourceRecommendationForm(RecommendationForm):
    """A recommendation written from a source: the source gives its activity and origin."""

    class Meta(RecommendationForm.Meta):
        fields = ["title", "text", "rationale", "settlements"]


class LetterForm(forms.Form):
    """A letter's number, date and recommendations: to prepare it, or to correct it before it is
    filed (``letter``), when the recommendations it carries are offered beside the approved."""

    recommendations = forms.ModelMultipleChoiceField(
        label=_("Approved recommendations to include"),
        queryset=Recommendation.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Choose at least one recommendation for the letter.")},
    )
    outgoing_number = forms.CharField(
        label=_("Outgoing number"),
        max_length=50,
        help_text=_("The number of the letter in the association's outgoing register."),
    )
    outgoing_date = date_field(_("Outgoing date"))

    def __init__(self, *args, letter=None, **kwargs):
        if letter is not None:
            kwargs.setdefault(
                "initial",
                {
                    "recommendations": list(letter.recommendations.values_list("pk", flat=True)),
                    "outgoing_number": letter.outgoing_number,
                    "outgoing_date": letter.outgoing_date,
                },
            )
        super().__init__(*args, **kwargs)
        self.letter = letter
        candidates = Q(status=Recommendation.Status.APPROVED)
        if letter is not None:
            candidates |= Q(submissions=letter)
        self.fields["recommendations"].queryset = (
            Recommendation.objects.filter(candidates).distinct().order_by("number")
        )

    def clean_outgoing_number(self):
        number = self.cleaned_data["outgoing_number"].strip()
        taken = RegistrySubmission.objects.filter(outgoing_number=number)
        if self.letter is not None:
            taken = taken.exclude(pk=self.letter.pk)
        if taken.exists():
            raise forms.ValidationError(_("A letter with this outgoing number already exists."))
        return number


def reason_field(label):
    return forms.CharField(
        label=label,
        help_text=_("Shown on the public timeline."),
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class LetterCorrectionForm(LetterForm):
    reason = reason_field(_("Why the letter is corrected"))


class CancelLetterForm(forms.Form):
    reason = reason_field(_("Why the letter is cancelled"))


class FilingForm(forms.Form):
    filed_on = date_field(
        _("Filed on"),
        help_text=_("The day the signed letter was handed in or sent to the municipality."),
    )
    registry_number = forms.CharField(
        label=_("Registry entry number"),
        max_length=50,
        required=False,
        help_text=_("The incoming number the municipal registry gave the letter, if known."),
    )
    registry_date = forms.DateField(
        label=_("Registry entry date"),
        widget=DateInput(),
        required=False,
        help_text=_("Leave empty if it is the filing day."),
    )


class RegistryEntryForm(forms.Form):
    number = forms.CharField(
        label=_("Registry entry number"),
        max_length=50,
        help_text=_("The incoming number the municipal registry gave the letter."),
    )
    date = date_field(_("Registry entry date"))


class FilingCorrectionForm(forms.Form):
    filed_on = forms.DateField(label=_("Filed on"), widget=DateInput())
    registry_number = forms.CharField(
        label=_("Registry entry number"), max_length=50, required=False
    )
    registry_date = forms.DateField(
        label=_("Registry entry date"), widget=DateInput(), required=False
    )
    reason = reason_field(_("What was wrong"))

    def __init__(self, *args, letter, **kwargs):
        kwargs.setdefault(
            "initial",
            {
                "filed_on": letter.filed_on,
                "registry_number": letter.registry_number,
                "registry_date": letter.registry_date,
            },
        )
        super().__init__(*args, **kwargs)


class AttachmentForm(uploads.UploadForm):
    kind = forms.ChoiceField(label=_("Document"), choices=Attachment.Kind.choices)
    is_public = forms.BooleanField(
        label=_("Publish the signed letter's scan"),
        required=False,
        help_text=_(
            "A scan carries signatures and stamps: it is seen only by the project team unless "
            "you publish it. The municipality's reply is always public."
        ),
    )

    def __init__(self, *args, kinds=Attachment.Kind.values, **kwargs):
        super().__init__(*args, **kwargs)
        self.order_fields(["kind", "file"])
        self.fields["kind"].choices = [
            choice for choice in Attachment.Kind.choices if choice[0] in kinds
        ]
        if Attachment.Kind.SIGNED_LETTER not in kinds:
            del self.fields["is_public"]


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


class EventForm(forms.Form):
    # Shown below the response form, whose fields have the same names.
    prefix = "event"

    kind = forms.ChoiceField(
        label=_("What happened"),
        choices=[
            (kind.value, kind.label)
            for kind in TimelineEntry.Kind
            if kind in TimelineEntry.Kind.events()
        ],
    )
    date = date_field(_("Date"))
    text = forms.CharField(
        label=_("Description"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Shown on the public timeline."),
    )
    reference = forms.CharField(
        label=_("Reference number"),
        max_length=50,
        required=False,
        help_text=_("A letter's or a decision's number, if it has one."),
    )
