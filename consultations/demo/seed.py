"""Demo content for the consultations: the public consultation of the update of the development
plan (ПИРО 2021–2027) in spring 2023 — the draft, its revision and the text adopted, the 13
village meetings of the meetings demo linked with their minutes, 32 proposals received through
every channel with their decisions, a comment not published for personal data, the справка
published, a report on the whole consultation and one on a meeting with their recommendations in
the register — and the first consultation on the plan for 2028–2034, open now, with its two
meetings in March 2027 and comments awaiting confirmation and moderation.

The documents, their versions and the comments are written with the models, in the states the
services leave behind: the services stamp the present moment and refuse comments once a period has
closed, while this consultation is dated in 2023. The steps that make a PDF or a public record —
publishing minutes, the decisions and the справка, the reports and their recommendations in the
register — go through the services, as the monitoring demo's report does, and are dated back to
when they happened.
"""

from datetime import datetime, time, timedelta

from django.utils import timezone

from ivanovo_portal.meetings.models import Meeting
from ivanovo_portal.places.models import Settlement, StakeholderGroup
from ivanovo_portal.recommendations import letters
from ivanovo_portal.recommendations import services as register_services
from ivanovo_portal.recommendations.models import TimelineEntry
from ivanovo_portal.slugs import transliterate

from ..models import (
    Comment,
    Consultation,
    ConsultationMeeting,
    Section,
    Version,
)
from ..services import minutes, reports, statement
from . import data

Status = Comment.Status
Channel = Comment.Channel


def seed(accounts):
    """Create both consultations with their versions, meetings, comments and reports; does nothing
    when they exist already. The meetings demo (a kernel app, seeded first) made the meetings."""
    if Consultation.objects.filter(slug__in=[data.PLAN["slug"], data.NEXT_PLAN["slug"]]).exists():
        return
    demo = _Demo(accounts.staff)
    demo.plan()
    demo.next_plan()


def _aware(day, hour=10, minute=0):
    return timezone.make_aware(datetime.combine(day, time(hour, minute)))


def _backdate(row, **moments):
    """Date ``row``'s moments back to when they happened: Django and the services stamp them
    with the present moment."""
    type(row).objects.filter(pk=row.pk).update(**moments)


