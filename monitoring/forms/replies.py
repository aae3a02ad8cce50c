"""The municipality's reply to a finding."""

from django import forms
from django.utils.translation import gettext_lazy as _


class ReplyForm(forms.Form):
    text = forms.CharField(
        label=_("Reply of the municipality"),
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("Published beside the finding on the scorecard and in the report."),
        error_messages={"required": _("Write the reply.")},
    )
