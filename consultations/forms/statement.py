"""The decision on a proposal in the справка. Field names are the service's argument names
(``services.statement.decide``), so a refusal lands beside its field."""

from django import forms
from django.utils.translation import gettext_lazy as _

from ..models import Comment


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[choice for choice in Comment.Decision.choices if choice[0]],
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose the decision.")},
    )
    reason = forms.CharField(
        label=_("Reasons"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Required when the proposal is not accepted or only partly; published."),
    )
