"""Paper fieldwork sheets typed in by a coordinator: every criterion filled in on a sheet becomes
the monitor's submitted observation, in one transaction, checked as the monitor's own would be."""

from dataclasses import dataclass
from datetime import date

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ivanovo_portal.audit.services import log_action
from ivanovo_portal.refusals import Refused

from ..access import is_coordinator
from ..models import Channel, Criterion, Membership, Observation, Sheet
from .observations import (
    FIELDS,
    check_cell,
    check_complete,
    check_fieldwork,
    check_may_record,
    check_values,
    fill,
    locked_cell,
    locked_round,
    mark_submitted,
)

Status = Observation.Status


@dataclass(frozen=True)
class SheetEntry:
    """What a paper sheet says for one criterion, as the coordinator typed it."""

    criterion: Criterion
    observed_on: date | None = None
    finding: str = ""
    score: int | None = None
    not_applicable: bool = False

    @property
    def is_blank(self):
        return (
            self.observed_on is None
            and not self.finding.strip()
            and self.score is None
            and not self.not_applicable
        )


def _typed_in_editable(observation, monitor):
    """A paper sheet typed in again corrects its own observations until the second score."""
    if observation.monitor_id != monitor.pk:
        return False
    if observation.status == Status.DRAFT:
        return True
    return (
        observation.status == Status.SUBMITTED
        and observation.channel == Channel.PAPER
        and not hasattr(observation, "second_score")
    )


@transaction.atomic
def type_in_sheet(round_, *, settlement, monitor, entries, user):
    """Type in a paper sheet: every criterion filled in on it becomes ``monitor``'s submitted
    observation, all of them or none. A refusal names the field ``<field>_<criterion pk>``."""
    round_ = locked_round(round_)
    if not is_coordinator(user, round_):
        raise Refused(_("Only the round's coordinator types in paper sheets."))
    check_fieldwork(round_)
    if not round_.memberships.filter(user=monitor, role=Membership.Role.MONITOR).exists():
        raise Refused(_("Choose one of the round's monitors."), field="monitor")
    check_may_record(round_, monitor, settlement)
    filled = [entry for entry in entries if not entry.is_blank]
    if not filled:
        raise Refused(_("Nothing is filled in: type in at least one criterion of the sheet."))
    for entry in filled:
        suffix = f"_{entry.criterion.pk}"
        criterion = entry.criterion
        check_cell(round_, criterion, settlement, suffix=suffix)
        values = {name: getattr(entry, name) for name in FIELDS}
        checked = {name: value for name, value in values.items() if name != "finding"}
        check_values(round_, criterion, **checked, suffix=suffix)
        observation = locked_cell(round_, criterion, settlement)
        if observation is None:
            observation = Observation(
                round=round_, criterion=criterion, settlement=settlement, monitor=monitor
            )
        elif not _typed_in_editable(observation, monitor):
            raise Refused(
                _("%(code)s has already been recorded and cannot be typed in again.")
                % {"code": criterion.code},
                field=f"score{suffix}",
            )
        fill(observation, **values)
        observation.channel = Channel.PAPER
        observation.entered_by = user
        check_complete(observation, suffix=suffix)
        mark_submitted(observation, user=user)
    sheet, _created = Sheet.objects.select_for_update().get_or_create(
        round=round_, settlement=settlement
    )
    sheet.typed_in_by = user
    sheet.typed_in_at = timezone.now()
    sheet.save()
    log_action(
        sheet,
        "monitoring.sheet_typed_in",
        user=user,
        changes={"monitor": ["", str(monitor)], "criteria": ["", str(len(filled))]},
    )
    return sheet
