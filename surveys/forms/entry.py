"""The staff's forms around paper entry: a paper form's details, batches of invitation codes and
their slips. The questions' own forms are built in ``surveys.forms.answering``."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from ivanovo_portal.refusals import Refused
from ivanovo_portal.widgets import DateInput

from ..models import Channel, InvitationBatch
from ..services import responses
from .question_fields import DATE_FORMATS, MESSAGES


class EntryForm(forms.Form):
    """What staff type about a paper form or an interview besides its answers."""

    use_required_attribute = False

    form_number = forms.CharField(
        label=_("Form №"),
        max_length=30,
        required=False,
        help_text=_("The number written in the box at the top of the paper form."),
        widget=forms.TextInput(
            attrs={"class": "form-control form-control-lg", "autofocus": True, "size": 12}
        ),
    )
    channel = forms.ChoiceField(
        label=_("How the answers were given"),
        choices=[(c.value, c.label) for c in (Channel.PAPER, Channel.INTERVIEW)],
        initial=Channel.PAPER,
        widget=forms.RadioSelect(attrs={"class": "form-check-input"}),
    )
    filled_on = forms.DateField(
        label=_("Filled in on"),
        help_text=_("The date written on the form, or the day of the interview."),
        input_formats=DATE_FORMATS,
        error_messages={
            "required": _("Enter the date the form was filled in, as written on it."),
            "invalid": MESSAGES["date"],
        },
        widget=DateInput(attrs={"class": "form-control form-control-lg"}),
    )
    consented = forms.BooleanField(
        label=_("The respondent agreed to the consent text"),
        required=False,
        initial=True,
        widget=forms.CheckboxInput(attrs={"class": "form-check-input"}),
    )
    keep_outside = forms.BooleanField(
        label=_("I have checked the form: keep the answers outside their conditions"),
        help_text=_("They are kept with the form as written, and not counted in the results."),
        required=False,
        widget=forms.CheckboxInput(attrs={"class": "form-check-input"}),
    )
    submission_key = forms.UUIDField(widget=forms.HiddenInput)

    def __init__(self, *args, questionnaire, **kwargs):
        super().__init__(*args, **kwargs)
        self.questionnaire = questionnaire

    def clean_filled_on(self):
        day = self.cleaned_data["filled_on"]
        try:
            responses.check_filled_on(self.questionnaire, day)
        except Refused as refusal:
            raise ValidationError(refusal.message) from None
        return day

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("channel") == Channel.PAPER and not cleaned.get("form_number"):
            self.add_error("form_number", _("Enter the number of the paper form."))
        return cleaned


class InvitationBatchForm(forms.Form):
    count = forms.IntegerField(
        label=_("How many codes"),
        min_value=1,
        max_value=responses.MAX_BATCH,
        initial=50,
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
    )
    label = forms.CharField(
        label=_("Batch label"),
        max_length=100,
        help_text=_("Where the slips go, for example “Кметство Красен, март”."),
    )


class SlipsForm(forms.Form):
    """Which of the questionnaire's batches to print the slips of."""

    batch = forms.ModelChoiceField(queryset=InvitationBatch.objects.none())

    def __init__(self, *args, questionnaire, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["batch"].queryset = questionnaire.invitation_batches.select_related(
            "questionnaire"
        )
