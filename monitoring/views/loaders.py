"""Loading a round for the person asking: one helper per kind of access (docs/architecture.md)."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404

from ..access import is_coordinator, is_member
from ..models import Round


def _round(slug):
    return get_object_or_404(Round.objects.select_related("version__framework"), slug=slug)


def get_round_for_member(user, slug):
    """The round at ``slug`` for one of its monitors or a coordinator: 403 for anyone else, 404
    when there is no such round."""
    round_ = _round(slug)
    if not is_member(user, round_):
        raise PermissionDenied
    return round_


def get_round_for_coordinator(user, slug):
    """The round at ``slug`` for its coordinator or anyone who coordinates rounds: 403
    otherwise, 404 when there is no such round."""
    round_ = _round(slug)
    if not is_coordinator(user, round_):
        raise PermissionDenied
    return round_
