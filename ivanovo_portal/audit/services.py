"""Writing the audit history, always inside the transaction of the change it records, so that an
entry exists exactly when its change was committed (pretix's ``log_action``)."""

from datetime import date, datetime

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext

from .models import Entry
from .registry import actions


def log_action(obj, action, *, user, changes=None, reason=""):
    """Record that ``user`` (None: the system, e.g. the worker) did ``action`` to ``obj``,
    with ``changes`` as field → [old, new] and the ``reason`` the screen asked for."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("log_action() belongs inside the transaction of the change it records.")
    # An action without a label could not be shown: refuse it where it is written, not later.
    actions.get(action)
    actor = user if user is not None and user.is_authenticated else None
    return Entry.objects.create(
        content_type=ContentType.objects.get_for_model(obj),
        object_id=obj.pk,
        action=action,
        actor=actor,
        actor_name=str(actor) if actor else "",
        at=timezone.now(),
        changes=changes or {},
        reason=reason,
    )


def tracked(obj, fields):
    """The values of ``fields`` on ``obj`` as the history shows them: text, a choice by its label
    in the portal's language."""
    with translation.override(settings.LANGUAGE_CODE):
        return {name: _as_text(obj, name) for name in fields}


def changed(before, obj):
    """Field → [old, new] for each field of ``before`` (from :func:`tracked`) that ``obj`` now
    holds differently."""
    after = tracked(obj, before)
    return {name: [before[name], after[name]] for name in before if before[name] != after[name]}


def _as_text(obj, name):
    field = obj._meta.get_field(name)
    if field.choices:
        return str(getattr(obj, f"get_{name}_display")())
    value = getattr(obj, field.attname)
    if value is None:
        return ""
    if isinstance(value, bool):
        return gettext("yes") if value else gettext("no")
    if isinstance(value, datetime):
        return f"{timezone.localtime(value):%d.%m.%Y %H:%M}"
    if isinstance(value, date):
        return f"{value:%d.%m.%Y}"
    return str(value)


def created(obj, fields):
    """Field → ["", value] for each of ``fields`` that a new ``obj`` holds."""
    return changed(dict.fromkeys(fields, ""), obj)
