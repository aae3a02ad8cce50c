"""The register of the personal data the portal holds: the one place where each app declares, in
its ``AppConfig.ready()``, what it keeps about people, why, on which legal basis, for how long,
and how to find one person's rows::

    from ivanovo_portal.accounts.personal_data import Declaration, LegalBasis, declarations

    def ready(self):
        declarations.register("event_registrations", Declaration(model=Registration, ...))

The privacy notice, the retention job, a person's download (from their account or by e-mail
link) and erasure by e-mail link are made from it; a test fails when a model has a field that
looks personal and no declaration names it.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from django.db import models, transaction
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from ivanovo_portal.registry import Registry

declarations = Registry(
    "personal data register",
    hint="An app declares the personal data it holds in its AppConfig.ready().",
)


class LegalBasis(models.TextChoices):
    """The grounds of GDPR Art. 6(1) the portal relies on."""

    CONSENT = "a", _("the person's consent (GDPR Art. 6(1)(a))")
    LEGAL_OBLIGATION = "c", _("a legal obligation of the controller (GDPR Art. 6(1)(c))")
    PUBLIC_TASK = "e", _("a task in the public interest (GDPR Art. 6(1)(e))")
    LEGITIMATE_INTEREST = "f", _("the controller's legitimate interest (GDPR Art. 6(1)(f))")


@dataclass(frozen=True)
class Person:
    """Whom a download or an erasure is for: an account holder, or whoever proved by a link sent
    there that they hold an e-mail address."""

    user: Any = None
    email: str = ""


@dataclass(frozen=True)
class Declaration:
    """What one model keeps about people. ``retention`` is shown on the privacy notice, with
    ``%(days)s`` standing for ``retention_days``; ``expired(cutoff)`` gives the rows past that
    period and ``of(person)`` one person's rows; ``export`` and ``erase`` work on those."""

    model: type[models.Model]
    fields: tuple[str, ...]
    data: str
    purpose: str
    legal_basis: LegalBasis
    retention: str
    retention_days: int | None = None
    expired: Callable[..., models.QuerySet] | None = None
    of: Callable[[Person], models.QuerySet] | None = None
    context: tuple[str, ...] = ()
    # False where the records must be kept (the project's): a request erases the account alone.
    erasable: bool = True

    @property
    def retention_text(self):
        return self.retention % {"days": self.retention_days}

    def export(self, person):
        """The person's rows with the declared fields (and the dates that place them)."""
        return [
            {"record": str(row), **{name: _plain(getattr(row, name)) for name in self.names}}
            for row in self.of(person)
        ]

    @property
    def names(self):
        return (*self.fields, *self.context)

    def erase(self, queryset):
        """Delete the rows; the number of rows deleted."""
        return queryset.delete()[0]


def _plain(value):
    if value is None or isinstance(value, bool | int | float):
        return value
    return value.isoformat() if hasattr(value, "isoformat") else str(value)


def collect(user):
    """Every declared section's rows about the account holder ``user``, by section name."""
    # Not by the account's e-mail address: nobody proved they hold it.
    return export(Person(user=user))


def export(person):
    """What the register finds about ``person``: the sections that hold something for them."""
    sections = {key: d.export(person) for key, d in declarations.items() if d.of is not None}
    return {key: rows for key, rows in sections.items() if rows}


@transaction.atomic
def erase(person):
    """Erase (or anonymise) what the register finds about ``person``, all or nothing; the counts
    by section."""
    return {
        key: declaration.erase(declaration.of(person))
        for key, declaration in declarations.items()
        if declaration.of is not None and declaration.erasable
    }


def declared_fields():
    """Every (model label, field name) some app declared, for the test of undeclared fields."""
    return {(d.model._meta.label, name) for d in declarations.values() for name in d.fields}


def notice():
    """The declarations as the privacy notice lists them: one entry per kind of data and purpose,
    however many models keep it."""
    entries = {}
    for declaration in declarations.values():
        key = (str(declaration.data), str(declaration.purpose), str(declaration.retention_text))
        entries.setdefault(key, declaration)
    return list(entries.values())


