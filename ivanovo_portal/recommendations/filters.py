"""The list filters: activity, status and settlement, as a plain GET form that works without JS."""

import django_filters
from django.utils.translation import gettext_lazy as _

from ivanovo_portal.places.models import Settlement
from ivanovo_portal.project import Activity

from .models import Recommendation


class RecommendationFilter(django_filters.FilterSet):
    activity = django_filters.ChoiceFilter(
        label=_("Activity"), choices=Activity.choices, empty_label=_("All activities")
    )
    status = django_filters.ChoiceFilter(
        label=_("Status"), choices=Recommendation.Status.choices, empty_label=_("All statuses")
    )
    settlement = django_filters.ModelChoiceFilter(
        label=_("Settlement"),
        queryset=Settlement.objects.all(),
        empty_label=_("All settlements"),
        method="filter_settlement",
        help_text=_("Recommendations for the whole municipality are included."),
    )

    class Meta:
        model = Recommendation
        fields = ["activity", "status", "settlement"]

    def __init__(self, *args, public=True, **kwargs):
        super().__init__(*args, **kwargs)
        if public:
            self.filters["status"].extra["choices"] = [
                choice
                for choice in Recommendation.Status.choices
                if choice[0] != Recommendation.Status.DRAFT
            ]

    def filter_settlement(self, queryset, name, value):
        return queryset.for_settlement(value)
