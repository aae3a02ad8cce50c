"""The one way a file sent by someone comes into the portal and goes out again (ASVS 5.2): its
size is limited and so is how many one person sends in an hour, its type is read from its bytes
(never from its name or the browser's word), and an image is drawn again without its metadata (a
phone's photo carries where and when it was taken).

A form cleans its file field with :func:`checked`, which refuses a file with a message for the
field, and hands the service a :class:`CheckedFile` to store under :func:`private_name`. Stored
files live under ``MEDIA_ROOT``, which has no public address: a view that checks permission serves
them with :func:`serve_private`.
"""

import hashlib
import io
import mimetypes
import uuid
import zipfile
from dataclasses import dataclass
from functools import cached_property
from pathlib import PurePath
from urllib.parse import quote

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpResponse
from django.template.defaultfilters import filesizeformat
from django.utils.cache import patch_cache_control
from django.utils.http import content_disposition_header
from django.utils.translation import gettext_lazy as _
from PIL import Image, ImageOps, UnidentifiedImageError
from pypdf import PdfReader

from ivanovo_portal import throttle

MAX_BYTES = 8 * 1024 * 1024
# A 50-megapixel photo; a small file that would open into more is a decompression bomb.
MAX_PIXELS = 50_000_000
# Files one person may send in an hour: a meeting's photos fit, a script filling the disk does not.
PER_HOUR = 60


@dataclass(frozen=True)
class FileType:
    """A type the portal accepts: how it is named to people, served and stored, and the signature
    its bytes carry at ``offset``; ``image_format`` is Pillow's name when it is drawn again."""

    label: str
    content_type: str
    extension: str
    signature: bytes
    offset: int = 0
    image_format: str = ""

    def matches(self, data):
        return data[self.offset : self.offset + len(self.signature)] == self.signature


PDF = FileType("PDF", "application/pdf", ".pdf", b"%PDF-")
JPEG = FileType("JPEG", "image/jpeg", ".jpg", b"\xff\xd8\xff", image_format="JPEG")
PNG = FileType("PNG", "image/png", ".png", b"\x89PNG\r\n\x1a\n", image_format="PNG")
# RIFF, the length, then the form type.
WEBP = FileType("WebP", "image/webp", ".webp", b"WEBP", offset=8, image_format="WEBP")
# A Word document is a ZIP archive; _checked_docx looks inside.
DOCX = FileType(
    "DOCX",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ".docx",
    b"PK\x03\x04",
)
# An unpacked document larger than this is a ZIP bomb, not a municipal draft.
MAX_UNPACKED_BYTES = 100 * 1024 * 1024
# The documents people attach: scans and letters.
DOCUMENT_TYPES = (PDF, JPEG, PNG)
# Photos: of a meeting, or a monitor's evidence.
IMAGE_TYPES = (JPEG, PNG, WEBP)


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


def checked(upload, *, user=None, types=DOCUMENT_TYPES, max_bytes=MAX_BYTES):
    """The uploaded file as a :class:`CheckedFile`, or ``ValidationError`` saying what is wrong;
    with ``user``, it counts towards what that account may send in an hour."""
    if user is not None and throttle.hit("upload", f"user:{user.pk}") > PER_HOUR:
        raise ValidationError(
            _(
                "You have sent too many files in the last hour (at most %(limit)s). "
                "Send this one later."
            ),
            code="too_many",
            params={"limit": PER_HOUR},
        )
    if upload.size > max_bytes:
        raise ValidationError(
            _("The file is %(size)s; the largest accepted is %(limit)s."),
            code="too_large",
            params={"size": filesizeformat(upload.size), "limit": filesizeformat(max_bytes)},
        )
    data = b"".join(upload.chunks())
    kind = next((kind for kind in types if kind.matches(data)), None)
    if kind is None:
        raise ValidationError(
            _(
                "Only %(types)s files are accepted, and this file is none of them, "
                "whatever its name says."
            ),
            code="type",
            params={"types": ", ".join(accepted.label for accepted in types)},
        )
    if kind.image_format:
        data = _redrawn_image(data, kind.image_format)
    else:
        data = _checked_docx(data) if kind is DOCX else _checked_pdf(data)
    return CheckedFile(upload.name[:255], kind.content_type, kind.extension, data)


