"""Capturing the page behind a monitor's link, so that what the municipality showed on the day is
kept even if it changes the page later: fetched by a worker from the allow-listed hosts only (also
after every redirect), within a time and a size limit, stored with its SHA-256 and capture time.

The row is the truth: a capture is done only while the evidence is pending, and the result is
written with a conditional update, so a task delivered twice stores the page once.
"""

import hashlib
import mimetypes
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from urllib.parse import urljoin

from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from ivanovo_portal.refusals import Refused

from .models import Evidence
from .services.observations import check_capture_url, store

Capture = Evidence.Capture
REDIRECT_CODES = {301, 302, 303, 307, 308}
MAX_REDIRECTS = 5
CHUNK = 64 * 1024


class CaptureFailed(Exception):
    """Why a page could not be captured, in words for the monitor."""

    def __init__(self, reason):
        super().__init__(str(reason))
        self.reason = reason


@dataclass(frozen=True)
class Page:
    url: str
    content_type: str
    content: bytes


class _NoRedirects(urllib.request.HTTPRedirectHandler):
    """Redirects come back as responses: each new address is checked before it is followed."""

    def redirect_request(self, req, fp, code, msg, headers, newurl):
        return None


_opener = urllib.request.build_opener(_NoRedirects)


def fetch(url):
    """The page at ``url`` as a :class:`Page`, or :class:`CaptureFailed` saying why not."""
    deadline = time.monotonic() + settings.MONITORING_CAPTURE_TIMEOUT
    for _hop in range(MAX_REDIRECTS + 1):
        try:
            check_capture_url(url)
        except Refused as refusal:
            raise CaptureFailed(
                _("The page sent the capture to %(url)s, a host not on the list.") % {"url": url}
            ) from refusal
        request = urllib.request.Request(url, headers={"User-Agent": "ivanovo-portal-capture"})
        try:
            response = _opener.open(request, timeout=_remaining(deadline))
        except urllib.error.HTTPError as error:
            location = error.headers.get("Location")
            if error.code in REDIRECT_CODES and location:
                url = urljoin(url, location)
                error.close()
                continue
            raise CaptureFailed(
                _("The site answered with error %(code)s.") % {"code": error.code}
            ) from error
        except TimeoutError as error:
            raise _too_slow() from error
        except (urllib.error.URLError, OSError) as error:
            raise CaptureFailed(_("The site could not be reached.")) from error
        with response:
            content_type = response.headers.get_content_type()
            return Page(url, content_type, _read(response, deadline))
    raise CaptureFailed(_("The page redirected too many times."))


def _remaining(deadline):
    left = deadline - time.monotonic()
    if left <= 0:
        raise _too_slow()
    return left


def _too_slow():
    return CaptureFailed(
        _("The site took longer than %(seconds)s seconds to send the page.")
        % {"seconds": settings.MONITORING_CAPTURE_TIMEOUT}
    )


def _read(response, deadline):
    """The body, refused once it passes the size limit or the time left; ``read1`` returns after
    one read from the socket, so a site sending a trickle is stopped at the deadline too."""
    limit = settings.MONITORING_CAPTURE_MAX_BYTES
    declared = response.headers.get("Content-Length", "")
    if declared.isdigit() and int(declared) > limit:
        raise _too_large(limit)
    chunks, size = [], 0
    while True:
        try:
            chunk = response.read1(CHUNK)
        except TimeoutError as error:
            raise _too_slow() from error
        if not chunk:
            return b"".join(chunks)
        size += len(chunk)
        if size > limit:
            raise _too_large(limit)
        chunks.append(chunk)
        _remaining(deadline)


def _too_large(limit):
    return CaptureFailed(
        _("The page is larger than %(limit)s and was not kept.") % {"limit": filesizeformat(limit)}
    )


def capture(evidence_id):
    """Fetch and store the page of a pending link, or record why it failed. Safe to run twice."""
    evidence = Evidence.objects.filter(pk=evidence_id, capture=Capture.PENDING).first()
    if evidence is None:
        return
    pending = Evidence.objects.filter(pk=evidence_id, capture=Capture.PENDING)
    try:
        page = fetch(evidence.url)
    except CaptureFailed as failure:
        record_failure(evidence_id, failure.reason)
        return
    extension = mimetypes.guess_extension(page.content_type) or ".bin"
    name = store(page.content, extension)
    stored = pending.update(
        capture=Capture.CAPTURED,
        file=name,
        name=_file_name(page.url, extension),
        content_type=page.content_type,
        size=len(page.content),
        sha256=hashlib.sha256(page.content).hexdigest(),
        captured_at=timezone.now(),
    )
    if not stored:
        # Another delivery of the task stored it first.
        Evidence._meta.get_field("file").storage.delete(name)


def record_failure(evidence_id, reason):
    """Record why a pending link was not captured, in the portal's language."""
    with translation.override(settings.LANGUAGE_CODE):
        reason = str(reason)[:250]
    Evidence.objects.filter(pk=evidence_id, capture=Capture.PENDING).update(
        capture=Capture.FAILED, capture_error=reason
    )


def _file_name(url, extension):
    """A download name that says where the page came from."""
    host_and_path = url.split("://", 1)[-1].rstrip("/")
    safe = "".join(c if c.isalnum() or c in "-." else "_" for c in host_and_path)
    return f"{safe[:150]}{'' if safe.endswith(extension) else extension}"
