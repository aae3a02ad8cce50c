"""Demo content for the meetings: the 13 public discussions of spring 2023, held, with their
registrations and attendance; the round table and the conference with programme and speakers;
two discussions coming in 2027, one of them full with a waiting list.

The rows are written with the models: the services stamp registrations and check-ins with the
present moment and refuse meetings whose registration has closed, while these are dated in 2023.
They keep the services' invariants: confirmed registrations within the places, the waiting list
in the order people came, a place freed by a cancellation given to the first one waiting, consent
recorded, held meetings closed. Everything is drawn from ``random.Random(2023)``, so every run
makes the same demo.
"""

import random
from datetime import datetime, time, timedelta

from django.utils import timezone

from ivanovo_portal.places.models import Settlement, StakeholderGroup
from ivanovo_portal.slugs import transliterate

from .demo_data import (
    COMING_MEETINGS,
    COMING_REGISTRATION_OPENS,
    EVENTS,
    FEMALE_NAMES,
    HALL_ACCESS,
    MALE_NAMES,
    MAYORALTY_ACCESS,
    NEXT_PLAN_SUMMARY,
    PLAN_SUMMARY,
    SPEAKERS,
    SURNAMES,
    VILLAGE_MEETINGS,
)
from .models import (
    CODE_ALPHABET,
    CODE_LENGTH,
    Attendance,
    Channel,
    Meeting,
    ProgrammeItem,
    Registration,
    Speaker,
)

Status = Registration.Status
Way = Attendance.Way
CHECK_IN_WAYS = [Way.CODE, Way.QR, Way.NAME]
# Registrations come in from 9:00 to 17:00: staff take the calls and the paper forms then, and
# registration opens at 9:00 and closes at 17:00.
OFFICE_OPENS = 9
OFFICE_MINUTES = 8 * 60


def _slugs():
    return [
        *(_discussion_slug(spec[0], spec[1]) for spec in VILLAGE_MEETINGS),
        *(_discussion_slug(spec[0], spec[1]) for spec in COMING_MEETINGS),
        *(spec[0] for spec in EVENTS),
    ]


def seed(accounts):
    """Create the demo meetings with their registrations and attendance; does nothing when they
    exist already."""
    if Meeting.objects.filter(slug__in=_slugs()).exists():
        return
    demo = _Demo(accounts.staff)
    for spec in VILLAGE_MEETINGS:
        demo.village_meeting(*spec)
    for spec in EVENTS:
        demo.event(*spec)
    for spec in COMING_MEETINGS:
        demo.coming_meeting(*spec)


def _discussion_slug(settlement_slug, day):
    return f"obsazhdane-{settlement_slug}-{day.year}"


def _aware(day, hour, minute=0):
    return timezone.make_aware(datetime.combine(day, time(hour, minute)))


