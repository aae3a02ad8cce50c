"""What monitors type about an access-to-information request. Field names are the arguments of
``monitoring.services.requests``, so a refusal lands beside the field it concerns."""

from django import forms
from django.db.models import BLANK_CHOICE_DASH
from django.template.defaultfilters import filesizeformat
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from ivanovo_portal import uploads
from ivanovo_portal.widgets import DateInput

from ..models import Criterion, InformationRequest


class RequestForm(forms.ModelForm):
    """The request as it was made; ``round_`` offers the criteria of its framework version."""

    class Meta:
        model = InformationRequest
        fields = [
            "settlement",
            "subject",
            "text",
            "channel",
            "submitted_on",
            "registry_number",
            "criteria",
        ]
        widgets = {
            "text": forms.Textarea(attrs={"rows": 5}),
            "submitted_on": DateInput(),
            "criteria": forms.CheckboxSelectMultiple,
        }
        help_texts = {
            "submitted_on": _("The day the municipality's registry received it."),
            "criteria": _("The criteria its answer is evidence for."),
        }

    def __init__(self, *args, round_, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["criteria"].queryset = Criterion.objects.filter(
            area__version=round_.version
        ).select_related("area")
        self.fields["criteria"].label_from_instance = lambda criterion: (
            f"{criterion.code} {criterion.question}"
        )


def _label(name):
    return capfirst(InformationRequest._meta.get_field(name).verbose_name)


class ClarificationForm(forms.Form):
    clarified_on = forms.DateField(
        label=_label("clarified_on"),
        widget=DateInput(),
        required=False,
        help_text=_(
            "If the municipality asked what exactly is wanted (art. 29 ЗДОИ), the day the "
            "request was clarified: the 14 days run from then. Leave empty to take it back."
        ),
    )


class ExtensionForm(forms.Form):
    extension = forms.ChoiceField(
        label=_label("extension"),
        choices=InformationRequest.Extension.choices,
        required=False,
    )
    extension_notified_on = forms.DateField(
        label=_label("extension_notified_on"),
        widget=DateInput(),
        required=False,
        help_text=_("Only an extension the municipality notified in time moves the deadline."),
    )
    extension_days = forms.IntegerField(
        label=_label("extension_days"),
        required=False,
        min_value=1,
        max_value=14,
        help_text=_("As the notice gives them; left empty, the most the law allows is counted."),
    )


class AnswerForm(forms.Form):
    """The municipality's answer; whether its document is published is the coordinator's choice
    (``may_publish``)."""

    answer = forms.ChoiceField(
        label=_label("answer"),
        choices=[
            *BLANK_CHOICE_DASH,
            *(
                choice
                for choice in InformationRequest.Answer.choices
                if choice[0] != InformationRequest.Answer.PENDING
            ),
        ],
    )
    answered_on = forms.DateField(
        label=_label("answered_on"),
        widget=DateInput(),
        required=False,
        help_text=_("The date of the decision; empty for a request left without an answer."),
    )
    answer_summary = forms.CharField(
        label=_label("answer_summary"), widget=forms.Textarea(attrs={"rows": 4}), required=False
    )
    answer_file = forms.FileField(label=_("The answer's document"), required=False)
    answer_is_public = forms.BooleanField(
        label=_("Publish the answer's document with the scorecard"),
        required=False,
        help_text=_("Check first that it holds no personal data."),
    )

    def __init__(self, *args, user, may_publish, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.fields["answer_file"].help_text = _(
            "PDF, JPEG or PNG, up to %(limit)s. A new file replaces the one kept."
        ) % {"limit": filesizeformat(uploads.MAX_BYTES)}
        if not may_publish:
            del self.fields["answer_is_public"]

    def clean_answer_file(self):
        upload = self.cleaned_data["answer_file"]
        return uploads.checked(upload, user=self.user) if upload else None
