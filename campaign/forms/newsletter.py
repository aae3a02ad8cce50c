"""The newsletter's forms: subscribing, a subscriber's preferences, and staff's issue. Field names
are the services' argument names."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from ivanovo_portal.places.forms import OUTSIDE, SettlementField
from ivanovo_portal.places.models import Settlement
from ivanovo_portal.project import Activity

from ..newsletter import selectors
from ..newsletter.subscriptions import NO_CONSENT, NO_TOPIC


def settlement_field():
    """Where one lives: one of the settlements, or outside the municipality (None)."""
    return SettlementField(
        empty_label=_("Choose where you live"),
        outside_label=_("Outside Ivanovo municipality"),
        label=_("Where you live"),
        help_text=_("For news of your settlement."),
        error_messages={"required": _("Choose your settlement, or “outside”.")},
    )


def topics_field(label):
    return forms.MultipleChoiceField(
        label=label,
        choices=Activity.choices,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": NO_TOPIC},
    )


class SubscribeForm(forms.Form):
    use_required_attribute = False

    email = forms.EmailField(
        label=_("E-mail address"),
        help_text=_("We send a link there: you are subscribed once you open it."),
        error_messages={
            "required": _("Type your e-mail address."),
            "invalid": _("Type an e-mail address such as name@example.com."),
        },
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    consent = forms.BooleanField(
        label=_(
            "I agree that the project team keeps my e-mail address, settlement and topics to "
            "send me the newsletter, until I unsubscribe."
        ),
        error_messages={"required": NO_CONSENT},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["settlement"] = settlement_field()
        self.fields["topics"] = topics_field(_("What would you like to hear about?"))
        self.fields["topics"].initial = Activity.values
        self.order_fields(["email", "settlement", "topics", "consent"])


class PreferencesForm(forms.Form):
    use_required_attribute = False

    def __init__(self, subscriber, *args, **kwargs):
        kwargs.setdefault(
            "initial",
            {
                "settlement": subscriber.settlement_id or OUTSIDE,
                "topics": [topic.value for topic in subscriber.topics()],
            },
        )
        super().__init__(*args, **kwargs)
        self.fields["settlement"] = settlement_field()
        self.fields["topics"] = topics_field(_("Topics you follow"))


def _one_line(value):
    if "\n" in value or "\r" in value:
        raise ValidationError(_("Keep the subject on one line."))


class IssueForm(forms.Form):
    subject = forms.CharField(label=_("Subject"), max_length=200, validators=[_one_line])
    intro = forms.CharField(
        label=_("Introduction"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("Markdown: paragraphs, lists, links, emphasis."),
    )
    articles = forms.ModelMultipleChoiceField(
        label=_("News"), queryset=None, required=False, widget=forms.CheckboxSelectMultiple
    )
    meetings = forms.ModelMultipleChoiceField(
        label=_("Events"), queryset=None, required=False, widget=forms.CheckboxSelectMultiple
    )
    publications = forms.TypedMultipleChoiceField(
        label=_("Publications"), coerce=int, required=False, widget=forms.CheckboxSelectMultiple
    )
    topics = forms.MultipleChoiceField(
        label=_("Send to subscribers who follow"),
        choices=Activity.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("None ticked: every subscriber."),
    )
    settlements = forms.ModelMultipleChoiceField(
        label=_("and live in"),
        queryset=Settlement.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("None ticked: everywhere, outside the municipality too."),
    )

    def __init__(self, *args, issue=None, **kwargs):
        if issue is not None:
            kwargs.setdefault(
                "initial",
                {
                    "subject": issue.subject,
                    "intro": issue.intro,
                    "articles": list(issue.articles.all()),
                    "meetings": list(issue.meetings.all()),
                    "publications": list(issue.publications.values_list("pk", flat=True)),
                    "topics": issue.topics,
                    "settlements": list(issue.settlements.all()),
                },
            )
        super().__init__(*args, **kwargs)
        self.fields["articles"].queryset = selectors.article_choices()
        self.fields["meetings"].queryset = selectors.meeting_choices()
        self.fields["publications"].choices = selectors.publication_choices()
