"""Reading the audit history."""

from functools import reduce
from operator import or_

from django.contrib.contenttypes.models import ContentType
from django.db.models import Q, QuerySet

from .models import Entry


def history_of(*targets):
    """The history of ``targets`` (objects, or querysets of them) together, latest first, with
    who did each: one query."""
    return list(Entry.objects.filter(reduce(or_, map(_about, targets))).select_related("actor"))


def _about(target):
    if isinstance(target, QuerySet):
        return Q(
            content_type=ContentType.objects.get_for_model(target.model),
            object_id__in=target.values("pk"),
        )
    return Q(content_type=ContentType.objects.get_for_model(target), object_id=target.pk)
