"""Demo content for civic monitoring: the framework of 35 criteria and the draft of its next
version, the published round of January–March 2023 by three monitors in the 13 settlements with
its double scores, disputes, evidence, ЗДОИ requests and the municipality's replies, the
monitoring report with its recommendations in the register, and a follow-up round in fieldwork.

The 2023 round is written with the models, in the states the services leave behind
(``services.verification``, ``services.replies``…): the services stamp the present moment, and this
round is dated in 2023. The report and its recommendations go through the services, as the
surveys' demo does, so that the report's PDF is queued and the register's timeline is complete.
"""

import hashlib
from datetime import datetime, time, timedelta

from django.utils import timezone
from django.utils.html import escape

from ivanovo_portal.accounts.demo import demo_account
from ivanovo_portal.accounts.roles import Role
from ivanovo_portal.places.models import Settlement
from ivanovo_portal.recommendations import letters
from ivanovo_portal.recommendations import services as register_services
from ivanovo_portal.recommendations.models import Recommendation, TimelineEntry

from ..models import (
    Area,
    Channel,
    Criterion,
    Evidence,
    Framework,
    FrameworkVersion,
    InformationRequest,
    Membership,
    MonitoringReport,
    Observation,
    Reply,
    Round,
    ScalePoint,
    SecondScore,
    Sheet,
)
from ..services import frameworks, reports
from ..services.observations import store
from . import data, framework

Status = Observation.Status
# Villages whose monitor filled in the paper sheet, typed in by the coordinator.
ON_PAPER = {"tabachka", "tserovets"}


def seed(accounts):
    """Create the framework, both rounds and the report; does nothing when the framework exists
    already."""
    if Framework.objects.filter(slug=framework.SLUG).exists():
        return
    people = {"monitor": accounts.monitor, "staff": accounts.staff, **_monitors()}
    version = _create_framework(accounts.staff)
    criteria = {
        criterion.code: criterion
        for criterion in Criterion.objects.filter(area__version=version).prefetch_related("scale")
    }
    settlements = {settlement.slug: settlement for settlement in Settlement.objects.all()}
    round_ = _create_round(version, people, settlements)
    observations = _observe(round_, criteria, settlements, people)
    _capture_pages(observations, people)
    _make_requests(round_, criteria, settlements, people)
    _reply(observations, accounts.official)
    _report(round_, settlements, accounts)
    _follow_up(version, criteria, settlements, people)
    _draft_next_version(version, accounts.staff)


def _aware(day, hour=10, minute=0):
    return timezone.make_aware(datetime.combine(day, time(hour, minute)))


def _monitors():
    """The round's two other monitors, demo accounts like the others."""
    return {
        username: demo_account(username, Role.NGO_MONITOR, **fields)
        for username, fields in data.MONITORS.items()
    }


def _create_framework(staff):
    """The framework's first version, frozen when the 2023 round was set up."""
    created = _aware(data.ROUND["created"], 9)
    spec = Framework.objects.create(
        name=framework.NAME,
        slug=framework.SLUG,
        description=framework.DESCRIPTION,
        created_by=staff,
    )
    version = FrameworkVersion.objects.create(
        framework=spec, number=1, changes=framework.CHANGES, frozen_at=created, created_by=staff
    )
    Framework.objects.filter(pk=spec.pk).update(created_at=created)
    FrameworkVersion.objects.filter(pk=version.pk).update(created_at=created)
    for position, (code, name, description, specs) in enumerate(framework.AREAS):
        area = Area.objects.create(
            version=version, code=code, name=name, description=description, position=position
        )
        for number, criterion_spec in enumerate(specs):
            fields = dict(criterion_spec)
            scale = fields.pop("scale")
            criterion = Criterion.objects.create(area=area, position=number, **fields)
            ScalePoint.objects.bulk_create(
                ScalePoint(criterion=criterion, value=value, label=label, descriptor=descriptor)
                for value, label, descriptor in scale
            )
    return version


def _draft_next_version(version, staff):
    """The next version in draft, through the frameworks' services, with one criterion
    revised."""
    draft = frameworks.new_version(version.framework, user=staff, changes=framework.NEXT_CHANGES)
    criterion = Criterion.objects.get(area__version=draft, code=framework.REVISED["code"])
    frameworks.update_criterion(criterion, area=criterion.area, **framework.REVISED)


def _create_round(version, people, settlements, *, spec=None, status=Round.Status.PUBLISHED):
    spec = spec or data.ROUND
    published = status == Round.Status.PUBLISHED
    round_ = Round.objects.create(
        title=spec["title"],
        slug=spec["slug"],
        version=version,
        period_start=spec["period_start"],
        period_end=spec["period_end"],
        description=spec["description"],
        status=status,
        reply_deadline=spec["reply_deadline"] if published else None,
        published_at=_aware(spec["published"], 12) if published else None,
        created_by=people["staff"],
    )
    if published:
        Round.objects.filter(pk=round_.pk).update(created_at=_aware(spec["created"], 9))
    for username, (role, slugs, name_public) in data.MEMBERS.items():
        membership = Membership.objects.create(
            round=round_, user=people[username], role=role, name_public=name_public
        )
        membership.settlements.set([settlements[slug] for slug in slugs])
    return round_


