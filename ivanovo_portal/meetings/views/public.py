"""The public side of ``/events/``: the list of meetings with its filters, a meeting's page (the
same for every visitor, so kept by the page cache: the registration form has a page of its own),
its files and speakers' photos, and the calendar feeds."""

from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.translation import gettext

from ivanovo_portal.uploads import serve_private

from .. import ics, listings
from ..models import Meeting

PAGE_SIZE = 20
CALENDAR = "text/calendar; charset=utf-8"


def _get_meeting_for_reader(request, slug):
    """The meeting's page as ``request.user`` may see it: anyone a public one, staff a draft."""
    meeting = listings.meeting_page(slug)
    if meeting is None or not (
        meeting.is_public() or request.user.has_perm("meetings.change_meeting")
    ):
        raise Http404
    return meeting


def _public_file_meeting(request, slug):
    return get_object_or_404(
        Meeting.objects.all()
        if request.user.has_perm("meetings.change_meeting")
        else Meeting.objects.public(),
        slug=slug,
    )


def meeting_list(request):
    filterset = listings.MeetingFilter(request.GET, queryset=listings.public_meetings())
    page_obj = Paginator(filterset.qs, PAGE_SIZE).get_page(request.GET.get("page"))
    for meeting in page_obj:
        meeting.places_left = listings.places_left(meeting)
        meeting.registration_open = listings.registration_state(meeting) == "open"
    return render(request, "meetings/list.html", {"filter": filterset, "page_obj": page_obj})


def page_context(meeting):
    """What a meeting's page shows of ``meeting`` (from ``listings.meeting_page``) beside it: its
    duration, places and where registration stands; also the campaign's event pages."""
    for material in meeting.public_materials:
        material.type_label = listings.FILE_TYPES.get(material.content_type, "")
    return {
        "meeting": meeting,
        "duration": listings.duration(meeting),
        "places_left": listings.places_left(meeting),
        "is_past": meeting.ends_at < timezone.now(),
        "registration": listings.registration_state(meeting),
    }


def meeting_detail(request, slug):
    """Everything a resident needs on a phone: when (Sofia time), where, access, the places left,
    the way to register, the programme, the speakers and the public materials."""
    meeting = _get_meeting_for_reader(request, slug)
    return render(request, "meetings/detail.html", page_context(meeting))


def material(request, slug, pk):
    """A meeting's file: anyone a public one of a public meeting, staff any."""
    meeting = _public_file_meeting(request, slug)
    materials = meeting.materials.all()
    if not request.user.has_perm("meetings.change_meeting"):
        materials = materials.filter(is_public=True)
    material = get_object_or_404(materials, pk=pk)
    return serve_private(
        material.file, material.name, content_type=material.content_type, public=material.is_public
    )


def speaker_photo(request, slug, pk):
    """A speaker's photo: published with the meeting (the speaker consented), so public."""
    meeting = _public_file_meeting(request, slug)
    speaker = get_object_or_404(meeting.speakers.exclude(photo=""), pk=pk)
    name = speaker.photo.name.rsplit("/", 1)[-1]
    response = serve_private(speaker.photo, name, public=True)
    # Shown in the page, not downloaded.
    response["Content-Disposition"] = content_disposition_header(False, name)
    return response


def feed(request):
    """Every public meeting as one calendar to subscribe to."""
    meetings = Meeting.objects.public().select_related("settlement")
    return HttpResponse(
        ics.calendar(meetings, name=gettext("Meetings and events")), content_type=CALENDAR
    )


def meeting_ics(request, slug):
    """One meeting as a calendar file to add it to a phone's calendar."""
    meeting = get_object_or_404(Meeting.objects.public().select_related("settlement"), slug=slug)
    response = HttpResponse(ics.calendar([meeting]), content_type=CALENDAR)
    response["Content-Disposition"] = content_disposition_header(True, f"{meeting.slug}.ics")
    return response
