"""Forms of the minutes and the reports. Field names are the services' argument names, so a
refusal from a service lands beside the field it concerns."""

from django import forms
from django.utils.translation import gettext_lazy as _

from ivanovo_portal import uploads

from ..models import ConsultationMeeting, ConsultationReport


class MinutesForm(forms.ModelForm):
    class Meta:
        model = ConsultationMeeting
        fields = ["agenda", "discussion"]
        widgets = {
            "agenda": forms.Textarea(attrs={"rows": 5}),
            "discussion": forms.Textarea(attrs={"rows": 10}),
        }


class PhotoForm(uploads.UploadForm):
    """A photo of the meeting, with the words that describe it."""

    types = uploads.IMAGE_TYPES
    file_help = _("JPEG, PNG or WebP, up to %(limit)s. Its location and camera data are removed.")
    alt = forms.CharField(
        label=_("What the photo shows"),
        max_length=250,
        help_text=_(
            "Read aloud to those who cannot see the photo, e.g. “Residents of Pirgovo "
            "discussing the plan in the community centre”."
        ),
    )


class ReportForm(forms.ModelForm):
    """The report's texts and, when it is started, what it covers."""

    class Meta:
        model = ConsultationReport
        fields = ["meeting", "title", "summary", "conclusions"]
        widgets = {
            "summary": forms.Textarea(attrs={"rows": 6}),
            "conclusions": forms.Textarea(attrs={"rows": 6}),
        }

    def __init__(self, *args, consultation=None, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            del self.fields["meeting"]
        else:
            self.fields["meeting"].queryset = consultation.consultation_meetings.select_related(
                "meeting"
            )
            self.fields["meeting"].empty_label = _("The whole consultation")
