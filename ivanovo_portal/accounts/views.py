import json

from axes.handlers.proxy import AxesProxyHandler
from axes.helpers import get_lockout_response
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth import views as auth_views
from django.contrib.auth.context_processors import PermWrapper
from django.contrib.auth.decorators import login_required
from django.contrib.auth.models import AnonymousUser
from django.contrib.auth.signals import user_login_failed
from django.http import HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from ivanovo_portal.refusals import Refused, show_on_form

from . import awaiting, second_factor, services, throttling
from .forms import CodeForm, EraseAccountForm
from .middleware import step_url
from .roles import Role
from .selectors import account_data, roles_of


class LoginView(auth_views.LoginView):
    """Django's login; without a ``next`` address each person lands on their own page. An address
    that failed too often across accounts is paused."""

    def post(self, request, *args, **kwargs):
        if throttling.login_paused(request):
            return throttling.paused_response(request)
        return super().post(request, *args, **kwargs)

    def get_default_redirect_url(self):
        return awaiting.landing_url(self.request.user)


class PasswordResetView(auth_views.PasswordResetView):
    """Django's password reset, throttled per address and per account; an account past its limit
    gets no mail but the same answer, so that the page tells nobody which addresses exist."""

    def post(self, request, *args, **kwargs):
        if throttling.reset_paused(request):
            return throttling.paused_response(request)
        return super().post(request, *args, **kwargs)

    def form_valid(self, form):
        if throttling.reset_mail_allowed(form.cleaned_data["email"]):
            return super().form_valid(form)
        return HttpResponseRedirect(self.get_success_url())


def _as_visitor(request):
    """The page frame as a visitor sees it while the code is owed: no back-office menu."""
    if not second_factor.pending(request.user):
        return {}
    return {"user": AnonymousUser(), "perms": PermWrapper(AnonymousUser())}


def _next_url(request):
    next_url = request.POST.get("next") or request.GET.get("next", "")
    allowed = url_has_allowed_host_and_scheme(
        next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )
    return next_url if allowed else ""


@login_required
@never_cache
def second_factor_enrol(request):
    """Enrol an authenticator app: its QR code and key, confirmed by a first code."""
    user = request.user
    if second_factor.authenticator(user):
        return redirect(step_url(user) if not user.is_verified() else "accounts:profile")
    device = second_factor.enrolment_device(user)
    form = CodeForm(request.POST or None)
    if form.is_valid():
        codes = second_factor.confirm_enrolment(request, device, form.cleaned_data["code"])
        if codes:
            request.session.cycle_key()
            throttling.forget_failures(request, user)
            return _recovery_codes_page(request, codes)
        form.add_error(
            "code",
            _("This code is not right. Check the clock of your phone and try the next code."),
        )
    context = {
        "form": form,
        "qr_code": second_factor.qr_code(device),
        "key": second_factor.manual_key(device),
        "next": _next_url(request),
        **_as_visitor(request),
    }
    return render(request, "accounts/second_factor_enrol.html", context)


@login_required
@never_cache
def second_factor_step(request):
    """The code after the password. Wrong codes count toward the login lock like wrong passwords."""
    user = request.user
    next_url = _next_url(request)
    if user.is_verified():
        return redirect(next_url or awaiting.landing_url(user))
    if not second_factor.authenticator(user):
        return redirect(step_url(user, next_url))
    credentials = {"username": user.get_username()}
    if throttling.login_paused(request):
        return throttling.paused_response(request)
    if AxesProxyHandler.is_locked(request, credentials):
        return get_lockout_response(request, None, credentials)
    form = CodeForm(request.POST or None)
    if form.is_valid():
        if second_factor.verify(request, form.cleaned_data["code"]):
            request.session.cycle_key()
            throttling.forget_failures(request, user)
            return redirect(next_url or awaiting.landing_url(user))
        user_login_failed.send(sender=__name__, credentials=credentials, request=request)
        form.add_error(
            "code", _("This code is not right. Try the current code or a recovery code.")
        )
    context = {"form": form, "next": next_url, **_as_visitor(request)}
    return render(request, "accounts/second_factor_step.html", context)


def _recovery_codes_page(request, codes):
    return render(
        request,
        "accounts/recovery_codes.html",
        {"codes": codes, "next": _next_url(request) or awaiting.landing_url(request.user)},
    )


@require_POST
@login_required
@never_cache
def new_recovery_codes(request):
    return _recovery_codes_page(request, second_factor.new_recovery_codes(request.user))


@require_POST
@login_required
def second_factor_off(request):
    try:
        second_factor.turn_off(request.user)
    except Refused as refusal:
        messages.error(request, refusal.message)
    else:
        messages.success(request, _("The second factor is turned off for your account."))
    return redirect("accounts:profile")


@login_required
def profile(request):
    user = request.user
    context = {
        "roles": roles_of(user),
        "authenticator": second_factor.authenticator(user),
        "recovery_codes_left": second_factor.recovery_codes_left(user),
        "second_factor_optional": not second_factor.required(user, by_role_only=True),
    }
    return render(request, "accounts/profile.html", context)


@login_required
def awaiting_page(request):
    """What awaits this person: the page staff and officials land on after login."""
    roles = set(request.user.groups.values_list("name", flat=True))
    return render(
        request,
        "accounts/awaiting.html",
        {
            "sections": awaiting.sections_for(request.user),
            "for_municipality": Role.MUNICIPAL_OFFICIAL in roles
            and Role.PROJECT_STAFF not in roles,
        },
    )


@login_required
@never_cache
def download_data(request):
    data = json.dumps(account_data(request.user), ensure_ascii=False, indent=2)
    response = HttpResponse(data, content_type="application/json; charset=utf-8")
    filename = f"ivanovo-portal-{request.user.username}.json"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@login_required
def erase(request):
    form = EraseAccountForm(request.user, request.POST or None)
    if form.is_valid():
        try:
            services.erase_account(request.user)
        except Refused as refusal:
            show_on_form(form, refusal)
        else:
            logout(request)
            messages.success(request, _("Your account and your data have been erased."))
            return redirect("home")
    return render(request, "accounts/erase.html", {"form": form})
