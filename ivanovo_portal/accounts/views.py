import json

from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from ivanovo_portal.refusals import Refused, show_on_form

from . import awaiting, services
from .forms import EraseAccountForm
from .roles import Role
from .selectors import account_data, roles_of


class LoginView(auth_views.LoginView):
    """Django's login; without a ``next`` address each person lands on their own page."""

    def get_default_redirect_url(self):
        return awaiting.landing_url(self.request.user)


@login_required
def profile(request):
    return render(request, "accounts/profile.html", {"roles": roles_of(request.user)})


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
