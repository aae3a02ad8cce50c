"""The form of the monitoring report's texts. Field names are the services' argument names, so a
refusal from a service lands beside the field it concerns."""

from django import forms

from ..models import MonitoringReport


class ReportForm(forms.ModelForm):
    """The report's texts; its address is made from the title, never typed, and its figures are
    computed from the round (``monitoring.methodology``)."""

    class Meta:
        model = MonitoringReport
        fields = ["title", "summary", "methodology_note", "findings", "conclusions"]
        widgets = {
            "summary": forms.Textarea(attrs={"rows": 6}),
            "methodology_note": forms.Textarea(attrs={"rows": 3}),
            "findings": forms.Textarea(attrs={"rows": 6}),
            "conclusions": forms.Textarea(attrs={"rows": 6}),
        }
