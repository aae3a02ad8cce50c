"""Asking where someone lives: one of the settlements, or outside the municipality."""

from functools import partial

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Settlement

# The value of the choice "outside the municipality"; the field cleans it to None.
OUTSIDE = "outside"
CHOOSE = _("— choose —")
OUTSIDE_LABEL = _("Outside the municipality")


def _choices(empty_label, outside_label):
    settlements = [(str(s.pk), s.display_name) for s in Settlement.objects.all()]
    return [("", empty_label), *settlements, (OUTSIDE, outside_label)]


def _settlement(value):
    return None if value == OUTSIDE else Settlement.objects.get(pk=value)


class SettlementField(forms.TypedChoiceField):
    """The settlements in their order, then "outside the municipality" (cleaned to None). The
    empty choice is refused when the field is required, else cleaned to ``empty_value``. The
    choices are read when the form is shown, not when it is defined."""

    def __init__(self, *, empty_label=CHOOSE, outside_label=OUTSIDE_LABEL, **kwargs):
        super().__init__(
            choices=partial(_choices, empty_label, outside_label), coerce=_settlement, **kwargs
        )
