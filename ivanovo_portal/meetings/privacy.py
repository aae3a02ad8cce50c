"""What the meetings keep about people, for the personal-data register: registrants' names and
contacts until six months after the meeting, the names of those who came as long too (the counts
by group and settlement stay, without names), the speakers published with their consent, the
signed sheets kept privately with the project's records, and the staff who did each thing."""

from django.utils.translation import gettext_lazy as _

from ivanovo_portal.accounts import personal_data
from ivanovo_portal.accounts.personal_data import Declaration, LegalBasis

from .models import Attendance, Material, Meeting, Registration, SignedSheet, Speaker

# Six months after the meeting: time for questions about who came and for the report, then gone.
KEPT_DAYS = 183


def _after_the_meeting(model):
    return lambda cutoff: model.objects.filter(meeting__ends_at__lt=cutoff)


def _registrations_of(person):
    if not person.email:
        return Registration.objects.none()
    return Registration.objects.filter(email__iexact=person.email)


def _attendance_of(person):
    if not person.email:
        return Attendance.objects.none()
    return Attendance.objects.filter(registration__email__iexact=person.email).exclude(name="")


class RegistrationsDeclaration(Declaration):
    def erase(self, queryset):
        """Delete the registrations; the attendance of those who came stays, without a name, in
        the counts by group and settlement."""
        ids = list(queryset.values_list("pk", flat=True))
        Attendance.objects.filter(registration__in=ids).update(registration=None, name="")
        return Registration.objects.filter(pk__in=ids).delete()[0]


class NamesDeclaration(Declaration):
    def erase(self, queryset):
        """Blank the names; the rows stay in the counts by group and settlement."""
        return queryset.update(name="", registration=None)


def declare():
    register = personal_data.declarations.register
    kept = _("%(days)s days (six months) after the meeting, then deleted")
    register(
        "meeting_registrations",
        RegistrationsDeclaration(
            model=Registration,
            fields=("name", "email", "phone"),
            data=_(
                "Registrations for public meetings: name, e-mail address or phone, settlement "
                "and the group one takes part as"
            ),
            purpose=_(
                "To keep a place for the person, tell them of changes, remind them, check them "
                "in at the door and count the participants by group"
            ),
            legal_basis=LegalBasis.CONSENT,
            retention=kept,
            retention_days=KEPT_DAYS,
            expired=_after_the_meeting(Registration),
            of=_registrations_of,
            context=("meeting", "place", "group", "channel", "status", "created_at"),
        ),
    )
    register(
        "meeting_attendance",
        NamesDeclaration(
            model=Attendance,
            fields=("name",),
            data=_("The names of people who came to a public meeting"),
            purpose=_("To record who took part in the project's meetings"),
            legal_basis=LegalBasis.LEGAL_OBLIGATION,
            retention=_(
                "%(days)s days (six months) after the meeting, then the name is deleted; "
                "the counts by group and settlement stay"
            ),
            retention_days=KEPT_DAYS,
            expired=lambda cutoff: _after_the_meeting(Attendance)(cutoff).exclude(name=""),
            of=_attendance_of,
            context=("meeting", "place", "group", "way", "recorded_at"),
        ),
    )
    register(
        "meeting_speakers",
        Declaration(
            model=Speaker,
            fields=("name", "position", "organisation", "bio", "photo"),
            data=_("Speakers at public meetings: name, job title, organisation, bio and photo"),
            purpose=_("To present the programme and who speaks, published with their consent"),
            legal_basis=LegalBasis.CONSENT,
            retention=_(
                "Published with the meeting as part of the project's records; removed when the "
                "speaker asks"
            ),
        ),
    )
    register(
        "meeting_signed_sheets",
        Declaration(
            model=SignedSheet,
            fields=("file",),
            data=_(
                "Scans of the signed sign-in sheets of meetings: names, settlements and signatures"
            ),
            purpose=_(
                "To prove who took part, as the programme's rules ask; seen only by the project "
                "team, never published"
            ),
            legal_basis=LegalBasis.LEGAL_OBLIGATION,
            retention=personal_data.PROJECT_RECORDS,
            erasable=False,
        ),
    )
    for key, model, names in (
        ("meetings_staff", Meeting, ("created_by",)),
        ("meeting_registrations_staff", Registration, ("entered_by",)),
        ("meeting_attendance_staff", Attendance, ("recorded_by",)),
        ("meeting_materials_staff", Material, ("added_by",)),
        ("meeting_signed_sheets_staff", SignedSheet, ("uploaded_by",)),
    ):
        register(key, personal_data.staff_declaration(model, *names))
