"""The public registration form of a meeting's page: who is coming, from where, as whom, how to
reach them, and their consent. Field names are ``services.registrations.register``'s arguments."""

import re

from django import forms
from django.utils.translation import gettext_lazy as _

from ivanovo_portal.places.forms import SettlementField
from ivanovo_portal.places.models import StakeholderGroup

from ..services.registrations import NO_CONSENT, NO_CONTACT

PHONE = re.compile(r"^\+?[\d\s()\-/]{6,25}$")


class RegistrationForm(forms.Form):
    use_required_attribute = False

    name = forms.CharField(
        label=_("Your name"),
        max_length=150,
        error_messages={"required": _("Type your name.")},
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    settlement = SettlementField(
        label=_("Where you live"),
        empty_label=_("Choose your settlement"),
        error_messages={
            "required": _("Choose the settlement where you live, or “outside the municipality”.")
        },
    )
    group = forms.ModelChoiceField(
        label=_("You take part as"),
        queryset=StakeholderGroup.objects.all(),
        empty_label=None,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose how you take part.")},
    )
    email = forms.EmailField(
        label=_("E-mail address"),
        required=False,
        help_text=_("We send the confirmation, the code and any change of the meeting here."),
        error_messages={"invalid": _("Type an e-mail address such as name@example.com.")},
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    phone = forms.CharField(
        label=_("Phone"),
        max_length=30,
        required=False,
        help_text=_("If you have no e-mail: we call you if the meeting changes."),
        widget=forms.TextInput(attrs={"autocomplete": "tel", "inputmode": "tel"}),
    )
    consent = forms.BooleanField(
        label=_(
            "I agree that the project team keeps my name, settlement and contact details to "
            "organise this meeting and count its participants."
        ),
        error_messages={"required": NO_CONSENT},
    )

    def clean_phone(self):
        phone = self.cleaned_data["phone"].strip()
        if phone and (not PHONE.match(phone) or sum(c.isdigit() for c in phone) < 6):
            raise forms.ValidationError(
                _("Type a phone number such as 0888 123 456."), code="invalid"
            )
        return phone

    def clean(self):
        cleaned = super().clean()
        unreachable = not cleaned.get("email") and not cleaned.get("phone")
        if unreachable and not self.has_error("email") and not self.has_error("phone"):
            self.add_error("email", NO_CONTACT)
        return cleaned
