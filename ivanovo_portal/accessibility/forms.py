import re

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils.translation import gettext_lazy as _

from .models import Feedback
from .services import NO_CONSENT

PHONE = re.compile(r"^\+?[\d\s()\-/]{6,25}$")
BAD_CONTACT = _(
    "Type an e-mail address (such as name@example.com) or a phone number (such as 0888 123 456), "
    "so that we can reply."
)


class FeedbackForm(forms.ModelForm):
    consent = forms.BooleanField(
        label=_("I agree that the project team keeps my name and contact details to reply to me."),
        error_messages={"required": NO_CONSENT},
    )

    class Meta:
        model = Feedback
        fields = ["name", "contact", "page", "problem"]
        labels = {
            "name": _("Your name (optional)"),
            "contact": _("E-mail or phone for our reply"),
            "page": _("The page concerned (its address or title)"),
            "problem": _("What is the problem, or what do you need in an accessible form?"),
        }
        widgets = {
            "name": forms.TextInput(attrs={"autocomplete": "name"}),
            "problem": forms.Textarea(attrs={"rows": 5}),
        }

    def clean_contact(self):
        contact = self.cleaned_data["contact"].strip()
        if "@" in contact:
            try:
                validate_email(contact)
            except ValidationError:
                raise ValidationError(BAD_CONTACT, code="invalid") from None
        elif not PHONE.match(contact) or sum(c.isdigit() for c in contact) < 6:
            raise ValidationError(BAD_CONTACT, code="invalid")
        return contact
