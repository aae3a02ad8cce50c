import json

from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from . import services
from .forms import EraseAccountForm
from .selectors import account_data, roles_of


@login_required
def profile(request):
    return render(request, "accounts/profile.html", {"roles": roles_of(request.user)})


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
        except ValidationError as error:
            form.add_error(None, error)
        else:
            logout(request)
            messages.success(request, _("Your account and your data have been erased."))
            return redirect("home")
    return render(request, "accounts/erase.html", {"form": form})
