"""Forms of the rounds' back office: the round itself, its people and its steps. Field names are
the services' argument names, so a refusal from a service lands beside the field it concerns."""

from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from ivanovo_portal.accounts.roles import Role
from ivanovo_portal.places.models import Settlement
from ivanovo_portal.widgets import DateInput

from ..models import FrameworkVersion, Membership, Round
from ..services.rounds import default_reply_deadline


class RoundForm(forms.ModelForm):
    """A round's title, framework version and period; its address is made from the title."""

    class Meta:
        model = Round
        fields = ["title", "version", "period_start", "period_end", "description"]
        widgets = {
            "period_start": DateInput(),
            "period_end": DateInput(),
            "description": forms.Textarea(attrs={"rows": 4}),
        }
        help_texts = {
            "version": _(
                "A draft version is frozen when the round is saved, so that rounds stay "
                "comparable; it cannot change once fieldwork starts."
            ),
        }
        error_messages = {
            "version": {"required": _("Choose the framework version the round scores against.")},
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["version"].queryset = FrameworkVersion.objects.select_related("framework")
        if self.instance.pk and self.instance.status != Round.Status.PLANNED:
            self.fields["version"].disabled = True

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("period_start"), cleaned.get("period_end")
        if start and end and end < start:
            self.add_error("period_end", _("The period must end on or after the day it starts."))
        return cleaned


def _people():
    return (
        get_user_model()
        .objects.filter(is_active=True)
        .order_by("first_name", "last_name", "username")
    )


class MembersForm(forms.Form):
    """The round's coordinator and monitors, where each monitor works, and whose name may be
    published. The settlements of each candidate monitor are a field of their own
    (``settlements_<id>``), gathered by ``clean()`` into the service's ``settlements``."""

    coordinator = forms.ModelChoiceField(
        label=_("Coordinator"),
        queryset=None,
        empty_label=_("— choose one of the project staff —"),
        error_messages={"required": _("Choose the coordinator.")},
    )
    monitors = forms.ModelMultipleChoiceField(
        label=_("Monitors"),
        queryset=None,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_("NGO monitors, and project staff who also do fieldwork."),
    )
    name_public = forms.ModelMultipleChoiceField(
        label=_("Names that may be published"),
        queryset=None,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_(
            "Tick a person only when they have told the coordinator that their name may appear "
            "on the scorecard and in the report."
        ),
    )

    def __init__(self, round_, *args, **kwargs):
        members = list(round_.memberships.prefetch_related("settlements"))
        coordinator = next((m for m in members if m.role == Membership.Role.COORDINATOR), None)
        kwargs.setdefault(
            "initial",
            {
                "coordinator": coordinator.user_id if coordinator else None,
                "monitors": [m.user_id for m in members if m.role == Membership.Role.MONITOR],
                "name_public": [m.user_id for m in members if m.name_public],
            },
        )
        super().__init__(*args, **kwargs)
        staff = _people().filter(groups__name=Role.PROJECT_STAFF)
        candidates = list(
            _people().filter(groups__name__in=[Role.NGO_MONITOR, Role.PROJECT_STAFF]).distinct()
        )
        self.fields["coordinator"].queryset = staff
        self.fields["monitors"].queryset = _people().filter(pk__in=[c.pk for c in candidates])
        self.fields["name_public"].queryset = self.fields["monitors"].queryset
        where = {m.user_id: [s.pk for s in m.settlements.all()] for m in members}
        self.candidates = candidates
        for person in candidates:
            self.fields[f"settlements_{person.pk}"] = forms.ModelMultipleChoiceField(
                label=_("Where %(person)s does fieldwork") % {"person": person},
                queryset=Settlement.objects.all(),
                widget=forms.CheckboxSelectMultiple,
                required=False,
                initial=where.get(person.pk, []),
                help_text=_("None ticked: every settlement."),
            )

    def clean(self):
        cleaned = super().clean()
        monitors = {person.pk for person in cleaned.get("monitors", ())}
        where = {
            person: cleaned.pop(f"settlements_{person.pk}", None) for person in self.candidates
        }
        cleaned["settlements"] = {
            person: list(chosen or ()) for person, chosen in where.items() if person.pk in monitors
        }
        return cleaned


class StepForm(forms.Form):
    """The hub's button for the round's next step. ``status`` is where the round stood when the
    page showed it, so a second press does not take a further step; opening the right of reply
    asks for the deadline."""

    status = forms.ChoiceField(choices=Round.Status.choices, widget=forms.HiddenInput)

    def __init__(self, round_, *args, **kwargs):
        kwargs.setdefault("initial", {"status": round_.status})
        super().__init__(*args, **kwargs)
        if round_.status == Round.Status.VERIFICATION:
            self.fields["deadline"] = forms.DateField(
                label=_("Deadline for the municipality's replies"),
                widget=DateInput(),
                initial=default_reply_deadline,
                help_text=_("Fourteen days from today unless you set another day."),
                error_messages={"required": _("Set the deadline.")},
            )
