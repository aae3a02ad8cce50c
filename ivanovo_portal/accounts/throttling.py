"""Limits on logging in and on password resets that cannot be turned against an account's owner.

django-axes locks a username only from the address that failed (AXES_LOCKOUT_PARAMETERS), so a
stranger cannot lock a named person out from elsewhere; wrong passwords and wrong codes of the
second factor count alike. On top of it, one address may fail only so often across all accounts
(a password spray), and ask for only so many reset mails; one account receives only a few.
"""

import ipaddress

from axes.handlers.proxy import AxesProxyHandler
from axes.helpers import get_client_ip_address
from django.conf import settings
from django.shortcuts import render

from ivanovo_portal import throttle

from . import second_factor

LOGIN_FAILURES = "login failures"
LOGIN_FAILURES_PER_ADDRESS = 20
RESET_REQUESTS = "password reset requests"
RESET_REQUESTS_PER_ADDRESS = 10
RESET_MAILS = "password reset mails"
RESET_MAILS_PER_ACCOUNT = 3


def client_ip(request):
    """The client's address (axes' AXES_CLIENT_IP_CALLABLE): behind DJANGO_TRUSTED_PROXIES
    proxies, each appending to X-Forwarded-For the address it was reached from, the rightmost
    address that none of them wrote; whatever the client put in the header itself lies further
    left and is never read. A shorter chain did not come through the proxies: REMOTE_ADDR."""
    remote = request.META.get("REMOTE_ADDR", "")
    if not settings.TRUSTED_PROXIES:
        return remote
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    chain = [*(hop.strip() for hop in forwarded.split(",") if hop.strip()), remote]
    if len(chain) <= settings.TRUSTED_PROXIES:
        return remote
    candidate = chain[-1 - settings.TRUSTED_PROXIES]
    try:
        return str(ipaddress.ip_address(candidate))
    except ValueError:
        return remote


def count_login_failure(sender, credentials, request=None, **kwargs):
    """Receiver of ``user_login_failed``: a wrong password or code counts against the address."""
    if request is not None:
        throttle.hit(LOGIN_FAILURES, throttle.client_address(request))


def login_paused(request):
    """Whether the client's address failed too often lately, whichever accounts it tried."""
    return throttle.rate(LOGIN_FAILURES, throttle.client_address(request)) >= (
        LOGIN_FAILURES_PER_ADDRESS
    )


def forget_failures(request, user):
    """After a whole login (password and, where owed, the code), the account's failures from this
    address are forgotten; a right password alone must not wipe out wrong codes."""
    AxesProxyHandler.reset_attempts(
        ip_address=get_client_ip_address(request) or None, username=user.get_username()
    )


def forget_failures_after_login(sender, request, user, **kwargs):
    """Receiver of ``user_logged_in``: the password is the whole login for those who owe no code."""
    if request is not None and not second_factor.required(user):
        forget_failures(request, user)


def reset_paused(request):
    """Count a password reset request from the client's address; whether it asked too often."""
    return throttle.hit(RESET_REQUESTS, throttle.client_address(request)) > (
        RESET_REQUESTS_PER_ADDRESS
    )


def reset_mail_allowed(email):
    """Count a reset mail to ``email``; whether one more may go to it within the hour."""
    return throttle.hit(RESET_MAILS, email.strip().lower()) <= RESET_MAILS_PER_ACCOUNT


def paused_response(request):
    """The page of a paused login or reset, with 429 Too Many Requests."""
    return render(request, "accounts/paused.html", status=429)
