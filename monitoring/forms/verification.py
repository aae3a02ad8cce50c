"""The forms that score an observation: the blind second score and the coordinator's
reconciliation. The score is one choice among the criterion's scale (and "not applicable" where the
criterion allows it), split by ``clean()`` into the services' ``score`` and ``not_applicable``."""

from django import forms
from django.utils.translation import gettext_lazy as _

from .scores import score_field, split_score


class _ScoreForm(forms.Form):
    def __init__(self, criterion, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["score"] = score_field(
            criterion,
            required=True,
            descriptors=True,
            error_messages={
                "required": _("Choose a score."),
                "invalid_choice": _("Choose one of the criterion's scale."),
            },
        )
        self.order_fields(["score"])

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("score") is not None:
            cleaned["score"], cleaned["not_applicable"] = split_score(cleaned["score"])
        return cleaned


class SecondScoreForm(_ScoreForm):
    note = forms.CharField(
        label=_("Note"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("What you based the score on; the coordinator reads it if the scores differ."),
    )


class ReconcileForm(_ScoreForm):
    reason = forms.CharField(
        label=_("Reason for the final score"),
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": _("Say why this is the final score.")},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["score"].label = _("Final score")
