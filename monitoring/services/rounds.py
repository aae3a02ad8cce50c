"""Monitoring rounds and their steps: planned → fieldwork → verification → right of reply →
published. Each step is one transaction that checks the round is ready for it; the checks are
also asked on their own (``next_step_refusal``), so the coordinator's hub says why a step would be
refused before anyone presses its button."""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from ivanovo_portal import slugs
from ivanovo_portal.accounts.roles import Role
from ivanovo_portal.audit.services import changed, created, log_action, tracked
from ivanovo_portal.refusals import Refused

from ..models import Membership, Observation, Round
from . import frameworks

Status = Round.Status
ROUND_FIELDS = ("title", "version", "period_start", "period_end", "description")
# What the history shows changing when a round takes a step.
STEP_FIELDS = ("status", "reply_deadline", "published_at")
# Words that the rounds' own addresses use after "manage/rounds/".
RESERVED_SLUGS = frozenset({"new"})
# How long the municipality has to answer unless staff set another deadline (issue 10, point 6).
REPLY_DAYS = 14
# The people of a round are settled once the municipality has seen its findings; only consent to
# publish a name may still change (it may be withdrawn at any time).
PEOPLE_FIXED = (Status.REPLY, Status.PUBLISHED)


def _locked(round_):
    return Round.objects.select_for_update().get(pk=round_.pk)


def _check_period(period_start, period_end):
    if period_end < period_start:
        raise Refused(_("The period must end on or after the day it starts."), field="period_end")


def round_slug(title):
    """An address made from ``title`` that no other round uses."""
    return slugs.unique_slug(title, Round.objects, reserved=RESERVED_SLUGS, fallback="round")


@transaction.atomic
def create_round(*, user, title, version, period_start, period_end, description=""):
    """Plan a round of ``version`` (frozen from now on if it was a draft); its address is made
    from the title and stays."""
    _check_period(period_start, period_end)
    round_ = Round.objects.create(
        title=title,
        slug=round_slug(title),
        version=version,
        period_start=period_start,
        period_end=period_end,
        description=description,
        created_by=user,
    )
    frameworks.freeze(version, user=user)
    log_action(round_, "monitoring.round_created", user=user, changes=created(round_, ROUND_FIELDS))
    return round_


@transaction.atomic
def update_round(round_, *, user, **fields):
    """Change a planned round or one in fieldwork; its framework version only while planned, and
    then only to another version of the same framework."""
    unknown = set(fields) - set(ROUND_FIELDS)
    if unknown:
        raise TypeError(f"Not a round field: {', '.join(sorted(unknown))}")
    round_ = _locked(round_)
    if round_.status not in (Status.PLANNED, Status.FIELDWORK):
        raise Refused(_("A round can be changed only while it is planned or in fieldwork."))
    version = fields.get("version", round_.version)
    if version.pk != round_.version_id:
        if round_.status != Status.PLANNED:
            raise Refused(
                _("The framework version cannot change once fieldwork has started."),
                field="version",
            )
        if version.framework_id != round_.version.framework_id:
            raise Refused(
                _("Choose a version of the round's own framework, %(framework)s.")
                % {"framework": round_.version.framework},
                field="version",
            )
    _check_period(
        fields.get("period_start", round_.period_start), fields.get("period_end", round_.period_end)
    )
    before = tracked(round_, ROUND_FIELDS)
    for name, value in fields.items():
        setattr(round_, name, value)
    round_.save()
    frameworks.freeze(round_.version, user=user)
    log_action(round_, "monitoring.round_updated", user=user, changes=changed(before, round_))
    return round_


def _people(round_):
    """The round's members as the history shows them, in the portal's language: each person with
    their role, and whether their name may be published."""

    def person(membership):
        about = [membership.get_role_display()]
        if membership.name_public:
            about.append(gettext("name may be published"))
        return f"{membership.user} ({', '.join(about)})"

    members = round_.memberships.select_related("user").order_by("role", "user__username")
    with translation.override(settings.LANGUAGE_CODE):
        return "; ".join(map(person, members))


