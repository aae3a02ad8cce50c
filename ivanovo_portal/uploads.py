"""The one way a file sent by someone comes into the portal: its size is limited, its type is read
from its bytes (never from its name or the browser's word), and an image is drawn again without
its metadata (a phone's photo carries where and when it was taken).

A form cleans its file field with :func:`checked`, which refuses a file with a message for the
field, and hands the service a :class:`CheckedFile` to store. Stored files live under
``MEDIA_ROOT``, which has no public address: a view that checks permission serves them.
"""

import hashlib
import io
from dataclasses import dataclass
from functools import cached_property

from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _
from PIL import Image, ImageOps, UnidentifiedImageError
from pypdf import PdfReader

MAX_BYTES = 8 * 1024 * 1024

# The documents people attach: scans and letters. Each type: its signature at the start of the
# file, the content type it is served with, and the extension it is stored under.
PDF = ("application/pdf", ".pdf", b"%PDF-")
JPEG = ("image/jpeg", ".jpg", b"\xff\xd8\xff")
PNG = ("image/png", ".png", b"\x89PNG\r\n\x1a\n")
DOCUMENT_TYPES = (PDF, JPEG, PNG)


@dataclass(frozen=True)
class CheckedFile:
    name: str
    content_type: str
    extension: str
    data: bytes

    @property
    def size(self):
        return len(self.data)

    @cached_property
    def sha256(self):
        return hashlib.sha256(self.data).hexdigest()


def checked(upload, *, types=DOCUMENT_TYPES, max_bytes=MAX_BYTES):
    """The uploaded file as a :class:`CheckedFile`, or ``ValidationError`` saying what is wrong."""
    if upload.size > max_bytes:
        raise ValidationError(
            _("The file is %(size)s; the largest accepted is %(limit)s."),
            code="too_large",
            params={"size": filesizeformat(upload.size), "limit": filesizeformat(max_bytes)},
        )
    data = b"".join(upload.chunks())
    kind = next((kind for kind in types if data.startswith(kind[2])), None)
    if kind is None:
        raise ValidationError(
            _("This file is not a PDF or a JPEG or PNG image. Scan the document to one of these."),
            code="type",
        )
    content_type, extension, _signature = kind
    data = _checked_pdf(data) if kind == PDF else _redrawn_image(data, content_type)
    return CheckedFile(upload.name[:255], content_type, extension, data)


def _checked_pdf(data):
    try:
        pages = len(PdfReader(io.BytesIO(data)).pages)
    except Exception as error:  # any failure to parse it means it is not a PDF we can keep
        raise _unreadable() from error
    if not pages:
        raise _unreadable()
    return data


def _redrawn_image(data, content_type):
    try:
        with Image.open(io.BytesIO(data)) as image:
            image.load()
            # Turned as the camera meant it, since the orientation goes with the metadata.
            upright = ImageOps.exif_transpose(image)
    except (UnidentifiedImageError, OSError, Image.DecompressionBombError) as error:
        raise _unreadable() from error
    out = io.BytesIO()
    if content_type == JPEG[0]:
        upright.convert("RGB").save(out, "JPEG", quality=90)
    else:
        upright.save(out, "PNG")
    return out.getvalue()


def _unreadable():
    return ValidationError(
        _("This file is damaged or cannot be read. Save or scan it again and send it once more."),
        code="unreadable",
    )