def _monitor_of(slug):
    return next(
        username for username, (_role, slugs, _public) in data.MEMBERS.items() if slug in slugs
    )


def _cells(criteria, settlements):
    """Every cell of the round: (criterion, settlement, observed on, score or None, finding)."""
    for code, criterion in criteria.items():
        for slug, settlement in settlements.items():
            if not criterion.applies_to(settlement):
                continue
            if settlement.is_admin_centre:
                observed_on, score, finding = data.MUNICIPALITY[code]
                yield criterion, settlement, observed_on, score, finding
                continue
            village = data.VILLAGES[slug]
            point = data.VILLAGE_SCORES[slug].split()[data.VILLAGE_CRITERIA.index(code)]
            score = None if point == "-" else int(point)
            facts = {
                **village,
                "place": settlement.name,
                "Official": village["official"].capitalize(),
                "official_of": data.OFFICIAL_OF[village["official"]],
                "day1": f"{village['days'][0]:%d.%m.%Y} г.",
                "day2": f"{village['days'][1]:%d.%m.%Y} г.",
            }
            template = data.VILLAGE_FINDINGS[code]["-" if score is None else score]
            finding = data.FINDINGS.get((code, slug)) or template.format(**facts)
            # Visits and the answers to test signals are checked on the second visit.
            observed_on = village["days"][1 if code in ("E1", "C6", "B7") else 0]
            yield criterion, settlement, observed_on, score, finding


def _observe(round_, criteria, settlements, people):
    """The round's observations, each submitted, scored twice and verified; the disputed ones
    reconciled by the coordinator. Returns them by (criterion code, settlement slug)."""
    staff = people["staff"]
    verified_by = _aware(data.ROUND["verified_by"], 11)
    observations, seconds = {}, []
    for criterion, settlement, observed_on, score, finding in _cells(criteria, settlements):
        author = _monitor_of(settlement.slug)
        paper = settlement.slug in ON_PAPER
        submitted_at = _aware(observed_on + timedelta(days=1), 18)
        scored_at = min(submitted_at + timedelta(days=4), verified_by - timedelta(days=1))
        dispute = data.DISPUTES.get((criterion.code, settlement.slug))
        final = dispute[2] if dispute else score
        observation = Observation(
            round=round_,
            criterion=criterion,
            settlement=settlement,
            monitor=people[author],
            channel=Channel.PAPER if paper else Channel.ONLINE,
            entered_by=staff if paper else None,
            observed_on=observed_on,
            finding=finding,
            score=score,
            not_applicable=score is None,
            status=Status.VERIFIED,
            submitted_at=submitted_at,
            final_score=final,
            final_not_applicable=final is None,
            reconciled_by=staff if dispute else None,
            reconciliation=dispute[3] if dispute else "",
            verified_at=verified_by if dispute else scored_at,
        )
        second = dispute[0] if dispute else score
        scorer = (
            "staff" if criterion.code in data.SCORED_BY_COORDINATOR else data.SECOND_SCORERS[author]
        )
        seconds.append(
            (
                observation,
                SecondScore(
                    scorer=people[scorer],
                    score=second,
                    not_applicable=second is None,
                    note=dispute[1] if dispute else "",
                ),
                scored_at,
            )
        )
        observations[criterion.code, settlement.slug] = observation
    Observation.objects.bulk_create(observations.values())
    for observation, second, _scored_at in seconds:
        second.observation = observation
    SecondScore.objects.bulk_create(second for _observation, second, _scored_at in seconds)
    # The moments the rows were written are those of the fieldwork, not of the seeding.
    for observation, second, scored_at in seconds:
        Observation.objects.filter(pk=observation.pk).update(
            created_at=_aware(observation.observed_on, 17), updated_at=observation.verified_at
        )
        SecondScore.objects.filter(pk=second.pk).update(scored_at=scored_at)
    for slug in sorted(ON_PAPER):
        typed_in = max(o.submitted_at for (_code, s), o in observations.items() if s == slug)
        Sheet.objects.create(
            round=round_, settlement=settlements[slug], typed_in_by=staff, typed_in_at=typed_in
        )
    return observations


def _snapshot(url, title, text):
    """The page as the capture stored it: a small HTML document."""
    return (
        '<!DOCTYPE html>\n<html lang="bg">\n<head><meta charset="utf-8">'
        f"<title>{escape(title)}</title></head>\n"
        f"<body>\n<h1>{escape(title)}</h1>\n<p>{escape(text)}</p>\n"
        f"<p><small>{escape(url)}</small></p>\n</body>\n</html>\n"
    ).encode()


