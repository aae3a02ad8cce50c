"""Staff's forms for the news. Field names are the services' argument names, so a refusal from a
service lands beside the field it concerns."""

from django import forms
from django.utils.translation import gettext_lazy as _

from ivanovo_portal import uploads
from ivanovo_portal.project import Activity
from ivanovo_portal.widgets import DateTimeInput

from ..models import Article


class ArticleForm(forms.ModelForm):
    """An article's text and tags; when it is published is set by the buttons on its page."""

    activities = forms.MultipleChoiceField(
        label=_("Activities"),
        choices=Activity.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("The activities of the project the article is about."),
    )

    class Meta:
        model = Article
        fields = ["title", "slug", "lead", "activities", "settlements", "body"]
        widgets = {
            "lead": forms.Textarea(attrs={"rows": 3}),
            "body": forms.Textarea(attrs={"rows": 14}),
            "settlements": forms.CheckboxSelectMultiple,
        }
        help_texts = {
            "slug": _(
                "The end of the article's web address, in Latin letters and dashes. "
                "Empty: made from the title."
            ),
            "settlements": _("None: it concerns the whole municipality."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["slug"].required = False
        if self.instance.pk:
            self.initial.setdefault(
                "activities", [activity.value for activity in self.instance.activities()]
            )


class PublishForm(forms.Form):
    published_at = forms.DateTimeField(
        label=_("Publish at"),
        required=False,
        widget=DateTimeInput(),
        help_text=_("Empty: now. A date and time ahead (Sofia time) schedules it."),
    )


class ArticleImageForm(uploads.UploadForm):
    types = uploads.IMAGE_TYPES
    file_help = _("JPEG, PNG or WebP, up to %(limit)s.")
    alt = forms.CharField(
        label=_("What the image shows"),
        max_length=250,
        help_text=_(
            "Read out to people who cannot see it, e.g. “Residents of Mechka at the meeting "
            "in the community centre”."
        ),
    )
    caption = forms.CharField(label=_("Caption"), max_length=250, required=False)
    position = forms.IntegerField(label=_("Order"), min_value=0, max_value=999, initial=0)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["file"].label = _("Image")
