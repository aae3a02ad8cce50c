"""The demo accounts: one per role and an administrator, all with the same password. All but the
resident come with an authenticator enrolled, whose key ``make run`` prints beside the login."""

from django.contrib.auth.models import Group
from django.db import transaction
from django.utils.translation import gettext_lazy as _
from django_otp.plugins.otp_totp.models import TOTPDevice

from ivanovo_portal.demo import DemoAccounts

from . import second_factor
from .models import User
from .roles import Role

PASSWORD = "demo-ivanovo"

ACCOUNTS = {
    "admin": {
        "role": None,
        "first_name": "Администратор",
        "last_name": "на портала",
        "organisation": "Сдружение „Център Динамика“",
        "is_staff": True,
        "is_superuser": True,
    },
    "staff": {
        "role": Role.PROJECT_STAFF,
        "first_name": "Мария",
        "last_name": "Петрова",
        "organisation": "Сдружение „Център Динамика“",
        "position": "експерт по проекта",
        "is_staff": True,
    },
    "monitor": {
        "role": Role.NGO_MONITOR,
        "first_name": "Георги",
        "last_name": "Стоянов",
        "organisation": "Народно читалище „Светлина 1927“ – с. Пиргово",
        "position": "секретар на читалището",
    },
    "official": {
        "role": Role.MUNICIPAL_OFFICIAL,
        "first_name": "Елена",
        "last_name": "Маринова",
        "organisation": "Община Иваново",
        "position": "старши експерт „Деловодство и административно обслужване“",
    },
    "resident": {
        "role": Role.RESIDENT,
        "first_name": "Николай",
        "last_name": "Колев",
        "organisation": "",
        "position": "",
    },
}


@transaction.atomic
def seed_accounts():
    """Create the demo accounts that are missing; existing ones are left as they are."""
    users = {}
    for username, fields in ACCOUNTS.items():
        fields = dict(fields)
        role = fields.pop("role")
        user, created = User.objects.get_or_create(
            username=username, defaults={**fields, "email": f"{username}@example.org"}
        )
        if created:
            user.set_password(PASSWORD)
            user.save(update_fields=["password"])
        if role:
            user.groups.add(Group.objects.get(name=role))
        if second_factor.required(user):
            TOTPDevice.objects.get_or_create(
                user=user, name=second_factor.AUTHENTICATOR, defaults={"confirmed": True}
            )
        users[username] = user
    return DemoAccounts(**users)


def logins():
    """The demo logins as (username, role label, password, TOTP key in base32 or "") rows."""
    devices = {
        device.user.username: device
        for device in TOTPDevice.objects.filter(
            user__username__in=ACCOUNTS, name=second_factor.AUTHENTICATOR, confirmed=True
        ).select_related("user")
    }
    return [
        (
            username,
            fields["role"].label if fields["role"] else _("Administrator"),
            PASSWORD,
            second_factor.manual_key(devices[username]) if username in devices else "",
        )
        for username, fields in ACCOUNTS.items()
    ]
