from django.utils import timezone

from . import personal_data
from .roles import Role


def roles_of(user):
    """The user's roles as translated labels; groups that are not roles are left out."""
    names = set(user.groups.values_list("name", flat=True))
    return [role.label for role in Role if role.value in names]


def account_data(user):
    """Everything the portal holds about ``user``, for them to download as JSON."""
    return {
        "exported_at": timezone.now().isoformat(),
        "account": {
            "username": user.username,
            "first_name": user.first_name,
            "last_name": user.last_name,
            "email": user.email,
            "organisation": user.organisation,
            "position": user.position,
            "date_joined": user.date_joined.isoformat(),
            "last_login": user.last_login.isoformat() if user.last_login else None,
            "roles": [str(label) for label in roles_of(user)],
        },
        **personal_data.collect(user),
    }
