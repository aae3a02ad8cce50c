"""What monitors type in the field, and what a coordinator types in from a paper sheet. Field
names are the arguments of ``services.observations``."""

from django import forms
from django.utils.translation import gettext_lazy as _

from ivanovo_portal import uploads
from ivanovo_portal.widgets import DateInput

from ..services.observations import EVIDENCE_TYPES
from ..services.sheets import SheetEntry
from .scores import initial_score, score_field, split_score


class ObservationForm(forms.Form):
    """One observation: the scale comes from the criterion, with "not applicable" where the
    criterion allows it."""

    observed_on = forms.DateField(
        label=_("Date of the observation"), required=False, widget=DateInput()
    )
    finding = forms.CharField(
        label=_("Finding"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("What you saw or read, and where: enough for someone else to check it."),
    )

    def __init__(self, *args, criterion, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["score"] = score_field(criterion, required=False)

    def clean(self):
        data = super().clean()
        data["score"], data["not_applicable"] = split_score(data.get("score"))
        return data

    @classmethod
    def of(cls, observation, *, criterion, data=None):
        """The form for the saved ``observation`` (None before the first save), or bound to
        ``data``."""
        initial = {}
        if observation is not None:
            initial = {
                "observed_on": observation.observed_on,
                "finding": observation.finding,
                "score": initial_score(observation.score, observation.not_applicable),
            }
        return cls(data, initial=initial, criterion=criterion)


class FileEvidenceForm(uploads.UploadForm):
    prefix = "file"
    types = EVIDENCE_TYPES
    file_help = _("A photo (JPEG, PNG or WebP) or a PDF document, up to %(limit)s.")
    description = forms.CharField(
        label=_("What it shows"),
        max_length=250,
        required=False,
        help_text=_("For a photo, what is in it: this is its text alternative."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["file"].label = _("Photo or document")


class LinkEvidenceForm(forms.Form):
    prefix = "link"
    url = forms.URLField(
        label=_("Address of the page"),
        max_length=500,
        assume_scheme="https",
        help_text=_("The page is saved as it is now, so that a later change does not lose it."),
    )
    description = forms.CharField(label=_("What it shows"), max_length=250, required=False)


class SheetEntryForm(forms.Form):
    """A paper sheet typed in: the monitor who filled it in, and per criterion its date, finding
    and score, in fields named ``<field>_<criterion pk>`` (the names the service's refusals
    give)."""

    monitor = forms.ModelChoiceField(label=_("Filled in by"), queryset=None)

    def __init__(self, *args, criteria, monitors, **kwargs):
        super().__init__(*args, **kwargs)
        self.criteria = criteria
        self.fields["monitor"].queryset = monitors
        for criterion in criteria:
            pk = criterion.pk
            self.fields[f"observed_on_{pk}"] = forms.DateField(
                label=_("Date"), required=False, widget=DateInput()
            )
            self.fields[f"finding_{pk}"] = forms.CharField(
                label=_("Finding"), required=False, widget=forms.Textarea(attrs={"rows": 3})
            )
            # A box ticked by mistake while typing can be cleared again.
            self.fields[f"score_{pk}"] = score_field(
                criterion, required=False, blank=[("", _("none ticked"))]
            )

    def rows(self):
        """Per criterion, its bound fields, for the template."""
        return [
            {
                "criterion": criterion,
                **{
                    name: self[f"{name}_{criterion.pk}"]
                    for name in ("observed_on", "finding", "score")
                },
            }
            for criterion in self.criteria
        ]

    def entries(self):
        data = self.cleaned_data
        entries = []
        for criterion in self.criteria:
            score, not_applicable = split_score(data[f"score_{criterion.pk}"])
            entries.append(
                SheetEntry(
                    criterion=criterion,
                    observed_on=data[f"observed_on_{criterion.pk}"],
                    finding=data[f"finding_{criterion.pk}"],
                    score=score,
                    not_applicable=not_applicable,
                )
            )
        return entries
