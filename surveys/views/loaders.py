"""The one loader of a questionnaire for the staff's screens."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404

from ..models import Questionnaire


def get_questionnaire_for_user(user, slug, permission):
    """The questionnaire at ``slug`` for a user who holds ``permission``: 403 otherwise, 404 when
    there is no such questionnaire."""
    if not user.has_perm(permission):
        raise PermissionDenied
    return get_object_or_404(Questionnaire, slug=slug)
