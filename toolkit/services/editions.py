"""Editions of the toolkit: a new one only when a method has changed since the last, printing
every method's latest version, so that each earlier edition keeps the versions it printed; and
the conference where an edition was presented."""

from django.db import transaction
from django.db.models import OuterRef, Subquery
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ivanovo_portal.audit.services import log_action
from ivanovo_portal.documents.services import request_document
from ivanovo_portal.meetings.models import Meeting
from ivanovo_portal.refusals import Refused

from ..book import BOOK_KIND, CARDS_KIND
from ..models import Edition, MethodVersion


def latest_versions():
    """Each method's latest version: what a new edition would print."""
    newest = (
        MethodVersion.objects.filter(method=OuterRef("method"))
        .order_by("-number")
        .values("number")[:1]
    )
    return MethodVersion.objects.filter(number=Subquery(newest))


def changed_since(edition):
    """The pks of the methods whose latest version ``edition`` (None: no edition yet) does not
    print: methods changed or added since."""
    latest = dict(latest_versions().values_list("method_id", "pk"))
    printed = set(edition.versions.values_list("pk", flat=True)) if edition else set()
    return {method for method, version in latest.items() if version not in printed}


def presentable_meetings():
    """The meetings an edition can be presented at: the public conferences, not cancelled."""
    return (
        Meeting.objects.public()
        .filter(kind=Meeting.Kind.CONFERENCE)
        .exclude(status=Meeting.Status.CANCELLED)
    )


def held_conferences():
    """The conferences held: closed by staff after they took place, attendance final."""
    return presentable_meetings().filter(closed_at__isnull=False)


@transaction.atomic
def publish_edition(*, user, note=""):
    """Publish the next edition with every method's latest version and queue its book and cards;
    refused when no method has changed since the last edition, which it would only repeat."""
    # One publisher at a time: two at once would otherwise both take the next number.
    last = Edition.objects.select_for_update().order_by("-number").first()
    if not changed_since(last):
        raise Refused(
            _("No method has changed since the last edition: there is nothing new to publish."),
            field="note",
        )
    edition = Edition.objects.create(
        number=(last.number if last else 0) + 1,
        note=note,
        published_at=timezone.now(),
        published_by=user,
    )
    edition.versions.set(latest_versions())
    log_action(edition, "edition.published", user=user, reason=note)
    # Queued when the transaction commits: the worker then reads the edition as saved.
    for kind in (BOOK_KIND, CARDS_KIND):
        request_document(edition, kind, user=user)
    return edition


@transaction.atomic
def record_presentation(edition, meeting, *, user):
    """Record the conference where ``edition`` was presented; only a public conference that was
    not cancelled counts (the indicator counts it once held)."""
    if meeting is not None and not presentable_meetings().filter(pk=meeting.pk).exists():
        raise Refused(_("Choose a public conference that has not been cancelled."), field="meeting")
    edition = Edition.objects.select_for_update().get(pk=edition.pk)
    change = [str(edition.presented_at or ""), str(meeting or "")]
    edition.presented_at = meeting
    edition.save(update_fields=["presented_at"])
    log_action(edition, "edition.presented", user=user, changes={"presented_at": change})
    return edition