def _check_people(round_, monitors, coordinator):
    User = get_user_model()
    if coordinator in monitors:
        raise Refused(
            _("%(person)s is the coordinator and cannot also be a monitor of the round.")
            % {"person": coordinator},
            field="monitors",
        )
    if not User.objects.filter(pk=coordinator.pk, groups__name=Role.PROJECT_STAFF).exists():
        raise Refused(_("The coordinator must be one of the project staff."), field="coordinator")
    eligible = set(
        User.objects.filter(
            pk__in=[m.pk for m in monitors],
            groups__name__in=[Role.NGO_MONITOR, Role.PROJECT_STAFF],
        ).values_list("pk", flat=True)
    )
    for monitor in monitors:
        if monitor.pk not in eligible:
            raise Refused(
                _("%(person)s is neither an NGO monitor nor one of the project staff.")
                % {"person": monitor},
                field="monitors",
            )
    authors = (
        round_.observations.exclude(monitor__in=[m.pk for m in [*monitors, coordinator]])
        .select_related("monitor")
        .order_by("monitor__username")
        .first()
    )
    if authors is not None:
        raise Refused(
            _("%(person)s has observations in this round and stays one of its monitors.")
            % {"person": authors.monitor},
            field="monitors",
        )


@transaction.atomic
def set_members(round_, *, user, monitors, coordinator, settlements=None, name_public=()):
    """Make ``monitors`` and ``coordinator`` the round's people. ``settlements`` maps a monitor to
    where they do fieldwork (none given: every settlement); ``name_public`` are those who consented
    to their name being published."""
    round_ = _locked(round_)
    monitors = list(monitors)
    settlements = settlements or {}
    public = {person.pk for person in name_public}
    current = {m.user_id: m for m in round_.memberships.all()}
    wanted = {m.pk: Membership.Role.MONITOR for m in monitors} | {
        coordinator.pk: Membership.Role.COORDINATOR
    }
    if round_.status in PEOPLE_FIXED:
        if {pk: m.role for pk, m in current.items()} != wanted:
            raise Refused(
                _(
                    "The monitors and the coordinator are fixed once the municipality has seen "
                    "the findings; only consent to publish a name may still change."
                )
            )
    else:
        _check_people(round_, monitors, coordinator)
    before = _people(round_)
    round_.memberships.exclude(user__in=list(wanted)).delete()
    # The coordinator's row may be someone else's now: free the one coordinator's place first.
    round_.memberships.filter(role=Membership.Role.COORDINATOR).exclude(user=coordinator).update(
        role=Membership.Role.MONITOR
    )
    for person in [*monitors, coordinator]:
        membership, _created = Membership.objects.update_or_create(
            round=round_,
            user=person,
            defaults={"role": wanted[person.pk], "name_public": person.pk in public},
        )
        if wanted[person.pk] == Membership.Role.MONITOR:
            membership.settlements.set(settlements.get(person, ()))
        else:
            membership.settlements.clear()
    after = _people(round_)
    log_action(
        round_,
        "monitoring.round_members_set",
        user=user,
        changes={"memberships": [before, after]} if before != after else {},
    )
    return round_


# The steps


def _check_fieldwork(round_):
    if not round_.memberships.filter(role=Membership.Role.MONITOR).exists():
        raise Refused(_("Name at least one monitor before fieldwork starts."))
    if not round_.memberships.filter(role=Membership.Role.COORDINATOR).exists():
        raise Refused(_("Name the coordinator before fieldwork starts."))


def _check_verification(round_):
    drafts = round_.observations.filter(status=Observation.Status.DRAFT).count()
    if drafts:
        raise Refused(
            ngettext(
                "%(count)d observation is still a draft: its monitor submits it or removes it "
                "first.",
                "%(count)d observations are still drafts: their monitors submit them or remove "
                "them first.",
                drafts,
            )
            % {"count": drafts}
        )
    if not round_.observations.submitted().exists():
        raise Refused(_("No observation has been submitted yet."))


def _check_reply(round_):
    waiting = round_.observations.submitted().exclude(status=Observation.Status.VERIFIED).count()
    if waiting:
        raise Refused(
            ngettext(
                "%(count)d observation is not verified yet: it awaits its second score or the "
                "coordinator's reconciliation.",
                "%(count)d observations are not verified yet: they await their second score or "
                "the coordinator's reconciliation.",
                waiting,
            )
            % {"count": waiting}
        )


