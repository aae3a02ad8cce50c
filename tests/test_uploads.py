"""The kernel's upload service: size, type read from the bytes, images drawn again without their
metadata, random names on disk, a limit per person and hour, and private files served through a
view that checks permission (by nginx in production)."""

import io
from types import SimpleNamespace

import pytest
from django import forms
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from ivanovo_portal import uploads
from ivanovo_portal.recommendations import attachments
from ivanovo_portal.recommendations.models import Attachment
from tests.recommendations.helpers import PDF, checked_pdf, filed

# What a Windows program starts with: "MZ", then the DOS header.
PROGRAM = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff" + bytes(200)


def image_bytes(fmt, size=(40, 30), **save_options):
    out = io.BytesIO()
    Image.new("RGB", size, "white").save(out, fmt, **save_options)
    return out.getvalue()


def gps_exif(**tags):
    exif = Image.Exif()
    exif[0x010F] = "Камера на кмета"  # Make
    exif[0x8825] = {1: "N", 2: (43.0, 41.0, 0.0)}  # GPS
    for tag, value in tags.items():
        exif[int(tag[1:])] = value
    return exif.tobytes()


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
    photo = image_bytes("JPEG", exif=gps_exif())
    assert b"Exif" in photo
    assert Image.open(io.BytesIO(photo)).getexif().get_ifd(0x8825)

    checked = uploads.checked(SimpleUploadedFile("scan.jpg", photo))

    assert checked.content_type == "image/jpeg"
    assert b"Exif" not in checked.data
    assert not Image.open(io.BytesIO(checked.data)).getexif()


def test_a_photo_is_turned_as_the_camera_meant_before_its_metadata_goes():
    # Orientation 6: the camera was held upright, the picture must be turned a quarter.
    photo = image_bytes("JPEG", size=(40, 30), exif=gps_exif(t274=6))

    redrawn = Image.open(io.BytesIO(uploads.checked(SimpleUploadedFile("p.jpg", photo)).data))

    assert redrawn.size == (30, 40)
    assert not redrawn.getexif()


def test_a_webp_photo_is_accepted_where_photos_are_and_loses_its_metadata():
    photo = image_bytes("WEBP", exif=gps_exif())
    assert b"EXIF" in photo

    checked = uploads.checked(SimpleUploadedFile("p.webp", photo), types=uploads.IMAGE_TYPES)

    assert (checked.content_type, checked.extension) == ("image/webp", ".webp")
    assert b"EXIF" not in checked.data
    assert refusal(PDF, types=uploads.IMAGE_TYPES) == "type"


def test_a_picture_that_would_open_into_too_many_pixels_is_refused(monkeypatch):
    monkeypatch.setattr(uploads, "MAX_PIXELS", 40 * 30 - 1)

    assert refusal(image_bytes("PNG"), name="p.png") == "too_large"


class UploadForm(forms.Form):
    file = forms.FileField()

    def clean_file(self):
        return uploads.checked(self.cleaned_data["file"])


def test_a_program_renamed_pdf_is_refused_by_the_field_with_a_message(english):
    form = UploadForm(files={"file": SimpleUploadedFile("Писмо.pdf", PROGRAM)})

    assert not form.is_valid()
    assert form.errors["file"] == [
        "Only PDF, JPEG, PNG files are accepted, and this file is none of them, "
        "whatever its name says."
    ]


def test_a_file_is_stored_under_a_random_name_keeping_only_its_type():
    names = {uploads.private_name("evidence", "../../Снимка на Иван.JPG") for _ in range(3)}

    assert len(names) == 3
    for name in names:
        folder, stem = name.rsplit("/", 1)
        assert folder == "private/evidence"
        assert stem.endswith(".jpg") and len(stem) == len("0" * 32 + ".jpg")


def test_one_person_may_send_only_so_many_files_an_hour(monkeypatch, english):
    monkeypatch.setattr(uploads, "PER_HOUR", 2)
    sender, other = SimpleNamespace(pk=1), SimpleNamespace(pk=2)

    for _ in range(2):
        uploads.checked(SimpleUploadedFile("a.pdf", PDF), user=sender)

    with pytest.raises(ValidationError) as refused:
        uploads.checked(SimpleUploadedFile("a.pdf", PDF), user=sender)
    assert refused.value.code == "too_many"
    assert uploads.checked(SimpleUploadedFile("a.pdf", PDF), user=other).size == len(PDF)


def test_the_hourly_limit_is_shown_on_the_attachment_form(client, staff, monkeypatch):
    monkeypatch.setattr(uploads, "PER_HOUR", 1)
    letter = filed(staff)
    client.force_login(staff)

    def send():
        return client.post(
            reverse("recommendations:attachment_add", args=[letter.pk]),
            {"kind": Attachment.Kind.SIGNED_LETTER, "file": SimpleUploadedFile("a.pdf", PDF)},
        )

    assert send().status_code == 302
    response = send()
    assert response.context["attachment_form"].has_error("file", code="too_many")
    assert Attachment.objects.count() == 1


# Serving private files.


def private_scan(staff):
    return attachments.attach(
        filed(staff),
        kind=Attachment.Kind.SIGNED_LETTER,
        file=checked_pdf("Подписано писмо.pdf"),
        user=staff,
    )


def test_behind_nginx_the_view_checks_and_nginx_sends_the_file(client, staff, settings):
    settings.X_ACCEL_REDIRECT_PREFIX = "/protected/"
    scan = private_scan(staff)
    client.force_login(staff)

    response = client.get(scan.get_absolute_url())

    assert response["X-Accel-Redirect"] == f"/protected/{scan.file.name}"
    assert response.content == b""
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment; filename*=utf-8''")
    assert "private" in response["Cache-Control"]
    client.logout()
    assert "X-Accel-Redirect" not in client.get(scan.get_absolute_url())


def test_without_nginx_django_sends_the_file_and_a_missing_one_is_not_found(client, staff):
    scan = private_scan(staff)
    client.force_login(staff)

    response = client.get(scan.get_absolute_url())

    assert "X-Accel-Redirect" not in response
    assert b"".join(response.streaming_content) == PDF
    scan.file.storage.delete(scan.file.name)
    assert client.get(scan.get_absolute_url()).status_code == 404