class _Demo:
    def __init__(self, staff):
        self.staff = staff
        self.settlements = {s.slug: s for s in Settlement.objects.all()}
        self.groups = {g.slug: g for g in StakeholderGroup.objects.all()}
        # The sections of the draft being commented on, by key.
        self.sections = {}

    # The documents

    def _consultation(self, spec, **fields):
        opens = spec["opens_on"]
        consultation = Consultation.objects.create(
            title=spec["title"],
            slug=spec["slug"],
            kind=Consultation.Kind.PLAN,
            summary=spec["summary"],
            motives=spec["motives"],
            impact_assessment=spec["impact_assessment"],
            opens_on=opens,
            closes_on=spec["closes_on"],
            statement_due_on=spec["statement_due_on"],
            allows_anonymous=True,
            status=Consultation.Status.PUBLISHED,
            published_at=_aware(opens, 9),
            created_by=self.staff,
            **fields,
        )
        _backdate(consultation, created_at=_aware(opens - timedelta(days=3), 11))
        return consultation

    def _version(self, consultation, number, kind, changelog, sections, day):
        """A version with its sections, numbered "Раздел N" in their order."""
        version = Version.objects.create(
            consultation=consultation,
            number=number,
            kind=kind,
            changelog=changelog,
            created_by=self.staff,
        )
        _backdate(version, created_at=_aware(day, 12))
        Section.objects.bulk_create(
            Section(
                version=version,
                key=key,
                number=f"Раздел {position + 1}",
                heading=heading,
                text=text,
                position=position,
            )
            for position, (key, heading, text) in enumerate(sections)
        )
        return version

    def _meetings(self, consultation, slugs, **fields):
        """Link the meetings of the meetings demo, by their slugs; returns them by settlement."""
        linked = {}
        for meeting in Meeting.objects.filter(slug__in=slugs).select_related("settlement"):
            linked[meeting.settlement.slug] = ConsultationMeeting.objects.create(
                consultation=consultation, meeting=meeting, **fields
            )
        return linked

    def _comment(self, consultation, key, text, name, place, group, at, **fields):
        """A comment received at ``at`` on the section ``key`` of the draft (None: the whole
        document)."""
        comment = Comment.objects.create(
            consultation=consultation,
            section=self.sections.get(key),
            text=text,
            author_name=name or "",
            anonymous=name is None,
            settlement=self.settlements[place],
            group=self.groups[group],
            **fields,
        )
        _backdate(comment, created_at=at)
        return comment

    def _online(self, consultation, *spec, sent, status=Status.PUBLISHED, **fields):
        """A comment sent on the portal, as ``services.comments`` leaves it: confirmed by its
        author within minutes unless still unconfirmed, moderated the next morning with the
        author told; its e-mail address kept only until then."""
        confirmed = status != Status.UNCONFIRMED
        moderated = status in (Status.PUBLISHED, Status.REJECTED)
        told = _aware(sent.date() + timedelta(days=1), 9, 30) if moderated else None
        return self._comment(
            consultation,
            *spec,
            sent,
            channel=Channel.ONLINE,
            email="" if moderated else _email(spec[2], spec[3]),
            consented_at=sent,
            confirmed_at=sent + timedelta(minutes=12) if confirmed else None,
            status=status,
            moderated_by=self.staff if moderated else None,
            moderated_at=told,
            author_told_at=told,
            **fields,
        )

    def _entered(self, consultation, *spec, channel, at, meeting=None):
        """A proposal made at a meeting, on paper, by phone or by letter, typed in by staff at
        ``at`` and published at once, as ``services.comments.add_proposal`` does."""
        return self._comment(
            consultation,
            *spec,
            at,
            channel=channel,
            meeting=meeting,
            entered_by=self.staff,
            moderated_by=self.staff,
            moderated_at=at,
            status=Status.PUBLISHED,
        )

    # The 2023 consultation

    def plan(self):
        spec = data.PLAN
        consultation = self._consultation(spec, adopted_on=spec["adopted_on"])
        draft = self._version(
            consultation,
            1,
            Version.Kind.DRAFT,
            data.DRAFT_CHANGELOG,
            data.DRAFT_SECTIONS,
            spec["opens_on"] - timedelta(days=3),
        )
        revised = _revised(data.DRAFT_SECTIONS)
        self._version(
            consultation,
            2,
            Version.Kind.REVISION,
            data.REVISION_CHANGELOG,
            revised,
            data.REVISED_ON,
        )
        adopted = [
            (key, heading, data.ADOPTED_TEXTS.get(key, text)) for key, heading, text in revised
        ]
        self._version(
            consultation,
            3,
            Version.Kind.ADOPTED,
            data.ADOPTED_CHANGELOG,
            adopted,
            spec["adopted_on"],
        )
        # Comments were made on the draft, the version open while the period ran.
        self.sections = {section.key: section for section in draft.sections.all()}
        meetings = self._held_meetings(consultation)
        self._proposals(consultation, meetings)
        self._reports(consultation, meetings)

    def _held_meetings(self, consultation):
        """The 13 meetings of spring 2023, their minutes published two days after each was
        closed, except where the discussion is still being written up."""
        slugs = [f"obsazhdane-{slug}-2023" for slug in self.settlements]
        meetings = self._meetings(consultation, slugs, agenda=data.AGENDA)
        for slug, linked in meetings.items():
            if slug in data.WITHOUT_MINUTES:
                continue
            linked.discussion = data.DISCUSSIONS[slug]
            linked.save(update_fields=["discussion"])
            minutes.publish_minutes(linked, user=self.staff)
            _backdate(linked, minutes_published_at=linked.meeting.closed_at + timedelta(days=2))
        return meetings

    def _proposals(self, consultation, meetings):
        """Every proposal with its decision, recorded in the fortnight after the period closed,
        then the справка; the comment not published, its author told why."""
        decided = []
        for number, (*spec, day, decision, reason) in enumerate(data.ONLINE):
            sent = _aware(day, 19 + number % 3, 10 + number)
            decided.append((self._online(consultation, *spec, sent=sent), decision, reason))
        for number, (place, key, text, name, group, decision, reason) in enumerate(
            data.AT_MEETINGS
        ):
            linked = meetings[place]
            proposal = self._entered(
                consultation,
                key,
                text,
                name,
                place,
                group,
                channel=Channel.MEETING,
                at=linked.meeting.closed_at + timedelta(minutes=5 * number),
                meeting=linked,
            )
            decided.append((proposal, decision, reason))
        for channel, *spec, day, decision, reason in data.ENTERED:
            proposal = self._entered(consultation, *spec, channel=channel, at=_aware(day, 11))
            decided.append((proposal, decision, reason))
        closed = consultation.closes_on
        for number, (comment, decision, reason) in enumerate(decided):
            statement.decide(comment, user=self.staff, decision=decision, reason=reason)
            _backdate(comment, decided_at=_aware(closed + timedelta(days=3 + number // 4), 11))
        *spec, day, note = data.REJECTED
        self._online(
            consultation,
            *spec,
            sent=_aware(day, 21, 40),
            status=Status.REJECTED,
            rejection=Comment.Rejection.PERSONAL_DATA,
            moderation_note=note,
        )
        statement.publish_statement(consultation, user=self.staff)
        _backdate(consultation, statement_published_at=_aware(data.PLAN["statement_published"], 10))

    def _reports(self, consultation, meetings):
        """The reports, each with its recommendations approved before it was published; all of
        them presented at the conference and filed at the registry in one letter."""
        made = []
        for spec in data.REPORTS:
            report = reports.create_report(
                consultation,
                user=self.staff,
                meeting=meetings[spec["meeting"]] if spec["meeting"] else None,
                **{name: spec[name] for name in reports.REPORT_FIELDS},
            )
            for title, text, rationale, slugs in spec["recommendations"]:
                recommendation = register_services.create_recommendation(
                    source=report,
                    user=self.staff,
                    title=title,
                    text=text,
                    rationale=rationale,
                    settlements=[self.settlements[slug] for slug in slugs],
                    date=spec["approved"],
                )
                made.append(
                    register_services.approve(
                        recommendation, user=self.staff, date=spec["approved"]
                    )
                )
            reports.publish(report, user=self.staff)
            published = _aware(spec["published"], 10)
            _backdate(
                report,
                created_at=_aware(spec["created"], 15),
                updated_at=published,
                published_at=published,
            )
        presented_on, presented = data.PRESENTED
        for recommendation in made:
            register_services.record_event(
                recommendation,
                kind=TimelineEntry.Kind.MEETING,
                date=presented_on,
                text=presented,
                user=self.staff,
            )
        letter = data.LETTER
        submission = letters.prepare_letter(
            made,
            outgoing_number=letter["outgoing_number"],
            outgoing_date=letter["outgoing_date"],
            user=self.staff,
        )
        letters.file_letter(
            submission,
            filed_on=letter["filed_on"],
            registry_number=letter["registry_number"],
            user=self.staff,
        )

    # The next plan, open now

    def next_plan(self):
        spec = data.NEXT_PLAN
        consultation = self._consultation(spec)
        draft = self._version(
            consultation,
            1,
            Version.Kind.DRAFT,
            data.NEXT_CHANGELOG,
            data.NEXT_SECTIONS,
            spec["opens_on"] - timedelta(days=2),
        )
        self.sections = {section.key: section for section in draft.sections.all()}
        self._meetings(
            consultation,
            ["obsazhdane-mechka-2027", "obsazhdane-krasen-2027"],
            agenda=data.NEXT_AGENDA,
        )
        for status, channel, *spec, day in data.NEXT_COMMENTS:
            sent = _aware(day, 18, 45)
            if channel == Channel.ONLINE:
                self._online(consultation, *spec, sent=sent, status=status)
            else:
                self._entered(consultation, *spec, channel=channel, at=sent)


def _revised(sections):
    """The draft's sections as the revision has them: texts changed, sections added."""
    revised = [(key, heading, data.REVISED_TEXTS.get(key, text)) for key, heading, text in sections]
    for after, added in data.ADDED_SECTIONS:
        at = next(index for index, (key, *_rest) in enumerate(revised) if key == after)
        revised.insert(at + 1, added)
    return revised


def _email(name, place):
    """The address a commenter gave, at example.org."""
    who = transliterate(name).lower().replace(" ", ".") if name else "zhitel"
    return f"{who}.{place}@example.org"
