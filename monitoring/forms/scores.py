"""A score as people choose it: one radio button per point of the criterion's scale, and "not
applicable" as one more choice where the criterion allows it (so that a point chosen by mistake
can be changed to it). The services take it apart as ``score`` and ``not_applicable``."""

from django import forms
from django.utils.translation import gettext_lazy as _

NOT_APPLICABLE = "na"


def score_field(criterion, *, required, blank=(), descriptors=False, **options):
    """The score of ``criterion`` as radio buttons; ``blank`` is a first choice of nothing, where
    one is offered; ``descriptors`` adds each point's descriptor to its label."""
    choices = [*blank]
    for point in criterion.scale.all():
        label = f"{point.value} – {point.label}"
        choices.append((str(point.value), f"{label}: {point.descriptor}" if descriptors else label))
    if criterion.allows_not_applicable:
        choices.append((NOT_APPLICABLE, _("not applicable")))
    return forms.ChoiceField(
        label=_("Score"),
        choices=choices,
        required=required,
        widget=forms.RadioSelect(attrs={"class": "form-check-input"}),
        **options,
    )


def split_score(choice):
    """The services' ``score`` and ``not_applicable`` from the choice made ("" is no score)."""
    if choice == NOT_APPLICABLE:
        return None, True
    return (int(choice) if choice else None), False


def initial_score(score, not_applicable):
    """The choice that shows a saved score."""
    return NOT_APPLICABLE if not_applicable else score
