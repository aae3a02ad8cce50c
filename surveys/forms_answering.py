"""The forms around the questions: consent, invitation codes, paper entry, batches of codes.

The questions' own forms are built from the questionnaire in ``surveys.answering``.
"""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from . import services
from .answering import DATE_FORMATS, MESSAGES
from .models import Channel, InvitationBatch


class ConsentForm(forms.Form):
    use_required_attribute = False

    consent = forms.BooleanField(
        label=_("I have read the text above and agree to take part."),
        required=True,
        error_messages={"required": _("Tick the box to agree before you go on.")},
        widget=forms.CheckboxInput(attrs={"class": "form-check-input"}),
    )


class InvitationCodeForm(forms.Form):
    use_required_attribute = False

    code = forms.CharField(
        label=_("Invitation code"),
        max_length=30,
        help_text=_("The code printed on your invitation slip, for example 7KQ4-M9TX."),
        error_messages={"required": _("Enter the code from your invitation slip.")},
        widget=forms.TextInput(
            attrs={
                "class": "form-control form-control-lg",
                "autocomplete": "off",
                "autocapitalize": "characters",
                "spellcheck": "false",
            }
        ),
    )

    def clean_code(self):
        # Whether the code exists and is unused is for services.redeem_invitation to say.
        return services.normalise_code(self.cleaned_data["code"])


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
        widget=forms.DateInput(
            attrs={"type": "date", "class": "form-control form-control-lg"}, format="%Y-%m-%d"
        ),
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
            services.check_filled_on(self.questionnaire, day)
        except ValidationError as error:
            raise ValidationError(error.message_dict["filled_on"]) from None
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
        max_value=services.MAX_BATCH,
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
