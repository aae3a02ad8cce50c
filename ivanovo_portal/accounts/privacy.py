"""The privacy notice made from the personal-data register, and a person's rights without an
account: a signed, time-limited link sent to the e-mail address they gave opens a page to download
what the register holds for that address or to have it erased."""

import json

from django import forms
from django.contrib import messages
from django.core import signing
from django.core.mail import send_mail
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache

from ivanovo_portal import floods, throttle
from ivanovo_portal.project import PROJECT

from . import personal_data
from .personal_data import Person

SCOPE = "privacy.rights"
SALT = "ivanovo_portal.privacy.rights"
LINK_HOURS = 24
# More links than this to one address in an hour are not sent: nobody can flood an inbox with them.
LINKS_PER_ADDRESS_PER_HOUR = 3


class AddressForm(forms.Form):
    email = forms.EmailField(
        label=gettext_lazy("The e-mail address you gave us"),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )


class EraseForm(forms.Form):
    confirm = forms.BooleanField(
        label=gettext_lazy("Yes, erase everything the portal holds under this address."),
        error_messages={"required": gettext_lazy("Tick the box to confirm the erasure.")},
    )


def notice(request):
    return render(
        request,
        "accounts/privacy.html",
        {"entries": personal_data.notice(), "project": PROJECT},
    )


def rights(request):
    form = AddressForm(request.POST or None)
    if form.is_valid() and floods.sender_passes(request, form, SCOPE):
        send_link(request, form.cleaned_data["email"])
        messages.success(
            request,
            _(
                "If the portal holds anything under this address, a link has been sent to it. "
                "The link works for %(hours)s hours."
            )
            % {"hours": LINK_HOURS},
        )
        return redirect("privacy:rights")
    challenge = floods.challenge_for(request, SCOPE)
    return render(
        request,
        "accounts/privacy_rights.html",
        {"form": form, "proof_of_work": json.dumps(challenge) if challenge else None},
    )


def send_link(request, email):
    """Mail ``email`` a link to its data when the register holds any; the page answers the same
    either way, so that nobody learns from it whose address is known."""
    email = email.strip().lower()
    if throttle.hit(SCOPE + ".address", email) > LINKS_PER_ADDRESS_PER_HOUR:
        return
    if not personal_data.export(Person(email=email)):
        return
    token = signing.dumps(email, salt=SALT)
    link = request.build_absolute_uri(reverse("privacy:link", args=[token]))
    body = render_to_string(
        "accounts/privacy_link_email.txt", {"link": link, "hours": LINK_HOURS}, request=request
    )
    send_mail(_("Your personal data on the portal"), body, None, [email])


def _address_from(token):
    try:
        return signing.loads(token, salt=SALT, max_age=LINK_HOURS * 60 * 60)
    except signing.BadSignature:
        return None


def _expired(request):
    messages.warning(request, _("This link has expired or is not valid. Ask for a new one."))
    return redirect("privacy:rights")


@never_cache
def link(request, token):
    email = _address_from(token)
    if email is None:
        return _expired(request)
    form = EraseForm(request.POST or None)
    if form.is_valid():
        personal_data.erase(Person(email=email))
        messages.success(request, _("Everything the portal held under your address is erased."))
        return redirect("privacy:notice")
    return render(
        request,
        "accounts/privacy_link.html",
        {"form": form, "token": token, "held": personal_data.export(Person(email=email))},
    )


@never_cache
def download(request, token):
    email = _address_from(token)
    if email is None:
        return _expired(request)
    data = {
        "exported_at": timezone.now().isoformat(),
        "email": email,
        **personal_data.export(Person(email=email)),
    }
    response = HttpResponse(
        json.dumps(data, ensure_ascii=False, indent=2),
        content_type="application/json; charset=utf-8",
    )
    response["Content-Disposition"] = 'attachment; filename="personal-data.json"'
    return response
