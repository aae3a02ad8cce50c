"""What monitors record: observations saved as drafts and submitted, and their evidence (files
and captured links). Each function is one transaction and refuses, naming the field at fault,
whatever would save a wrong score or date; the checks serve the paper sheets too (``sheets.py``)."""

from functools import partial
from urllib.parse import urlsplit

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from ivanovo_portal import uploads
from ivanovo_portal.audit.services import changed, created, log_action, tracked
from ivanovo_portal.refusals import Refused

from ..access import is_coordinator
from ..models import Evidence, Membership, Observation, Round

Status = Observation.Status
# The fields a monitor fills in; the names are the form's and the services' arguments.
FIELDS = ("observed_on", "finding", "score", "not_applicable")


def locked_round(round_):
    """The round, locked until the transaction ends: its status cannot change meanwhile."""
    return Round.objects.select_for_update().get(pk=round_.pk)


def check_fieldwork(round_):
    if round_.status != Round.Status.FIELDWORK:
        raise Refused(_("Observations are recorded only while the round is in fieldwork."))


def check_may_record(round_, user, settlement):
    """Refuse anyone but the round's members, and a monitor outside the settlements they cover."""
    membership = round_.memberships.filter(user=user).first()
    if membership is None:
        if is_coordinator(user, round_):
            return
        raise Refused(_("Only the round's monitors record observations for it."))
    if membership.role == Membership.Role.MONITOR:
        covered = set(membership.settlements.values_list("pk", flat=True))
        if covered and settlement.pk not in covered:
            raise Refused(
                _("You do not monitor %(settlement)s in this round.") % {"settlement": settlement},
                field="settlement",
            )


def check_cell(round_, criterion, settlement, suffix=""):
    if criterion.area.version_id != round_.version_id:
        raise Refused(
            _("This criterion is not in the framework version the round uses."),
            field=f"criterion{suffix}",
        )
    if not criterion.applies_to(settlement):
        raise Refused(
            _("Criterion %(code)s is not scored for %(settlement)s.")
            % {"code": criterion.code, "settlement": settlement},
            field=f"settlement{suffix}",
        )


def check_values(round_, criterion, *, observed_on, score, not_applicable, suffix=""):
    """Refuse a score off the criterion's scale, a not-applicable it does not allow, and a date
    outside the round's period or in the future."""
    if not_applicable:
        if not criterion.allows_not_applicable:
            raise Refused(
                _("Criterion %(code)s applies everywhere it is scored: choose a score.")
                % {"code": criterion.code},
                field=f"not_applicable{suffix}",
            )
        if score is not None:
            raise Refused(
                _("Choose a score or “not applicable”, not both."), field=f"score{suffix}"
            )
    elif score is not None:
        values = sorted(point.value for point in criterion.scale.all())
        if score not in values:
            raise Refused(
                _("The score must be one of %(values)s.") % {"values": ", ".join(map(str, values))},
                field=f"score{suffix}",
            )
    if observed_on is not None:
        if not round_.period_start <= observed_on <= round_.period_end:
            raise Refused(
                _("The date must be within the round's period, %(start)s – %(end)s.")
                % {
                    "start": date_format(round_.period_start, "SHORT_DATE_FORMAT"),
                    "end": date_format(round_.period_end, "SHORT_DATE_FORMAT"),
                },
                field=f"observed_on{suffix}",
            )
        if observed_on > timezone.localdate():
            raise Refused(_("The date cannot be in the future."), field=f"observed_on{suffix}")


def check_complete(observation, suffix=""):
    if observation.observed_on is None:
        raise Refused(
            _("Give the date of the observation before submitting it."),
            field=f"observed_on{suffix}",
        )
    if not observation.finding.strip():
        raise Refused(
            _("Write down what you found before submitting it."), field=f"finding{suffix}"
        )
    if observation.score is None and not observation.not_applicable:
        raise Refused(
            _("Choose a score, or “not applicable”, before submitting it."),
            field=f"score{suffix}",
        )


def locked_cell(round_, criterion, settlement):
    return (
        Observation.objects.select_for_update()
        .filter(round=round_, criterion=criterion, settlement=settlement)
        .first()
    )


def fill(observation, *, observed_on, finding, score, not_applicable):
    observation.observed_on = observed_on
    observation.finding = finding
    observation.score = None if not_applicable else score
    observation.not_applicable = not_applicable


@transaction.atomic
def save_draft(
    round_,
    *,
    criterion,
    settlement,
    user,
    observed_on=None,
    finding="",
    score=None,
    not_applicable=False,
):
    """Create or update ``user``'s draft observation of ``criterion`` in ``settlement``."""
    round_ = locked_round(round_)
    check_fieldwork(round_)
    check_may_record(round_, user, settlement)
    check_cell(round_, criterion, settlement)
    values = {
        "observed_on": observed_on,
        "finding": finding,
        "score": score,
        "not_applicable": not_applicable,
    }
    check_values(round_, criterion, **{k: v for k, v in values.items() if k != "finding"})
    observation = locked_cell(round_, criterion, settlement)
    if observation is None:
        observation = Observation(
            round=round_, criterion=criterion, settlement=settlement, monitor=user
        )
    elif observation.monitor_id != user.pk:
        raise Refused(_("Another monitor has recorded this criterion for this settlement."))
    elif observation.status != Status.DRAFT:
        raise Refused(_("A submitted observation can no longer be changed."))
    fill(observation, **values)
    observation.save()
    return observation