def _check_publication(round_):
    if round_.reply_deadline is None or timezone.localdate() > round_.reply_deadline:
        return
    unanswered = round_.observations.verified().filter(reply__isnull=True).count()
    if unanswered:
        raise Refused(
            ngettext(
                "The municipality may still answer until %(date)s and %(count)d finding has no "
                "reply yet.",
                "The municipality may still answer until %(date)s and %(count)d findings have no "
                "reply yet.",
                unanswered,
            )
            % {"date": f"{round_.reply_deadline:%d.%m.%Y}", "count": unanswered}
        )


def _check_deadline(deadline):
    if deadline < timezone.localdate():
        raise Refused(_("The deadline cannot be in the past."), field="deadline")


@dataclass(frozen=True)
class Step:
    """A step from ``status`` to ``to``: its button, its check and what the history calls it."""

    status: str
    to: str
    label: str
    check: Callable
    action: str


STEPS = {
    step.status: step
    for step in (
        Step(
            Status.PLANNED,
            Status.FIELDWORK,
            _("Start fieldwork"),
            _check_fieldwork,
            "monitoring.fieldwork_started",
        ),
        Step(
            Status.FIELDWORK,
            Status.VERIFICATION,
            _("Start verification"),
            _check_verification,
            "monitoring.verification_started",
        ),
        Step(
            Status.VERIFICATION,
            Status.REPLY,
            _("Open the right of reply"),
            _check_reply,
            "monitoring.reply_opened",
        ),
        Step(
            Status.REPLY,
            Status.PUBLISHED,
            _("Publish"),
            _check_publication,
            "monitoring.round_published",
        ),
    )
}


def next_step(round_):
    """The step the round takes next, None once published."""
    return STEPS.get(round_.status)


def next_step_refusal(round_):
    """Why the next step would be refused now, or an empty string."""
    step = next_step(round_)
    try:
        if step is not None:
            step.check(round_)
    except Refused as refusal:
        return refusal.message
    return ""


def default_reply_deadline():
    return timezone.localdate() + timedelta(days=REPLY_DAYS)


@transaction.atomic
def _take_step(round_, status, *, user, **fields):
    round_ = _locked(round_)
    if round_.status != status:
        raise Refused(
            _("The round is at the step “%(status)s” now.")
            % {"status": round_.get_status_display()}
        )
    step = STEPS[status]
    step.check(round_)
    before = tracked(round_, STEP_FIELDS)
    round_.status = step.to
    for name, value in fields.items():
        setattr(round_, name, value)
    round_.save()
    log_action(round_, step.action, user=user, changes=changed(before, round_))
    return round_


def start_fieldwork(round_, *, user):
    """Planned → fieldwork, once the round has a monitor and its coordinator."""
    return _take_step(round_, Status.PLANNED, user=user)


def start_verification(round_, *, user):
    """Fieldwork → verification, once no draft is left and something was submitted."""
    return _take_step(round_, Status.FIELDWORK, user=user)


def open_reply(round_, *, user, deadline=None):
    """Verification → right of reply, once every submitted observation is verified; the
    municipality answers until ``deadline`` (14 days from today unless told)."""
    deadline = deadline or default_reply_deadline()
    _check_deadline(deadline)
    return _take_step(round_, Status.VERIFICATION, user=user, reply_deadline=deadline)


def publish(round_, *, user):
    """Right of reply → published: after the deadline, or before it once every verified finding
    has its reply."""
    return _take_step(round_, Status.REPLY, user=user, published_at=timezone.now())


def take_step(round_, *, user, status, deadline=None):
    """The next step of a round that stood at ``status`` when the coordinator pressed its button:
    a second press, or another coordinator's step in between, is refused instead of taking the
    round a step further."""
    if status == Status.VERIFICATION:
        return open_reply(round_, user=user, deadline=deadline)
    if status == Status.REPLY:
        return publish(round_, user=user)
    if status not in STEPS:
        raise Refused(_("The round is published: it has no further step."))
    return _take_step(round_, status, user=user)
