"""Staff's forms for the events. Field names are the services' argument names, so a refusal from
a service lands beside the field it concerns."""

from django import forms
from django.utils.translation import gettext_lazy as _

from ivanovo_portal import uploads

from ..events import meetings_without_event
from ..models import Event

MARKDOWN_HELP = _("Markdown: **bold**, *italics*, lists with “-”, links as [text](address).")


class EventCreateForm(forms.Form):
    meeting = forms.ModelChoiceField(
        label=_("Meeting"),
        queryset=None,
        help_text=_(
            "A round table or a conference of the meetings: its time, place, programme, "
            "speakers and registration stay there."
        ),
    )
    aims = forms.CharField(
        label=_("Aims"), widget=forms.Textarea(attrs={"rows": 5}), help_text=MARKDOWN_HELP
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["meeting"].queryset = meetings_without_event()


class EventForm(forms.ModelForm):
    class Meta:
        model = Event
        fields = ["aims", "summary"]
        widgets = {
            "aims": forms.Textarea(attrs={"rows": 5}),
            "summary": forms.Textarea(attrs={"rows": 10}),
        }
        help_texts = {
            "aims": MARKDOWN_HELP,
            "summary": _(
                "What happened and what was agreed, written after the event; public once you "
                "publish it. Markdown as above."
            ),
        }


class PhotoForm(uploads.UploadForm):
    """A photo of the event, with the words that describe it."""

    types = uploads.IMAGE_TYPES
    file_help = _("JPEG, PNG or WebP, up to %(limit)s. Its location and camera data are removed.")
    alt = forms.CharField(
        label=_("What the photo shows"),
        max_length=250,
        help_text=_(
            "Read aloud to those who cannot see the photo, e.g. “Participants around the round "
            "table in the municipal council hall”."
        ),
    )
    caption = forms.CharField(label=_("Caption"), max_length=250, required=False)
    position = forms.IntegerField(label=_("Order"), min_value=0, max_value=999, initial=0)
