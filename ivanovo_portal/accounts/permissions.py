"""How views check who may do what. Permissions come from the roles' groups (see ``roles.py``)."""

from django.contrib.auth.decorators import login_required
from django.contrib.auth.decorators import permission_required as django_permission_required


def permission_required(*perms):
    """Guard a view: anonymous visitors are sent to log in, a logged-in user without every one
    of ``perms`` ("app_label.codename") gets 403."""

    def decorator(view):
        return login_required(django_permission_required(perms, raise_exception=True)(view))

    return decorator


def has_role(user, role):
    """Whether ``user`` belongs to ``role`` (a ``Role``); prefer permissions where one exists."""
    return user.is_authenticated and user.groups.filter(name=role).exists()