class _Demo:
    def __init__(self, staff):
        self.staff = staff
        self.rng = random.Random(2023)
        self.settlements = {s.slug: s for s in Settlement.objects.all()}
        self.groups = {g.slug: g for g in StakeholderGroup.objects.all()}
        self.codes = set(Registration.objects.values_list("code", flat=True))

    # Meetings

    def _meeting(self, **fields):
        meeting = Meeting.objects.create(
            status=Meeting.Status.SCHEDULED, created_by=self.staff, **fields
        )
        # Created the day before registration opened, not when the demo was seeded.
        created = fields["registration_opens_at"] - timedelta(days=1)
        Meeting.objects.filter(pk=meeting.pk).update(created_at=created, updated_at=created)
        return meeting

    def village_meeting(
        self,
        slug,
        day,
        start,
        venue,
        address,
        capacity,
        step_free,
        by_group,
        by_channel,
        no_shows,
        cancelled,
        unnamed,
        from_sheet,
    ):
        """A public discussion held in spring 2023 and closed the next morning: registrants
        checked in at the door, some who did not come, walk-ins, lines from the signed sheet."""
        settlement = self.settlements[slug]
        starts_at = _aware(day, *start)
        meeting = self._meeting(
            title=f"Обществено обсъждане в {settlement.name}",
            slug=_discussion_slug(slug, day),
            kind=Meeting.Kind.CONSULTATION,
            summary=PLAN_SUMMARY,
            starts_at=starts_at,
            ends_at=starts_at + timedelta(hours=2),
            settlement=settlement,
            venue=venue,
            address=address,
            step_free=step_free,
            accessibility_note=HALL_ACCESS if step_free else MAYORALTY_ACCESS,
            capacity=capacity,
            registration_opens_at=_aware(day - timedelta(days=21), 9),
            registration_closes_at=_aware(day - timedelta(days=1), 17),
            closed_at=_aware(day + timedelta(days=1), 10),
        )
        citizens, ngos, businesses, media = by_group
        named = [
            *["citizens"] * (citizens - unnamed),
            *["ngos"] * ngos,
            *["businesses"] * businesses,
            *["media"] * media,
        ]
        self.rng.shuffle(named)
        channels = [
            *[Channel.ONLINE] * by_channel[0],
            *[Channel.PHONE] * by_channel[1],
            *[Channel.PAPER] * by_channel[2],
        ]
        self.rng.shuffle(channels)
        came = len(channels)
        people = _People(self.rng)
        registrants = [
            (people.draw(), settlement, group, channel)
            for group, channel in zip(named[:came], channels, strict=True)
        ]
        absent = [
            (people.draw(), settlement, "citizens", Channel.ONLINE)
            for _ in range(no_shows + cancelled)
        ]
        registrations = self._register(meeting, [*registrants, *absent])
        for registration in registrations[came + no_shows :]:
            closes = meeting.registration_closes_at
            self._cancel(
                registration, registration.created_at + (closes - registration.created_at) / 2
            )
        arrival = starts_at - timedelta(minutes=25)
        for registration in registrations[:came]:
            arrival += timedelta(minutes=self.rng.randint(1, 3))
            self._attend(
                meeting,
                arrival,
                way=self.rng.choice(CHECK_IN_WAYS),
                registration=registration,
                name=registration.name,
                settlement=registration.settlement,
                group=registration.group,
            )
        for group in named[came : len(named) - from_sheet]:
            arrival += timedelta(minutes=self.rng.randint(1, 3))
            self._attend(
                meeting,
                arrival,
                way=Way.WALK_IN,
                name=people.draw()[0],
                settlement=settlement,
                group=self.groups[group],
            )
        for _ in range(unnamed):
            arrival += timedelta(minutes=self.rng.randint(1, 3))
            self._attend(
                meeting,
                arrival,
                way=Way.WALK_IN,
                settlement=settlement,
                group=self.groups["citizens"],
            )
        for group in named[len(named) - from_sheet :]:
            self._attend(
                meeting,
                meeting.closed_at - timedelta(minutes=30),
                way=Way.SHEET,
                name=people.draw()[0],
                settlement=settlement,
                group=self.groups[group],
            )

    def event(
        self,
        slug,
        kind,
        title,
        summary,
        day,
        start,
        end,
        venue,
        address,
        settlement_slug,
        capacity,
        step_free,
        accessibility_note,
        programme,
        by_group,
        from_outside,
    ):
        """The round table or the conference, held: its programme and speakers, registrants
        from across the municipality and guests from outside it checked in at the door."""
        meeting = self._meeting(
            title=title,
            slug=slug,
            kind=kind,
            summary=summary,
            starts_at=_aware(day, *start),
            ends_at=_aware(day, *end),
            settlement=self.settlements.get(settlement_slug),
            venue=venue,
            address=address,
            step_free=step_free,
            accessibility_note=accessibility_note,
            capacity=capacity,
            registration_opens_at=_aware(day - timedelta(days=28), 9),
            registration_closes_at=_aware(day - timedelta(days=1), 17),
            closed_at=_aware(day, end[0] + 2),
        )
        keys = list(dict.fromkeys(key for *_when, keys in programme for key in keys))
        speakers = {
            key: Speaker.objects.create(
                meeting=meeting,
                name=SPEAKERS[key][0],
                position=SPEAKERS[key][1],
                organisation=SPEAKERS[key][2],
                bio=SPEAKERS[key][3],
                order=order,
            )
            for order, key in enumerate(keys)
        }
        for position, (hour, minute, item_title, item_speakers) in enumerate(programme):
            item = ProgrammeItem.objects.create(
                meeting=meeting,
                starts_at=_aware(day, hour, minute),
                title=item_title,
                position=position,
            )
            item.speakers.set(speakers[key] for key in item_speakers)
        people = _People(self.rng)
        places = list(self.settlements.values())
        # (group, from the municipality) of each participant, in the order they registered.
        participants = [
            (group, local)
            for local, counts in ((True, by_group), (False, from_outside))
            for group, count in counts.items()
            for _ in range(count)
        ]
        self.rng.shuffle(participants)
        channels = [Channel.ONLINE, Channel.ONLINE, Channel.PHONE]
        registrations = self._register(
            meeting,
            [
                (
                    people.draw(),
                    self.rng.choice(places) if local else None,
                    group,
                    self.rng.choice(channels),
                )
                for group, local in participants
            ],
        )
        arrival = meeting.starts_at - timedelta(minutes=30)
        for registration in registrations:
            arrival += timedelta(minutes=1)
            self._attend(
                meeting,
                arrival,
                way=self.rng.choice(CHECK_IN_WAYS),
                registration=registration,
                name=registration.name,
                settlement=registration.settlement,
                group=registration.group,
            )

    def coming_meeting(
        self, slug, day, venue, address, capacity, step_free, registrations, cancelled
    ):
        """A discussion of the next plan in March 2027, open for registration: the first
        ``capacity`` who came are confirmed, the rest wait in the order they came; a place freed
        by a cancellation went to the first one waiting."""
        settlement = self.settlements[slug]
        starts_at = _aware(day, 17, 30)
        meeting = self._meeting(
            title=f"Обществено обсъждане в {settlement.name}: планът за развитие 2028–2034",
            slug=_discussion_slug(slug, day),
            kind=Meeting.Kind.CONSULTATION,
            summary=NEXT_PLAN_SUMMARY,
            starts_at=starts_at,
            ends_at=starts_at + timedelta(hours=2),
            settlement=settlement,
            venue=venue,
            address=address,
            step_free=step_free,
            accessibility_note=HALL_ACCESS if step_free else MAYORALTY_ACCESS,
            capacity=capacity,
            registration_opens_at=_aware(COMING_REGISTRATION_OPENS, 9),
            registration_closes_at=_aware(day - timedelta(days=1), 17),
        )
        people = _People(self.rng)
        made = self._register(
            meeting,
            [(people.draw(), settlement, group, channel) for group, channel in registrations],
            days=10,
        )
        if cancelled is not None:
            moved_up = next(r for r in made if r.status == Status.WAITING)
            freed = max(made[cancelled].created_at, moved_up.created_at) + timedelta(hours=6)
            self._cancel(made[cancelled], freed)
            moved_up.status, moved_up.promoted_at = Status.CONFIRMED, freed
            moved_up.save(update_fields=["status", "promoted_at"])

    # Registrations and attendance

    def _register(self, meeting, people, days=None):
        """Registrations in the order given, in office hours over the registration window (or
        its first ``days``); confirmed while places are left, then waiting."""
        first_day = timezone.localtime(meeting.registration_opens_at).date()
        last_day = timezone.localtime(meeting.registration_closes_at).date()
        days = days or (last_day - first_day).days + 1
        minutes = sorted(self.rng.randrange(days * OFFICE_MINUTES) for _ in people)
        moments = [
            _aware(first_day + timedelta(days=m // OFFICE_MINUTES), OFFICE_OPENS)
            + timedelta(minutes=m % OFFICE_MINUTES)
            for m in minutes
        ]
        rows = []
        for number, (person, moment) in enumerate(zip(people, moments, strict=True)):
            (name, email, phone), settlement, group, channel = person
            by_staff = channel != Channel.ONLINE
            rows.append(
                Registration(
                    meeting=meeting,
                    code=self._code(),
                    name=name,
                    settlement=settlement,
                    group=self.groups[group],
                    # Online: an e-mail, a third of them a phone too; by phone: a phone; on
                    # paper: both.
                    email="" if channel == Channel.PHONE else email,
                    phone=phone if by_staff or number % 3 == 0 else "",
                    consented_at=moment,
                    channel=channel,
                    entered_by=self.staff if by_staff else None,
                    status=Status.CONFIRMED
                    if meeting.capacity is None or number < meeting.capacity
                    else Status.WAITING,
                )
            )
        made = Registration.objects.bulk_create(rows)
        for registration, moment in zip(made, moments, strict=True):
            registration.created_at = moment
        Registration.objects.bulk_update(made, ["created_at"])
        return made

    def _cancel(self, registration, moment):
        registration.status, registration.cancelled_at = Status.CANCELLED, moment
        registration.save(update_fields=["status", "cancelled_at"])

    def _attend(self, meeting, moment, **fields):
        attendance = Attendance.objects.create(meeting=meeting, recorded_by=self.staff, **fields)
        Attendance.objects.filter(pk=attendance.pk).update(recorded_at=moment)

    def _code(self):
        while True:
            code = "".join(self.rng.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))
            if code not in self.codes:
                self.codes.add(code)
                return code


class _People:
    """Names not yet used at one meeting, with an e-mail at example.org and a mobile number."""

    def __init__(self, rng):
        self.rng = rng
        self.taken = set()

    def draw(self):
        while True:
            female = self.rng.random() < 0.55
            first = self.rng.choice(FEMALE_NAMES if female else MALE_NAMES)
            last = self.rng.choice(SURNAMES) + ("а" if female else "")
            if (first, last) not in self.taken:
                self.taken.add((first, last))
                break
        email = f"{transliterate(first)}.{transliterate(last)}@example.org".lower()
        phone = (
            f"08{self.rng.choice('789')}{self.rng.randint(0, 9)} {self.rng.randint(100000, 999999)}"
        )
        return f"{first} {last}", email, phone
