"""Nothing but the public pages answers someone who owes the second factor."""

from django.contrib.auth.models import AnonymousUser
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import urlencode

from . import second_factor

# Where someone who gave the password goes to give the code, or to leave.
STEP_PAGES = {
    "accounts:second_factor",
    "accounts:second_factor_enrol",
    "accounts:logout",
    "set_language",
}
# Pages that would ask for the password again: they send to the code step instead.
LOGIN_PAGES = {"accounts:login", "admin:login"}


def step_url(user, next_url=""):
    """The code step, or the enrolment of an authenticator for someone who has none yet."""
    enrolled = second_factor.authenticator(user)
    name = "accounts:second_factor" if enrolled else "accounts:second_factor_enrol"
    query = f"?{urlencode({'next': next_url})}" if next_url else ""
    return reverse(name) + query


class SecondFactorMiddleware:
    """After django-otp's OTPMiddleware: until a person who owes the second factor gives it, every
    page but the code step answers them as an anonymous visitor. Public pages stay readable; a
    page that needs a login sends to the login page, which sends on to the code step; the admin
    sends there at once."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        match = request.resolver_match
        if match.view_name in STEP_PAGES or not second_factor.pending(request.user):
            return None
        if match.view_name in LOGIN_PAGES:
            return redirect(step_url(request.user, request.GET.get("next", "")))
        if match.namespace == "admin":
            return redirect(step_url(request.user, request.get_full_path()))
        request.user = AnonymousUser()
        return None
