"""Staff's forms for meetings. Field names are the services' argument names, so a refusal lands
beside the field it concerns; times are typed and shown in Sofia time (the portal's zone)."""

from django import forms
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from ivanovo_portal import uploads
from ivanovo_portal.places.models import StakeholderGroup
from ivanovo_portal.refusals import Refused, show_on_form
from ivanovo_portal.widgets import DateTimeInput

from ..models import Channel, Meeting
from ..services.content import check_times
from .attendance import settlement_field

# How staff take a registration themselves: online ones come through the public form.
STAFF_CHANNELS = [choice for choice in Channel.choices if choice[0] != Channel.ONLINE]


class TimeInput(forms.TimeInput):
    input_type = "time"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%H:%M")


def _checked_times(form, *names):
    """Run ``check_times`` on the form's cleaned ``names`` and put a refusal by its field."""
    try:
        check_times(*(form.cleaned_data.get(name) for name in names))
    except Refused as refusal:
        show_on_form(form, refusal)


class MeetingForm(forms.ModelForm):
    """A meeting's details; its status changes by the buttons on its page, never here."""

    class Meta:
        model = Meeting
        fields = [
            "title",
            "kind",
            "summary",
            "starts_at",
            "ends_at",
            "settlement",
            "venue",
            "address",
            "step_free",
            "seating",
            "hearing_loop",
            "accessibility_note",
            "online_url",
            "capacity",
            "registration_opens_at",
            "registration_closes_at",
            "certificates",
        ]
        widgets = {
            "summary": forms.Textarea(attrs={"rows": 4}),
            "starts_at": DateTimeInput(),
            "ends_at": DateTimeInput(),
            "registration_opens_at": DateTimeInput(),
            "registration_closes_at": DateTimeInput(),
        }
        # The model's "address" is also a web address's word elsewhere: here it is a street's.
        labels = {"address": pgettext_lazy("where", "Address")}
        help_texts = {
            "starts_at": _("Date and time in Bulgaria (Sofia time)."),
            "registration_opens_at": _("Empty: open as soon as the meeting is scheduled."),
            "registration_closes_at": _("Empty: open until the meeting starts."),
        }

    def clean(self):
        cleaned = super().clean()
        _checked_times(
            self, "starts_at", "ends_at", "registration_opens_at", "registration_closes_at"
        )
        return cleaned


class ProgrammeItemForm(forms.Form):
    time = forms.TimeField(
        label=_("Starts at"), widget=TimeInput(), help_text=_("On the day of the meeting.")
    )
    title = forms.CharField(label=_("Title"), max_length=250)
    session = forms.CharField(
        label=_("Session"),
        max_length=150,
        required=False,
        help_text=_(
            "For a conference: items in a row with the same session are shown under its name, "
            "e.g. “Session 1: Results of the surveys”."
        ),
    )
    speakers = forms.ModelMultipleChoiceField(
        label=_("Speakers"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    position = forms.IntegerField(
        label=_("Order among items at the same time"), min_value=0, max_value=999, initial=0
    )

    def __init__(self, meeting, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["speakers"].queryset = meeting.speakers.all()


class SpeakerForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=150)
    position = forms.CharField(label=_("Job title"), max_length=150, required=False)
    organisation = forms.CharField(label=_("Organisation"), max_length=200, required=False)
    bio = forms.CharField(
        label=_("Short bio"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    photo = forms.FileField(label=_("Photo"), required=False)
    photo_alt = forms.CharField(
        label=_("What the photo shows"),
        max_length=250,
        required=False,
        help_text=_("Required with a photo, e.g. “Maria Ivanova speaking at a lectern”."),
    )
    remove_photo = forms.BooleanField(label=_("Remove the photo"), required=False)
    order = forms.IntegerField(label=_("Order"), min_value=0, max_value=999, initial=0)

    def __init__(self, *args, user=None, has_photo=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.fields["photo"].help_text = _(
            "JPEG, PNG or WebP, up to %(limit)s; shown on the meeting's public page with the "
            "speaker's consent."
        ) % {"limit": filesizeformat(uploads.MAX_BYTES)}
        if not has_photo:
            del self.fields["remove_photo"]

    def clean_photo(self):
        photo = self.cleaned_data["photo"]
        if not photo:
            return None
        return uploads.checked(photo, user=self.user, types=uploads.IMAGE_TYPES)


class MaterialForm(uploads.UploadForm):
    title = forms.CharField(label=_("Title"), max_length=250)
    is_public = forms.BooleanField(
        label=_("Public: listed on the meeting's page"), required=False, initial=True
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.order_fields(["title", "file", "is_public"])


class PostponeForm(forms.Form):
    # On the meeting's page beside the meeting's own form, whose fields have the same names.
    prefix = "postpone"
    starts_at = forms.DateTimeField(label=_("New start"), widget=DateTimeInput())
    ends_at = forms.DateTimeField(label=_("New end"), widget=DateTimeInput())
    note = forms.CharField(
        label=_("Why"), max_length=250, help_text=_("Shown on the page and sent to registrants.")
    )

    def clean(self):
        cleaned = super().clean()
        _checked_times(self, "starts_at", "ends_at")
        return cleaned


class CancelForm(forms.Form):
    prefix = "cancel"
    note = forms.CharField(
        label=_("Why"), max_length=250, help_text=_("Shown on the page and sent to registrants.")
    )


class StaffRegistrationForm(forms.Form):
    """Someone who called or handed in a paper form, registered by staff."""

    name = forms.CharField(label=_("Name"), max_length=150)
    settlement = settlement_field()
    group = forms.ModelChoiceField(
        label=_("Taking part as"), queryset=StakeholderGroup.objects.all()
    )
    email = forms.EmailField(label=_("E-mail address"), required=False)
    phone = forms.CharField(label=_("Phone"), max_length=30, required=False)
    channel = forms.ChoiceField(label=_("Registered"), choices=STAFF_CHANNELS)
    consent = forms.BooleanField(
        label=_("The person agreed that we keep these details to organise the meeting"),
        required=True,
    )
