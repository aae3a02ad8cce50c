"""The second factor (ASVS 6.3.2): an authenticator app's time-based codes (TOTP), with single-use
recovery codes for when the phone is lost. The codes and their checking are django-otp's.

Everyone who can see more than the public must give a code after the password; residents may
choose to. A session has passed the second factor once ``django_otp.login`` recorded the device.
"""

from base64 import b32encode

import segno
from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _
from django_otp import devices_for_user
from django_otp import login as otp_login
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from ivanovo_portal.refusals import Refused

from .models import User
from .roles import Role

# Roles that see more than the public: their accounts cannot do without a second factor.
ROLES_WITH_SECOND_FACTOR = [Role.PROJECT_STAFF, Role.NGO_MONITOR, Role.MUNICIPAL_OFFICIAL]
AUTHENTICATOR = "authenticator"
RECOVERY = "recovery"
RECOVERY_CODES = 10


def required(user, *, by_role_only=False):
    """Whether ``user`` must give a code after the password: by role, as an administrator, or
    (unless ``by_role_only``) because they enrolled an authenticator of their own accord."""
    if user.is_staff or user.is_superuser:
        return True
    reasons = Q(groups__name__in=ROLES_WITH_SECOND_FACTOR)
    if not by_role_only:
        reasons |= Q(totpdevice__confirmed=True, totpdevice__name=AUTHENTICATOR)
    return User.objects.filter(reasons, pk=user.pk).exists()


def pending(user):
    """Whether ``user`` gave the password but still owes the code in this session."""
    return user.is_authenticated and not user.is_verified() and required(user)


def authenticator(user):
    """The user's confirmed authenticator, or None before they enrolled one."""
    return TOTPDevice.objects.filter(user=user, name=AUTHENTICATOR, confirmed=True).first()


def enrolment_device(user):
    """The authenticator being enrolled: its key is shown until a first code confirms it."""
    device, _created = TOTPDevice.objects.get_or_create(
        user=user, name=AUTHENTICATOR, confirmed=False
    )
    return device


def manual_key(device):
    """The device's key in base32, as authenticator apps and ``oathtool -b`` take it."""
    return b32encode(device.bin_key).decode()


def qr_code(device):
    """The enrolment QR code (the otpauth:// address) as an SVG data URI for an <img>."""
    return segno.make(device.config_url, error="m").svg_data_uri(scale=4, border=2)


@transaction.atomic
def confirm_enrolment(request, device, code):
    """Confirm the enrolled authenticator with its first code and pass the second factor; returns
    the new recovery codes, or None when the code is wrong."""
    if not device.verify_token(code):
        return None
    TOTPDevice.objects.filter(user=device.user, name=AUTHENTICATOR).exclude(pk=device.pk).delete()
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    otp_login(request, device)
    return new_recovery_codes(device.user)


@transaction.atomic
def new_recovery_codes(user):
    """Replace the user's recovery codes with fresh ones; each works once."""
    device, _created = StaticDevice.objects.get_or_create(
        user=user, name=RECOVERY, defaults={"confirmed": True}
    )
    device.token_set.all().delete()
    codes = [StaticToken.random_token() for _ in range(RECOVERY_CODES)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    return codes


def recovery_codes_left(user):
    return StaticToken.objects.filter(device__user=user, device__name=RECOVERY).count()


def verify(request, code):
    """Pass the second factor with a code from the authenticator or a recovery code (used up);
    returns whether it was right."""
    code = "".join(code.split()).lower()
    with transaction.atomic():
        device = next(
            (d for d in devices_for_user(request.user, for_verify=True) if d.verify_token(code)),
            None,
        )
    if device is None:
        return False
    otp_login(request, device)
    return True


@transaction.atomic
def turn_off(user):
    """Remove the user's authenticator and recovery codes; refused where a role requires them."""
    if required(user, by_role_only=True):
        raise Refused(_("Your role requires a second factor: it cannot be turned off."))
    TOTPDevice.objects.filter(user=user).delete()
    StaticDevice.objects.filter(user=user, name=RECOVERY).delete()
