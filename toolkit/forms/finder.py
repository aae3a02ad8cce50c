"""The finder's questions, in the words of a resident or a village mayor: a GET form, so that
the address of the results is the link to share them."""

from django import forms
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from ..code import Level, Step
from ..finder import INFLUENCE_WORDS, PEOPLE, STEP_WORDS, Answers, Internet
from ..models.methods import Audience

NOT_SURE = ("", _("Not sure"))
CHOOSE_OFFERED = {"invalid_choice": _("Choose one of the answers offered.")}


def _question(label, choices, *, widget=forms.RadioSelect, coerce=str, help_text=""):
    return forms.TypedChoiceField(
        label=label,
        required=False,
        choices=[NOT_SURE, *choices],
        coerce=coerce,
        empty_value=None,
        widget=widget,
        help_text=help_text,
        error_messages=CHOOSE_OFFERED,
    )


class FinderForm(forms.Form):
    decision = forms.CharField(
        label=_("What is to be decided?"),
        required=False,
        max_length=200,
        help_text=_(
            "In a few words, for the plan: for example, the new playground in the village or "
            "the ordinance on the waste fee."
        ),
    )
    step = _question(
        _("Where is the decision now?"), [(step.value, capfirst(STEP_WORDS[step])) for step in Step]
    )
    level = _question(
        _("What will people be able to do?"),
        [(level.value, capfirst(INFLUENCE_WORDS[level])) for level in Level],
    )
    people = _question(
        _("How many people should take part?"),
        [
            ("10", _("up to 10")),
            ("30", _("11 to 30")),
            ("100", _("31 to 100")),
            ("500", _("101 to 500")),
            ("more", _("more than 500")),
        ],
        widget=forms.Select,
    )
    audiences = forms.TypedMultipleChoiceField(
        label=_("Whom above all do you want to hear from?"),
        required=False,
        choices=[(value, capfirst(label)) for value, label in Audience.choices],
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Tick as many as you need."),
        error_messages={"invalid_choice": _("Choose among the groups offered.")},
    )
    weeks = _question(
        _("How much time is there, from the start to the results?"),
        [
            (2, _("up to 2 weeks")),
            (4, _("up to a month")),
            (8, _("up to two months")),
            (13, _("up to three months")),
        ],
        widget=forms.Select,
        coerce=int,
    )
    budget = _question(
        _("How much money can it take at most?"),
        [
            (0, _("none at all")),
            (1, _("a little: printing, refreshments")),
            (2, _("a moderate sum: a hall, a facilitator's fee")),
            (3, _("enough for a larger event")),
        ],
        widget=forms.Select,
        coerce=int,
    )
    internet = _question(_("Do the people you want to reach use the internet?"), Internet.choices)
    facilitator = _question(
        _("Is there someone who can facilitate a group discussion?"),
        [("yes", _("Yes")), ("no", _("No"))],
        coerce=lambda value: value == "yes",
    )

    def __init__(self, data):
        super().__init__(data)
        # An answer not offered (a changed or hand-made link) is refused by its question; the
        # other answers still count.
        self.is_valid()

    @property
    def answered(self):
        return any(self.data.get(name) for name in self.fields)

    def answers(self):
        """The valid answers for ``finder.rank``."""
        data = self.cleaned_data
        return Answers(
            step=data.get("step"),
            level=data.get("level"),
            people=PEOPLE.get(data.get("people")),
            audiences=tuple(data.get("audiences") or ()),
            weeks=data.get("weeks"),
            budget=data.get("budget"),
            internet=data.get("internet"),
            facilitator=data.get("facilitator"),
        )
