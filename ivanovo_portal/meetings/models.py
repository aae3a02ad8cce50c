"""Public meetings: consultation meetings in the settlements, the round table, the conference,
trainings. Anyone registers without an account; capacity is never overbooked, a waiting list
moves up by itself, and attendance is recorded at the door or typed in from a signed sheet.

Times are stored aware (UTC) and shown in Europe/Sofia, the portal's time zone, so a meeting keeps
its hour across the change to and from summer time.
"""

import secrets

from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from ivanovo_portal.fields import done_at, done_by
from ivanovo_portal.places.models import Settlement, StakeholderGroup, place_name

# Registration codes are read out at the door and typed on a phone: no 0/O or 1/I/L.
CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
CODE_LENGTH = 8


def new_code():
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


class MeetingQuerySet(models.QuerySet):
    def public(self):
        return self.exclude(status=Meeting.Status.DRAFT)


class Meeting(models.Model):
    class Kind(models.TextChoices):
        CONSULTATION = "consultation", _("consultation meeting")
        ROUND_TABLE = "round_table", _("round table")
        CONFERENCE = "conference", _("conference")
        TRAINING = "training", _("training")
        OTHER = "other", _("other meeting")

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SCHEDULED = "scheduled", _("Scheduled")
        POSTPONED = "postponed", _("Postponed")
        CANCELLED = "cancelled", _("Cancelled")

    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(_("address"), max_length=80, unique=True)
    kind = models.CharField(_("kind"), max_length=14, choices=Kind.choices)
    summary = models.TextField(_("what it is about"), blank=True)
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    settlement = models.ForeignKey(
        Settlement,
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
        verbose_name=_("settlement"),
        help_text=_("Empty for a meeting outside the municipality (the conference in Ruse)."),
    )
    venue = models.CharField(_("venue"), max_length=200)
    address = models.CharField(pgettext_lazy("where", "address"), max_length=250)
    step_free = models.BooleanField(_("step-free access"), default=False)
    seating = models.BooleanField(_("seating for everyone"), default=True)
    hearing_loop = models.BooleanField(_("hearing loop"), default=False)
    accessibility_note = models.CharField(_("more on access"), max_length=250, blank=True)
    online_url = models.URLField(
        _("online link"), blank=True, help_text=_("For a hybrid meeting: where to join online.")
    )
    capacity = models.PositiveIntegerField(
        _("places"), null=True, blank=True, help_text=_("Empty: no limit.")
    )
    registration_opens_at = models.DateTimeField(_("registration opens"), null=True, blank=True)
    registration_closes_at = models.DateTimeField(_("registration closes"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    status_note = models.CharField(
        _("why"), max_length=250, blank=True, help_text=_("Shown when postponed or cancelled.")
    )
    certificates = models.BooleanField(
        _("certificates of attendance"),
        default=False,
        help_text=_("People checked in get a certificate once the meeting is closed."),
    )
    # iCalendar's SEQUENCE: raised on every change registrants are told of, so that calendars
    # replace the event instead of adding a second one.
    sequence = models.PositiveIntegerField(default=0, editable=False)
    closed_at = done_at(
        _("closed at"), help_text=_("When staff closed it after it was held: attendance is final.")
    )
    created_by = done_by()
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = MeetingQuerySet.as_manager()

    class Meta:
        ordering = ["starts_at", "pk"]
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=models.F("starts_at")), name="meeting_ends_after_start"
            ),
            models.CheckConstraint(
                condition=Q(registration_closes_at__isnull=True)
                | Q(registration_opens_at__isnull=True)
                | Q(registration_closes_at__gt=models.F("registration_opens_at")),
                name="registration_window_in_order",
            ),
        ]
        indexes = [models.Index(fields=["status", "starts_at"], name="meeting_status_start")]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("meetings:detail", args=[self.slug])

    def is_public(self):
        return self.status != self.Status.DRAFT


