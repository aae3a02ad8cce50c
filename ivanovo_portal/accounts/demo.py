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
# Demo people have addresses that cannot receive mail (RFC 2606).
DEMO_DOMAIN = "@example.org"

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


def demo_account(username, role=None, **fields):
    """A demo account: the demo password, the role's group and, where the role needs one, a
    confirmed authenticator. An existing account is left as it is. Apps with demo people of
    their own (a round's other monitors) make them with this too, so that ``logins`` lists them."""
    user, created = User.objects.get_or_create(
        username=username, defaults={**fields, "email": f"{username}{DEMO_DOMAIN}"}
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
    return user


@transaction.atomic
def seed_accounts():
    """Create the demo accounts that are missing; existing ones are left as they are."""
    users = {}
    for username, fields in ACCOUNTS.items():
        fields = dict(fields)
        users[username] = demo_account(username, fields.pop("role"), **fields)
    return DemoAccounts(**users)


def logins():
    """The demo logins as (username, role label, password, TOTP key in base32 or "") rows: the
    accounts above first, then those the apps made with ``demo_account``."""
    users = User.objects.filter(email__endswith=DEMO_DOMAIN).prefetch_related("groups")
    devices = {
        device.user_id: device
        for device in TOTPDevice.objects.filter(
            user__in=users, name=second_factor.AUTHENTICATOR, confirmed=True
        )
    }
    order = list(ACCOUNTS)
    users = sorted(
        users,
        key=lambda user: (
            order.index(user.username) if user.username in order else len(order),
            user.username,
        ),
    )
    return [
        (
            user.username,
            _role_label(user),
            PASSWORD,
            second_factor.manual_key(devices[user.pk]) if user.pk in devices else "",
        )
        for user in users
    ]


def _role_label(user):
    if user.is_superuser:
        return _("Administrator")
    roles = [Role(group.name).label for group in user.groups.all() if group.name in Role.values]
    return ", ".join(str(role) for role in roles)
