"""The forms staff discard responses with: one response, or a burst of them by its time span."""

from django import forms
from django.utils.translation import gettext_lazy as _

REASON_MAX = 1000


class DiscardForm(forms.Form):
    use_required_attribute = False

    reason = forms.CharField(
        label=_("Why they are discarded"),
        max_length=REASON_MAX,
        help_text=_(
            "For example “the same paper form typed in twice” or “60 answers from one address "
            "in 10 minutes”. It stays on record with your name and the time."
        ),
        error_messages={
            "required": _("Write why the responses are discarded: the reason stays on record.")
        },
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class BurstDiscardForm(DiscardForm):
    """Discard every suspect response of a burst, sent from ``first`` to ``last``."""

    first = forms.DateTimeField(widget=forms.HiddenInput)
    last = forms.DateTimeField(widget=forms.HiddenInput)

    def span(self):
        return {"first": self.cleaned_data["first"], "last": self.cleaned_data["last"]}
