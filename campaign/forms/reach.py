"""Staff's forms for the campaign's log. Field names are the services' argument names, so a
refusal from a service lands beside the field it concerns."""

from django import forms
from django.core.validators import MinValueValidator, URLValidator
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ivanovo_portal.widgets import DateInput

from ..models import CampaignAction, MediaAppearance


class WebAddressField(forms.URLField):
    """A link the public page shows: a web address, never another scheme (javascript:, ftp:)."""

    default_validators = [URLValidator(schemes=["http", "https"])]


def _not_ahead(day):
    """A log records what happened: a day ahead of today is a slip of the finger."""
    if day and day > timezone.localdate():
        raise forms.ValidationError(_("This day has not come yet: log what has happened."))
    return day


class MediaAppearanceForm(forms.ModelForm):
    class Meta:
        model = MediaAppearance
        fields = ["outlet", "kind", "title", "appeared_on", "url", "note"]
        field_classes = {"url": WebAddressField}
        widgets = {"appeared_on": DateInput()}
        help_texts = {
            "outlet": _("The newspaper, site, radio or television, as it names itself."),
            "title": _("The headline, or what the programme was about."),
            "url": _("Where the article, recording or release can be read or heard."),
        }

    def clean_appeared_on(self):
        return _not_ahead(self.cleaned_data.get("appeared_on"))


class CampaignActionForm(forms.ModelForm):
    class Meta:
        model = CampaignAction
        fields = ["kind", "description", "done_on", "count", "settlement"]
        widgets = {"done_on": DateInput()}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["settlement"].empty_label = _("The whole municipality")
        # The model allows no nought (a constraint): the form says so by the field, in words.
        count = self.fields["count"]
        count.validators.append(MinValueValidator(1))
        count.widget.attrs["min"] = 1

    def clean_done_on(self):
        return _not_ahead(self.cleaned_data.get("done_on"))
