import django_filters
from django.utils.translation import gettext_lazy as _

from .models import GeneratedDocument


class DocumentFilter(django_filters.FilterSet):
    status = django_filters.ChoiceFilter(
        label=_("Status"), choices=GeneratedDocument.Status.choices, empty_label=_("Any status")
    )

    class Meta:
        model = GeneratedDocument
        fields = ["status"]