def private_name(folder, filename):
    """Where a file is stored: a random name under ``private/<folder>/`` keeping only the
    extension, which :func:`checked` chose from the bytes; the sender's name is never a path."""
    return f"private/{folder}/{uuid.uuid4().hex}{PurePath(filename).suffix.lower()}"


def serve_private(file, filename, *, content_type=None, public=False):
    """A stored file as a download named ``filename``, once the caller has checked permission:
    handed to nginx when ``X_ACCEL_REDIRECT_PREFIX`` is set, else read by Django; unless
    ``public``, no shared cache keeps it."""
    content_type = content_type or mimetypes.guess_type(filename)[0] or "application/octet-stream"
    prefix = settings.X_ACCEL_REDIRECT_PREFIX
    if prefix:
        response = HttpResponse(content_type=content_type)
        response["X-Accel-Redirect"] = quote(f"{prefix.rstrip('/')}/{file.name}")
        response["Content-Disposition"] = content_disposition_header(True, filename)
    else:
        try:
            handle = file.open("rb")
        except FileNotFoundError as error:
            raise Http404("The file is missing.") from error
        response = FileResponse(
            handle, as_attachment=True, filename=filename, content_type=content_type
        )
    if not public:
        patch_cache_control(response, private=True)
    return response


def _checked_pdf(data):
    try:
        pages = len(PdfReader(io.BytesIO(data)).pages)
    except Exception as error:  # any failure to parse it means it is not a PDF we can keep
        raise _unreadable() from error
    if not pages:
        raise _unreadable()
    return data


def _checked_docx(data):
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = archive.infolist()
    except zipfile.BadZipFile as error:
        raise _unreadable() from error
    names = {member.filename for member in members}
    unpacked = sum(member.file_size for member in members)
    if "word/document.xml" not in names or unpacked > MAX_UNPACKED_BYTES:
        raise _unreadable()
    return data


def _redrawn_image(data, image_format):
    try:
        with Image.open(io.BytesIO(data)) as image:
            if image.width * image.height > MAX_PIXELS:
                raise ValidationError(
                    _(
                        "The picture has %(pixels)s million pixels; the most accepted is "
                        "%(limit)s million. Save it smaller and send it again."
                    ),
                    code="too_large",
                    params={
                        "pixels": image.width * image.height // 1_000_000,
                        "limit": MAX_PIXELS // 1_000_000,
                    },
                )
            image.load()
            # Turned as the camera meant it, since the orientation goes with the metadata.
            upright = ImageOps.exif_transpose(image)
    except (UnidentifiedImageError, OSError, Image.DecompressionBombError) as error:
        raise _unreadable() from error
    out = io.BytesIO()
    if image_format == "JPEG":
        upright.convert("RGB").save(out, "JPEG", quality=90)
    elif image_format == "WEBP":
        upright.save(out, "WEBP", quality=90)
    else:
        upright.save(out, "PNG")
    return out.getvalue()


def _unreadable():
    return ValidationError(
        _("This file is damaged or cannot be read. Save or scan it again and send it once more."),
        code="unreadable",
    )


class UploadForm(forms.Form):
    """A form with one sent ``file``, cleaned by :func:`checked` for the ``user`` who sends it.
    A subclass names the ``types`` it takes and says so in ``file_help`` (``%(limit)s`` is the
    size limit), and adds its own fields."""

    types = DOCUMENT_TYPES
    file_help = _("PDF, JPEG or PNG, up to %(limit)s.")
    file = forms.FileField(label=_("File"))

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.fields["file"].help_text = self.file_help % {"limit": filesizeformat(MAX_BYTES)}

    def clean_file(self):
        return checked(self.cleaned_data["file"], user=self.user, types=self.types)
