"""Registering for a meeting without an account, the confirmation page, and cancelling by the
signed link from the e-mail (a page that asks first: a GET never cancels)."""

import json

import segno
from django.conf import settings
from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from ivanovo_portal import floods
from ivanovo_portal.refusals import Refused, apply_form

from .. import ics, links, listings
from ..forms.registrations import RegistrationForm
from ..models import Meeting, Registration
from ..services import registrations as services

# The flood count of the registration form.
REGISTER = "meetings.register"


def _get_meeting_for_public(slug):
    return get_object_or_404(
        listings.with_places(Meeting.objects.public().select_related("settlement")), slug=slug
    )


def register(request, slug):
    """The registration form, reached from the meeting's page; on errors it is shown again
    with what was typed and the messages by their fields."""
    meeting = _get_meeting_for_public(slug)
    form = RegistrationForm(request.POST or None)
    sent = request.method == "POST" and form.is_valid()
    if sent and floods.sender_passes(request, form, REGISTER):
        registration = apply_form(form, services.register, meeting)
        if registration is not None:
            return redirect("meetings:registered", meeting.slug, registration.code)
    challenge = floods.challenge_for(request, REGISTER)
    return render(
        request,
        "meetings/register.html",
        {
            "meeting": meeting,
            "form": form,
            "places_left": listings.places_left(meeting),
            "registration": listings.registration_state(meeting),
            "proof_of_work": json.dumps(challenge) if challenge else None,
        },
    )


@never_cache
def registered(request, slug, code):
    """The confirmation: the date, time and place, the code for the door with its QR code, the
    calendar file and the link to cancel. Its address holds the code, which only the person
    registered is given."""
    registration = get_object_or_404(
        Registration.objects.select_related("meeting__settlement", "settlement", "group"),
        meeting__slug=slug,
        code=code,
    )
    if not registration.meeting.is_public():
        raise Http404
    door_url = settings.PORTAL_URL + reverse("meetings:door_code", args=[registration.code])
    return render(
        request,
        "meetings/registered.html",
        {
            "registration": registration,
            "meeting": registration.meeting,
            "where": ics.location(registration.meeting),
            "qr": segno.make(door_url, error="m").svg_data_uri(scale=5, border=2),
            "cancel_token": links.cancel_token(registration),
        },
    )


@never_cache
def cancel(request, token):
    """The cancel link: what will be cancelled and a button; the button cancels."""
    registration = links.registration_for_token(token)
    if registration is None or not registration.meeting.is_public():
        raise Http404
    refusal = None
    if request.method == "POST":
        try:
            services.cancel(registration)
        except Refused as error:
            refusal = error.message
        else:
            messages.success(request, _("Your registration has been cancelled."))
            return redirect("meetings:cancel", token)
    return render(
        request,
        "meetings/cancel.html",
        {
            "registration": registration,
            "meeting": registration.meeting,
            "where": ics.location(registration.meeting),
            "refusal": refusal,
        },
    )