def mark_submitted(observation, *, user):
    observation.status = Status.SUBMITTED
    observation.submitted_at = timezone.now()
    observation.save()
    # The proposed score is on record from the moment it counts.
    log_action(
        observation,
        "monitoring.observation_submitted",
        user=user,
        changes=created(observation, ("channel", "score", "not_applicable")),
    )


@transaction.atomic
def submit(round_, *, criterion, settlement, user, **fields):
    """Save what the monitor typed and submit the observation for the second score: it needs a
    date, a finding and a score or "not applicable"."""
    observation = save_draft(
        round_, criterion=criterion, settlement=settlement, user=user, **fields
    )
    check_complete(observation)
    mark_submitted(observation, user=user)
    return observation


# Evidence

EVIDENCE_TYPES = (*uploads.IMAGE_TYPES, uploads.PDF)


def _observation_for_evidence(round_, criterion, settlement, user):
    """The user's draft of the cell to add evidence to, saved empty if there is none yet."""
    round_ = locked_round(round_)
    check_fieldwork(round_)
    observation = locked_cell(round_, criterion, settlement)
    if observation is None:
        return save_draft(round_, criterion=criterion, settlement=settlement, user=user)
    if observation.monitor_id != user.pk:
        raise Refused(_("Only the monitor who recorded the observation adds its evidence."))
    if observation.status != Status.DRAFT:
        raise Refused(_("Evidence is added while the observation is a draft."))
    return observation


def _log_added(evidence, user):
    log_action(
        evidence,
        "monitoring.evidence_added",
        user=user,
        changes=created(evidence, ("kind", "name", "url", "sha256")),
    )


@transaction.atomic
def add_file_evidence(round_, *, criterion, settlement, user, file, description=""):
    """Keep a photo or document with the user's draft observation of ``criterion`` in
    ``settlement``; ``file`` is an ``ivanovo_portal.uploads.CheckedFile``. It never changes."""
    observation = _observation_for_evidence(round_, criterion, settlement, user)
    evidence = Evidence(
        observation=observation,
        kind=Evidence.Kind.FILE,
        description=description,
        name=file.name[:200],
        content_type=file.content_type,
        size=file.size,
        sha256=file.sha256,
        added_by=user,
    )
    evidence.file.name = store(file.data, file.extension)
    evidence.save()
    _log_added(evidence, user)
    return evidence


def store(data, extension):
    """Write ``data`` to private storage under a random name; the name stored."""
    storage = Evidence._meta.get_field("file").storage
    return storage.save(
        uploads.private_name("monitoring", f"evidence{extension}"), ContentFile(data)
    )


def check_capture_url(url, field="url"):
    """Refuse an address that is not http(s) on a host of ``MONITORING_CAPTURE_HOSTS``."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https"):
        raise Refused(_("Give an address that starts with http:// or https://."), field=field)
    hosts = [host.lower() for host in settings.MONITORING_CAPTURE_HOSTS]
    if (parts.hostname or "").lower() not in hosts:
        raise Refused(
            _("Only pages on %(hosts)s can be captured as evidence.") % {"hosts": ", ".join(hosts)},
            field=field,
        )


@transaction.atomic
def add_link_evidence(round_, *, criterion, settlement, user, url, description=""):
    """Keep a link with the user's draft observation of ``criterion`` in ``settlement``; a
    worker captures the page after the commit."""
    check_capture_url(url)
    observation = _observation_for_evidence(round_, criterion, settlement, user)
    evidence = Evidence.objects.create(
        observation=observation,
        kind=Evidence.Kind.LINK,
        description=description,
        url=url,
        capture=Evidence.Capture.PENDING,
        added_by=user,
    )
    _log_added(evidence, user)
    transaction.on_commit(partial(_enqueue_capture, evidence.pk))
    return evidence


def _enqueue_capture(evidence_id):
    from ..tasks import capture_link

    capture_link.delay(evidence_id)


@transaction.atomic
def remove_evidence(evidence, *, user):
    """Take evidence off a draft observation, by the person who added it."""
    evidence = (
        Evidence.objects.select_for_update().select_related("observation").get(pk=evidence.pk)
    )
    if evidence.added_by_id != user.pk:
        raise Refused(_("Only the person who added evidence may remove it."))
    if evidence.observation.status != Status.DRAFT:
        raise Refused(_("The evidence of a submitted observation stays as it is."))
    log_action(
        evidence.observation,
        "monitoring.evidence_removed",
        user=user,
        changes={"evidence": [str(evidence), ""]},
    )
    if evidence.file:
        transaction.on_commit(partial(evidence.file.storage.delete, evidence.file.name))
    evidence.delete()


@transaction.atomic
def set_evidence_public(evidence, *, is_public, user):
    """Mark evidence to be shown on the published scorecard, or not: the coordinator's call."""
    evidence = Evidence.objects.select_for_update().get(pk=evidence.pk)
    if not is_coordinator(user, evidence.observation.round):
        raise Refused(_("Only the round's coordinator decides which evidence is public."))
    before = tracked(evidence, ["is_public"])
    evidence.is_public = is_public
    evidence.save(update_fields=["is_public"])
    log_action(
        evidence,
        "monitoring.evidence_published" if is_public else "monitoring.evidence_withdrawn",
        user=user,
        changes=changed(before, evidence),
    )
    return evidence
