"""What the planning sheet asks: the method, the decision, where and who, the dates and, for a
consultation, the period for written views. A GET form: the plan's address is its link."""

from datetime import date

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import prefetch_related_objects
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from ivanovo_portal.places.models import Settlement
from ivanovo_portal.widgets import DateInput, DateTimeInput

from ..code import Step
from ..finder import STEP_WORDS
from ..models import Method
from ..planning import LEGAL_DAYS, SHORTEST_DAYS

# The dates a plan is drawn between: wide enough for any real plan, and far enough from the ends
# of the calendar that no step or period runs off it.
EARLIEST, LATEST = date(2000, 1, 1), date(2100, 12, 31)


def _within_reach(day):
    if day is not None and not EARLIEST <= day <= LATEST:
        raise ValidationError(
            _("Choose a date between %(earliest)s and %(latest)s."),
            params={"earliest": f"{EARLIEST:%d.%m.%Y}", "latest": f"{LATEST:%d.%m.%Y}"},
        )
    return day


class PlanForm(forms.Form):
    method = forms.ModelChoiceField(
        label=_("Method"),
        queryset=Method.objects.all(),
        to_field_name="slug",
        empty_label=_("— choose —"),
        error_messages={"invalid_choice": _("Choose one of the methods in the list.")},
    )
    decision = forms.CharField(
        label=_("What is to be decided?"),
        required=False,
        max_length=200,
        help_text=_("For example: the new playground in the village."),
    )
    step = forms.TypedChoiceField(
        label=_("Where is the decision now?"),
        required=False,
        choices=[("", _("Not sure")), *((s.value, capfirst(STEP_WORDS[s])) for s in Step)],
        empty_value=None,
        error_messages={"invalid_choice": _("Choose one of the answers offered.")},
    )
    settlement = forms.ModelChoiceField(
        label=_("Where"),
        queryset=Settlement.objects.all(),
        to_field_name="slug",
        required=False,
        empty_label=_("The whole municipality"),
        error_messages={"invalid_choice": _("Choose one of the places in the list.")},
    )
    organiser = forms.CharField(
        label=_("Who organises it"),
        required=False,
        max_length=150,
        help_text=_("For example: the mayoralty, the community centre, an association."),
    )
    start = forms.DateField(
        label=_("Start of the preparation"),
        required=False,
        widget=DateInput(),
        help_text=_("Empty: today."),
    )
    meeting_at = forms.DateTimeField(
        label=_("Date and time of the meeting"),
        required=False,
        widget=DateTimeInput(),
        help_text=_("For a method with a meeting."),
    )
    venue = forms.CharField(
        label=_("Venue of the meeting"),
        required=False,
        max_length=200,
        help_text=_("For example: the hall of the community centre, ground floor."),
    )
    contact = forms.CharField(
        label=_("Where people send written views or ask questions"),
        required=False,
        max_length=200,
        help_text=_("An address, an e-mail address or a telephone number."),
    )
    normative = forms.BooleanField(
        label=_("The decision is a draft normative act (an ordinance or regulation)"),
        required=False,
        help_text=_("For a consultation: the Normative Acts Act then sets the period below."),
    )
    opens_on = forms.DateField(
        label=_("The notice is put up on"),
        required=False,
        widget=DateInput(),
        help_text=_("For a consultation; empty: the start of the preparation."),
    )
    days = forms.IntegerField(
        label=_("Days for written views"),
        min_value=SHORTEST_DAYS,
        max_value=90,
        initial=LEGAL_DAYS,
        required=False,
        help_text=_(
            "For a consultation: at least 30 days for a draft normative act; fewer, but no "
            "fewer than 14, only in exceptional cases with the reasons stated (Art. 26(4))."
        ),
    )
    reasons = forms.CharField(
        label=_("Why fewer than 30 days"),
        required=False,
        max_length=300,
    )

    CONSULTATION_FIELDS = ("normative", "opens_on", "days", "reasons")

    def groups(self):
        """The questions for every method, then those only a consultation needs."""
        return [
            (None, [f for f in self if f.name not in self.CONSULTATION_FIELDS]),
            (_("For a consultation"), [self[name] for name in self.CONSULTATION_FIELDS]),
        ]

    def clean_method(self):
        # What the plan reads of the chosen method, loaded once.
        method = self.cleaned_data["method"]
        prefetch_related_objects([method], "steps", "templates", "placements")
        return method

    def clean_start(self):
        return _within_reach(self.cleaned_data["start"] or timezone.localdate())

    def clean_opens_on(self):
        return _within_reach(self.cleaned_data["opens_on"])

    def clean_meeting_at(self):
        meeting_at = self.cleaned_data["meeting_at"]
        _within_reach(meeting_at and timezone.localtime(meeting_at).date())
        return meeting_at

    def clean_days(self):
        days = self.cleaned_data["days"]
        return LEGAL_DAYS if days is None else days

    def clean(self):
        data = super().clean()
        start, meeting_at = data.get("start"), data.get("meeting_at")
        if start and meeting_at and timezone.localtime(meeting_at).date() < start:
            self.add_error("meeting_at", _("The meeting cannot come before the start."))
        days = data.get("days")
        short = data.get("normative") and days is not None and days < LEGAL_DAYS
        if short and not data.get("reasons", "").strip():
            self.add_error(
                "reasons",
                _("A period shorter than 30 days for a draft normative act needs its reasons."),
            )
        return data
