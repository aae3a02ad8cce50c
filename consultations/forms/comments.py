"""The public comment form (one per section on the consultation's page, in a fold a phone can
open), staff's form for a proposal received at a meeting, on paper, by phone or by e-mail, and the
moderation's reason. Field names are the services' argument names."""

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from ivanovo_portal.places.models import Settlement, StakeholderGroup

from ..documents import Period
from ..models import Comment, Section
from ..services.comments import NO_CONSENT, STAFF_CHANNELS

TEXT_LIMIT = 10_000


def places():
    """The settlements and groups the comment forms offer, read once for a page of forms."""
    return list(Settlement.objects.all()), list(StakeholderGroup.objects.all())


class InstanceField(forms.TypedChoiceField):
    """A choice among rows already read (``places``), so that a page of forms reads them once."""

    def __init__(self, instances, *, empty_label=None, **kwargs):
        by_pk = {str(instance.pk): instance for instance in instances}
        choices = [(pk, str(instance)) for pk, instance in by_pk.items()]
        if empty_label is not None:
            choices.insert(0, ("", empty_label))
        super().__init__(choices=choices, coerce=by_pk.__getitem__, empty_value=None, **kwargs)


class CommentForm(forms.Form):
    """A comment on ``section`` (None: the whole document); field ids carry the section's key,
    so that the forms of a page never share an id."""

    use_required_attribute = False

    text = forms.CharField(
        label=_("Your comment or proposal"),
        max_length=TEXT_LIMIT,
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={"required": _("Type your comment.")},
    )
    author_name = forms.CharField(
        label=_("Your name or organisation"),
        max_length=200,
        required=False,
        help_text=_("Published with your comment."),
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    anonymous = forms.BooleanField(
        label=_("Publish my comment as from an anonymous citizen"), required=False
    )
    email = forms.EmailField(
        label=_("E-mail address"),
        help_text=_(
            "Never published. We send you a link to confirm the comment and tell you when it is "
            "published."
        ),
        error_messages={
            "required": _(
                "Give your e-mail address: we send the link to confirm your comment there."
            ),
            "invalid": _("Type an e-mail address such as name@example.com."),
        },
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    consent = forms.BooleanField(
        label=_(
            "I agree that the project team keeps my e-mail address until my comment is "
            "moderated, and publishes my comment with my name (or as anonymous), settlement and "
            "group in the справка of the proposals."
        ),
        error_messages={"required": NO_CONSENT},
    )

    def __init__(self, consultation, section=None, data=None, *, choices=None):
        key = section.key if section is not None else "document"
        super().__init__(data, auto_id=f"comment-{key}-%s")
        self.consultation, self.section = consultation, section
        settlements, groups = choices or places()
        self.fields["settlement"] = InstanceField(
            settlements,
            label=_("Where you live"),
            empty_label=_("Choose your settlement"),
            error_messages={"required": _("Choose the settlement where you live.")},
        )
        self.fields["group"] = InstanceField(
            groups,
            label=_("You take part as"),
            widget=forms.RadioSelect,
            error_messages={"required": _("Choose how you take part.")},
        )
        if not consultation.allows_anonymous:
            del self.fields["anonymous"]
        self.order_fields(["text", "author_name", "anonymous", "settlement", "group", "email"])

    @staticmethod
    def is_open(consultation):
        """Whether the consultation's page offers the form: published, in its comment period."""
        return consultation.is_public() and Period.of(consultation).is_open


class ProposalForm(forms.Form):
    """A proposal staff took in, against a section of the current version."""

    channel = forms.ChoiceField(
        label=_("Received"),
        choices=[(channel.value, channel.label) for channel in STAFF_CHANNELS],
    )
    meeting = forms.ModelChoiceField(
        label=_("Raised at the meeting"),
        queryset=None,
        required=False,
        empty_label=_("Not at a meeting"),
    )
    section = forms.ModelChoiceField(
        label=_("Section"), queryset=None, required=False, empty_label=_("The whole document")
    )
    text = forms.CharField(
        label=_("The proposal"), max_length=TEXT_LIMIT, widget=forms.Textarea(attrs={"rows": 6})
    )
    author_name = forms.CharField(
        label=_("Name or organisation as published"), max_length=200, required=False
    )
    anonymous = forms.BooleanField(
        label=_("Published as from an anonymous citizen"), required=False
    )
    settlement = forms.ModelChoiceField(
        label=_("Settlement"), queryset=Settlement.objects.all(), required=False
    )
    group = forms.ModelChoiceField(
        label=_("Taking part as"), queryset=StakeholderGroup.objects.all(), required=False
    )

    def __init__(self, consultation, version, *args, proposal=None, **kwargs):
        """``proposal``: the one being corrected, whose section stays offered even when it is
        of an earlier version."""
        if proposal is not None:
            kwargs["initial"] = {name: getattr(proposal, name) for name in self.declared_fields}
        super().__init__(*args, **kwargs)
        self.fields["meeting"].queryset = consultation.consultation_meetings.select_related(
            "meeting"
        )
        kept = Q(pk=proposal.section_id) if proposal is not None else Q(pk__in=[])
        self.fields["section"].queryset = Section.objects.filter(Q(version=version) | kept)
        if not consultation.allows_anonymous:
            del self.fields["anonymous"]


class RejectForm(forms.Form):
    rejection = forms.ChoiceField(
        label=_("Why it is not published"),
        choices=[(value, label) for value, label in Comment.Rejection.choices if value],
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose why the comment is not published.")},
    )
    note = forms.CharField(
        label=_("Note to the author"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Sent to the author with the reason, e.g. what to leave out to send it again."),
    )
