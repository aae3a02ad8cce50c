"""Saving a method: every save, by the staff's screens or the first load, writes the method and
a new version holding it as it now is, in one transaction with its audit entry."""

from django.conf import settings
from django.db import transaction
from django.db.models import Max
from django.utils import translation
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from ivanovo_portal.audit.services import log_action
from ivanovo_portal.refusals import Refused

from ..models import Method, MethodVersion
from ..versions import apply, history_changes, snapshot


def _check(fields, placements, steps):
    if not placements:
        raise Refused(_("Place the method in at least one cell of the matrix."), field="placements")
    if not steps:
        raise Refused(_("Describe at least one step of running the method."), field="steps")
    group_max = fields.get("group_max")
    if group_max is not None and group_max < fields["group_min"]:
        raise Refused(
            _("The most participants cannot be fewer than the fewest."), field="group_max"
        )


def _new_version(method, content, *, user, note):
    last = method.versions.aggregate(last=Max("number"))["last"] or 0
    return MethodVersion.objects.create(
        method=method, number=last + 1, content=content, note=note, saved_by=user
    )


@transaction.atomic
def save_method(method, *, fields, placements, steps, templates, user, note="", position=None):
    """Write a method (None: a new one, last in the lists unless ``position`` says) with its
    cells, steps and templates, as its next version; refuse one placed nowhere or without
    steps, which no plan or book could show."""
    _check(fields, placements, steps)
    if method is None:
        method, before, action = Method(), None, "method.created"
        if position is None:
            position = (Method.objects.aggregate(last=Max("position"))["last"] or 0) + 1
    else:
        method = Method.objects.select_for_update().get(pk=method.pk)
        before, action = snapshot(method), "method.changed"
    # A new method is given every field; a change may leave some as they are.
    content = {**(before or {}), **fields}
    content.update(placements=placements, steps=steps, templates=templates)
    method.updated_by = user
    # Where it stands in the lists is not part of what a version holds.
    if position is not None:
        method.position = position
    apply(method, content)
    after = snapshot(method)
    _new_version(method, after, user=user, note=note)
    log_action(method, action, user=user, changes=history_changes(before, after), reason=note)
    return method


@transaction.atomic
def restore_version(version, *, user):
    """Make an earlier version the current one again, as a new version: the versions between
    stay, and an edition that printed them still does."""
    method = Method.objects.select_for_update().get(pk=version.method_id)
    before = snapshot(method)
    if before == version.content:
        raise Refused(_("This version is the method as it is now: there is nothing to restore."))
    method.updated_by = user
    apply(method, version.content)
    after = snapshot(method)
    # The note is data, kept in the portal's language whatever the screen's.
    with translation.override(settings.LANGUAGE_CODE):
        note = gettext("Version %(number)s restored") % {"number": version.number}
    _new_version(method, after, user=user, note=note)
    log_action(
        method, "method.restored", user=user, changes=history_changes(before, after), reason=note
    )
    return method
