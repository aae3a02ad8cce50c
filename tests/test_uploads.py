"""The kernel's upload check: size, type read from the bytes, images drawn again without their
metadata."""

import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from ivanovo_portal import uploads
from tests.recommendations.helpers import PDF


def image_bytes(fmt, **save_options):
    out = io.BytesIO()
    Image.new("RGB", (40, 30), "white").save(out, fmt, **save_options)
    return out.getvalue()


def refusal(data, name="file.pdf", **options):
    with pytest.raises(ValidationError) as refused:
        uploads.checked(SimpleUploadedFile(name, data), **options)
    return refused.value.code


def test_a_pdf_is_kept_as_it_is():
    checked = uploads.checked(SimpleUploadedFile("Писмо.pdf", PDF))

    assert (checked.name, checked.content_type, checked.extension) == (
        "Писмо.pdf",
        "application/pdf",
        ".pdf",
    )
    assert checked.data == PDF
    assert checked.size == len(PDF)


def test_the_type_comes_from_the_bytes_not_the_name():
    assert refusal(b"<html><script>alert(1)</script></html>", name="scan.pdf") == "type"
    png = uploads.checked(SimpleUploadedFile("scan.pdf", image_bytes("PNG")))
    assert (png.content_type, png.extension) == ("image/png", ".png")


def test_a_damaged_pdf_or_image_is_refused():
    assert refusal(PDF[:200]) == "unreadable"
    assert refusal(image_bytes("JPEG")[:60], name="scan.jpg") == "unreadable"


def test_a_file_over_the_limit_is_refused_before_it_is_read():
    assert refusal(PDF, max_bytes=len(PDF) - 1) == "too_large"


def test_a_photo_loses_its_metadata():
    exif = Image.Exif()
    exif[0x010F] = "Камера на кмета"  # Make
    exif[0x8825] = {1: "N", 2: (43.0, 41.0, 0.0)}  # GPS
    photo = image_bytes("JPEG", exif=exif.tobytes())
    assert b"Exif" in photo

    checked = uploads.checked(SimpleUploadedFile("scan.jpg", photo))

    assert checked.content_type == "image/jpeg"
    assert b"Exif" not in checked.data
    assert not Image.open(io.BytesIO(checked.data)).getexif()
