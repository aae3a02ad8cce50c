"""The facets of the methods list: a plain GET form (works without JavaScript, and its address
is the link to share a selection)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from ..code import Level, Step
from ..models.methods import Cost, Facilitation


def _at_most(label, anything, choices):
    return forms.TypedChoiceField(
        label=label,
        required=False,
        coerce=int,
        empty_value=None,
        choices=[("", anything), *choices],
    )


class MethodFilterForm(forms.Form):
    level = forms.ChoiceField(
        label=_("Level of participation"),
        required=False,
        choices=[("", _("Any level")), *Level.choices],
    )
    step = forms.ChoiceField(
        label=_("Step of the decision"),
        required=False,
        choices=[("", _("Any step")), *Step.choices],
    )
    cost = _at_most(_("Cost at most"), _("Any cost"), Cost.choices)
    facilitation = _at_most(
        _("Facilitation needed at most"), _("Any facilitation"), Facilitation.choices
    )
    offline = forms.BooleanField(label=_("Works without internet"), required=False)
    elderly = forms.BooleanField(label=_("Suits elderly people well"), required=False)

    def __init__(self, data):
        super().__init__(data)
        # A value no longer offered (an old link) is refused by its field; the others still
        # filter.
        self.is_valid()

    @property
    def chosen(self):
        """``{facet: value}`` of the facets chosen with a valid value (``0`` is a choice: no
        cost, no facilitation)."""
        return {
            name: value
            for name, value in self.cleaned_data.items()
            if value is not None and value is not False and value != ""
        }
