"""The forms of a respondent's pages besides the questions: consent and the invitation code."""

from django import forms
from django.utils.translation import gettext_lazy as _

from ..services.responses import normalise_code


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
        # Whether the code exists and is unused is for services.responses.redeem_invitation to say.
        return normalise_code(self.cleaned_data["code"])
