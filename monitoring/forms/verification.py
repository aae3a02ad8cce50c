"""The forms that score an observation: the blind second score and the coordinator's
reconciliation. The score is one choice among the criterion's scale (and "not applicable" where the
criterion allows it), split by ``clean()`` into the services' ``score`` and ``not_applicable``."""

from django import forms
from django.utils.translation import gettext_lazy as _

NOT_APPLICABLE = "na"


class _ScoreForm(forms.Form):
    score = forms.ChoiceField(
        label=_("Score"),
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Choose a score."),
            "invalid_choice": _("Choose one of the criterion's scale."),
        },
    )

    def __init__(self, criterion, *args, **kwargs):
        super().__init__(*args, **kwargs)
        choices = [
            (str(point.value), f"{point.value} – {point.label}: {point.descriptor}")
            for point in criterion.scale.all()
        ]
        if criterion.allows_not_applicable:
            choices.append((NOT_APPLICABLE, _("Not applicable")))
        self.fields["score"].choices = choices

    def clean(self):
        cleaned = super().clean()
        choice = cleaned.get("score")
        if choice is not None:
            cleaned["not_applicable"] = choice == NOT_APPLICABLE
            cleaned["score"] = None if choice == NOT_APPLICABLE else int(choice)
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