def by_user(model, *names):
    """An ``of`` for rows linked to an account through ``names`` (staff who did something)."""

    def rows(person):
        if person.user is None:
            return model.objects.none()
        return model.objects.filter(_any(Q(**{name: person.user}) for name in names)).distinct()

    return rows


def _any(conditions):
    combined = Q(pk__in=[])
    for condition in conditions:
        combined |= condition
    return combined


def older_than(model, date_field):
    """An ``expired`` for rows whose ``date_field`` is before the cutoff."""
    return lambda cutoff: model.objects.filter(**{f"{date_field}__lt": cutoff})


def cutoff(declaration, now):
    return now - timedelta(days=declaration.retention_days)


STAFF_RECORD = _(
    "The name of the staff member who did something on the portal, beside what they did"
)
STAFF_PURPOSE = _(
    "To show who prepared, approved, entered or changed the project's records, as the programme's "
    "rules ask the project to account for its work"
)
PROJECT_RECORDS = _(
    "With the project's records, for as long as the programme's rules ask them to be kept; "
    "an account linked to them is erased once no record needs it"
)


def staff_declaration(model, *names, context=(), links=None):
    """The declaration every app makes for its records' links to the staff who made them;
    ``links`` are the account fields among ``names`` when some are copies of a name."""
    return Declaration(
        model=model,
        fields=names,
        data=STAFF_RECORD,
        purpose=STAFF_PURPOSE,
        legal_basis=LegalBasis.LEGAL_OBLIGATION,
        retention=PROJECT_RECORDS,
        of=by_user(model, *(links or names)),
        context=context,
        erasable=False,
    )


LOGIN_RECORD_DAYS = 90
AS_LONG_AS_THE_ACCOUNT = _("As long as the account exists: its holder can erase it at any time")


def _by_username(model):
    def rows(person):
        if person.user is None:
            return model.objects.none()
        return model.objects.filter(username=person.user.get_username())

    return rows


def declare_accounts():
    """What the accounts app itself keeps: the accounts, their login records and devices."""
    from axes.models import AccessAttempt, AccessFailureLog, AccessLog
    from django.contrib.admin.models import LogEntry
    from django_otp.plugins.otp_static.models import StaticDevice
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from .models import User

    declarations.register(
        "account",
        Declaration(
            model=User,
            fields=("username", "first_name", "last_name", "email", "organisation", "position"),
            data=_("An account: username, name, e-mail address, organisation and job title"),
            purpose=_("To let its holder sign in, take part and be reached about their account"),
            legal_basis=LegalBasis.CONSENT,
            retention=AS_LONG_AS_THE_ACCOUNT,
        ),
    )
    login_records = {
        "logins": (AccessLog, ("attempt_time", "logout_time")),
        "login_failures": (AccessFailureLog, ("attempt_time", "locked_out")),
        "login_failure_counts": (AccessAttempt, ("attempt_time", "failures_since_start")),
    }
    for key, (model, context) in login_records.items():
        declarations.register(
            key,
            Declaration(
                model=model,
                fields=("username", "ip_address", "user_agent"),
                data=_(
                    "Sign-ins and failed sign-ins: the username typed, the internet address and "
                    "the browser"
                ),
                purpose=_("To protect accounts from password guessing and to look into misuse"),
                legal_basis=LegalBasis.LEGITIMATE_INTEREST,
                retention=_("%(days)s days after the sign-in, then deleted"),
                retention_days=LOGIN_RECORD_DAYS,
                expired=older_than(model, "attempt_time"),
                of=_by_username(model),
                context=context,
            ),
        )
    for key, model in (("authenticators", TOTPDevice), ("recovery_codes", StaticDevice)):
        declarations.register(
            key,
            Declaration(
                model=model,
                fields=("user", "name"),
                data=_("The second factor of an account: the authenticator's name, never its key"),
                purpose=_("To make sure that only the account's holder signs in"),
                legal_basis=LegalBasis.LEGITIMATE_INTEREST,
                retention=AS_LONG_AS_THE_ACCOUNT,
                of=by_user(model, "user"),
                context=("confirmed",),
            ),
        )
    declarations.register(
        "admin_actions", staff_declaration(LogEntry, "user", context=("action_time",))
    )