def _capture_pages(observations, people):
    """The links the monitors added as evidence: captured pages, and one that could not be."""
    for code, slug, url, description, title, text, public in data.CAPTURES:
        observation = observations[code, slug]
        content = _snapshot(url, title, text)
        captured_at = _aware(observation.observed_on, 11, 20)
        evidence = Evidence.objects.create(
            observation=observation,
            kind=Evidence.Kind.LINK,
            description=description,
            url=url,
            file=store(content, ".html"),
            name=url.split("://", 1)[1].replace("/", "_") + ".html",
            content_type="text/html",
            size=len(content),
            sha256=hashlib.sha256(content).hexdigest(),
            capture=Evidence.Capture.CAPTURED,
            captured_at=captured_at,
            is_public=public,
            added_by=observation.monitor,
        )
        Evidence.objects.filter(pk=evidence.pk).update(added_at=captured_at)
    code, slug, url, description, error = data.FAILED_CAPTURE
    observation = observations[code, slug]
    evidence = Evidence.objects.create(
        observation=observation,
        kind=Evidence.Kind.LINK,
        description=description,
        url=url,
        capture=Evidence.Capture.FAILED,
        capture_error=error,
        added_by=observation.monitor,
    )
    Evidence.objects.filter(pk=evidence.pk).update(added_at=_aware(observation.observed_on, 11))


def _make_requests(round_, criteria, settlements, people, specs=None):
    for spec in specs or data.REQUESTS:
        spec = dict(spec)
        codes = spec.pop("criteria")
        request = InformationRequest.objects.create(
            round=round_,
            settlement=settlements[spec.pop("settlement")],
            made_by=people[spec.pop("made_by")],
            **spec,
        )
        request.criteria.set([criteria[code] for code in codes])
        InformationRequest.objects.filter(pk=request.pk).update(
            created_at=_aware(request.submitted_on, 16)
        )


def _reply(observations, official):
    """The municipality's replies to part of the findings, some after the deadline."""
    for key, (text, day) in data.REPLIES.items():
        reply = Reply.objects.create(observation=observations[key], text=text, official=official)
        answered_at = _aware(day, 14, 30)
        Reply.objects.filter(pk=reply.pk).update(answered_at=answered_at, updated_at=answered_at)


def _report(round_, settlements, accounts):
    """The report through its services, with its recommendations approved before it is
    published, presented at the round table, and three of them filed at the registry."""
    staff, spec = accounts.staff, data.REPORT
    report = reports.create_report(
        round_,
        user=staff,
        **{name: spec[name] for name in reports.REPORT_FIELDS},
    )
    made = []
    for title, text, rationale, slugs in data.RECOMMENDATIONS:
        recommendation = register_services.create_recommendation(
            source=report,
            user=staff,
            title=title,
            text=text,
            rationale=rationale,
            settlements=[settlements[slug] for slug in slugs],
            date=data.APPROVED_ON,
        )
        made.append(register_services.approve(recommendation, user=staff, date=data.APPROVED_ON))
    reports.publish(report, user=staff)
    # Published on the day it was, not the day of the seeding.
    MonitoringReport.objects.filter(pk=report.pk).update(published_at=_aware(spec["published"], 10))
    presented_on, presented = data.PRESENTED
    for recommendation in made:
        register_services.record_event(
            recommendation,
            kind=TimelineEntry.Kind.MEETING,
            date=presented_on,
            text=presented,
            user=staff,
        )
    letter = data.LETTER
    submission = letters.prepare_letter(
        made[: data.FILED],
        outgoing_number=letter["outgoing_number"],
        outgoing_date=letter["outgoing_date"],
        user=staff,
    )
    letters.file_letter(
        submission,
        filed_on=letter["filed_on"],
        registry_number=letter["registry_number"],
        user=staff,
    )
    register_services.record_response(
        made[data.FILED - 1],
        decision=Recommendation.Decision.ACCEPTED,
        user=accounts.official,
        **data.RESPONSE,
    )
    return report


def _follow_up(version, criteria, settlements, people):
    """The follow-up round in fieldwork: drafts of the demo monitor, observations of the other
    two awaiting their second score, and a request awaiting its answer."""
    spec, today = data.FOLLOW_UP, timezone.localdate()
    round_ = _create_round(
        version,
        people,
        settlements,
        spec={
            **spec,
            "period_start": today - timedelta(days=spec["started_days_ago"]),
            "period_end": today + timedelta(days=spec["ends_in_days"]),
        },
        status=Round.Status.FIELDWORK,
    )
    now = timezone.now()
    for username, code, slug, days_ago, score, finding, submitted in data.FOLLOW_UP_OBSERVATIONS:
        Observation.objects.create(
            round=round_,
            criterion=criteria[code],
            settlement=settlements[slug],
            monitor=people[username],
            observed_on=today - timedelta(days=days_ago),
            finding=finding,
            score=score,
            status=Status.SUBMITTED if submitted else Status.DRAFT,
            submitted_at=now - timedelta(days=days_ago - 1) if submitted else None,
        )
    request = dict(data.FOLLOW_UP_REQUEST)
    request["submitted_on"] = today - timedelta(days=request.pop("days_ago"))
    _make_requests(round_, criteria, settlements, people, specs=[request])