class ProgrammeItem(models.Model):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="programme")
    starts_at = models.DateTimeField(_("starts"))
    title = models.CharField(_("title"), max_length=250)
    session = models.CharField(
        _("session"),
        max_length=150,
        blank=True,
        help_text=_("A conference's programme is shown by session; items in a row share one."),
    )
    speakers = models.ManyToManyField(
        "Speaker", related_name="items", blank=True, verbose_name=_("speakers")
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["starts_at", "position", "pk"]
        verbose_name = _("programme item")
        verbose_name_plural = _("programme items")

    def __str__(self):
        return self.title


class Speaker(models.Model):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="speakers")
    name = models.CharField(_("name"), max_length=150)
    position = models.CharField(_("job title"), max_length=150, blank=True)
    organisation = models.CharField(_("organisation"), max_length=200, blank=True)
    bio = models.TextField(_("short bio"), blank=True)
    photo = models.ImageField(_("photo"), upload_to="meetings/speakers/", blank=True)
    photo_alt = models.CharField(
        _("what the photo shows"), max_length=250, blank=True, help_text=_("Required with a photo.")
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = _("speaker")
        verbose_name_plural = _("speakers")
        constraints = [
            models.CheckConstraint(
                condition=Q(photo="") | ~Q(photo_alt=""), name="speaker_photo_has_alt"
            )
        ]

    def __str__(self):
        return self.name


class Material(models.Model):
    """A file for a meeting: its agenda, a presentation, a draft to discuss."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="materials")
    title = models.CharField(_("title"), max_length=250)
    file = models.FileField(_("file"), upload_to="meetings/materials/")
    name = models.CharField(_("file name"), max_length=200)
    content_type = models.CharField(_("media type"), max_length=100)
    size = models.PositiveIntegerField(_("size"))
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    is_public = models.BooleanField(_("public"), default=True)
    added_by = done_by(_("added by"))
    added_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["added_at", "pk"]
        verbose_name = _("material")
        verbose_name_plural = _("materials")

    def __str__(self):
        return self.title


class Channel(models.TextChoices):
    ONLINE = "online", _("online")
    PHONE = "phone", _("by phone")
    PAPER = "paper", _("on paper")
    IN_PERSON = "in_person", _("in person")


class RegistrationQuerySet(models.QuerySet):
    def confirmed(self):
        return self.filter(status=Registration.Status.CONFIRMED)

    def waiting(self):
        return self.filter(status=Registration.Status.WAITING).order_by("created_at", "pk")


class Registration(models.Model):
    class Status(models.TextChoices):
        CONFIRMED = "confirmed", _("Confirmed")
        WAITING = "waiting", _("On the waiting list")
        CANCELLED = "cancelled", _("Cancelled")

    meeting = models.ForeignKey(Meeting, on_delete=models.PROTECT, related_name="registrations")
    code = models.CharField(_("registration code"), max_length=12, unique=True, default=new_code)
    name = models.CharField(_("name"), max_length=150)
    settlement = models.ForeignKey(
        Settlement,
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
        verbose_name=_("settlement"),
        help_text=_("Empty for someone outside the municipality."),
    )
    group = models.ForeignKey(
        StakeholderGroup,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("taking part as"),
    )
    email = models.EmailField(_("e-mail address"), blank=True)
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    consented_at = models.DateTimeField(_("consent given"))
    channel = models.CharField(
        _("registered"), max_length=10, choices=Channel.choices, default=Channel.ONLINE
    )
    entered_by = done_by(_("entered by"))
    status = models.CharField(_("status"), max_length=10, choices=Status.choices)
    promoted_at = done_at(_("moved up from the waiting list"))
    cancelled_at = done_at(_("cancelled at"))
    reminded_at = done_at(_("reminded at"))
    created_at = models.DateTimeField(_("registered at"), auto_now_add=True)

    objects = RegistrationQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        constraints = [
            models.CheckConstraint(
                condition=~Q(email="") | ~Q(phone=""), name="registration_can_be_reached"
            )
        ]
        indexes = [
            models.Index(fields=["meeting", "status", "created_at"], name="registration_queue")
        ]

    def __str__(self):
        return f"{self.name} ({self.meeting})"

    @property
    def place(self):
        return place_name(self.settlement)


class Attendance(models.Model):
    """Someone at the meeting: a registrant checked in, a walk-in, or a line of the signed sheet.
    A walk-in gives settlement and group; the name is optional."""

    class Way(models.TextChoices):
        CODE = "code", _("registration code")
        QR = "qr", _("QR code")
        NAME = "name", _("found by name")
        WALK_IN = "walk_in", _("walk-in")
        SHEET = "sheet", _("from the signed sheet")

    meeting = models.ForeignKey(Meeting, on_delete=models.PROTECT, related_name="attendance")
    registration = models.OneToOneField(
        Registration, on_delete=models.PROTECT, related_name="attendance", null=True, blank=True
    )
    name = models.CharField(_("name"), max_length=150, blank=True)
    settlement = models.ForeignKey(
        Settlement,
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
        verbose_name=_("settlement"),
        help_text=_("Empty for someone outside the municipality."),
    )
    group = models.ForeignKey(
        StakeholderGroup,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("taking part as"),
    )
    way = models.CharField(_("recorded"), max_length=8, choices=Way.choices)
    recorded_by = done_by(_("recorded by"))
    recorded_at = models.DateTimeField(auto_now_add=True)
    # When the certificate of attendance was e-mailed: once, even if the task runs twice.
    certificate_sent_at = done_at(_("certificate sent at"))

    class Meta:
        ordering = ["recorded_at", "pk"]
        verbose_name = _("attendance")
        verbose_name_plural = _("attendance")
        indexes = [models.Index(fields=["meeting", "group"], name="attendance_by_group")]

    def __str__(self):
        return self.name or str(self.group)

    @property
    def place(self):
        return place_name(self.settlement)


class SignedSheet(models.Model):
    """The scan of a signed sign-in sheet, kept privately as the record of who came."""

    meeting = models.ForeignKey(Meeting, on_delete=models.PROTECT, related_name="signed_sheets")
    file = models.FileField(_("scan"), upload_to="meetings/sheets/")
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    uploaded_by = done_by(_("uploaded by"))
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["uploaded_at", "pk"]
        verbose_name = _("signed sign-in sheet")
        verbose_name_plural = _("signed sign-in sheets")

    def __str__(self):
        return f"{self.meeting}: {self.uploaded_at:%d.%m.%Y}"
