"""The signed letter's scan and the municipality's reply, kept with the letter: the reply is
public, the scan (signatures, stamps) is seen only by staff unless they publish it."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from ivanovo_portal.recommendations import attachments, letters
from ivanovo_portal.recommendations.models import Attachment
from ivanovo_portal.refusals import Refused

from .helpers import PDF, checked_pdf, filed, prepared

pytestmark = pytest.mark.django_db
Kind = Attachment.Kind


def attach(letter, kind, user, **options):
    return attachments.attach(letter, kind=kind, file=checked_pdf(), user=user, **options)


def content(response):
    return b"".join(response.streaming_content)


def test_a_scan_is_private_unless_published_and_a_reply_is_always_public(staff, official):
    letter = filed(staff)

    scan = attach(letter, Kind.SIGNED_LETTER, staff)
    reply = attach(letter, Kind.REPLY, official, is_public=False)

    assert not scan.is_public
    assert reply.is_public
    assert (scan.size, scan.content_type) == (len(PDF), "application/pdf")
    with scan.file.open("rb") as stored:
        assert stored.read() == PDF
    assert "scan" not in scan.file.name  # stored under a name of its own


def test_a_reply_waits_for_the_filing_and_a_cancelled_letter_takes_nothing(staff):
    letter = prepared(staff)

    with pytest.raises(Refused):
        attach(letter, Kind.REPLY, staff)
    attach(letter, Kind.SIGNED_LETTER, staff)
    letters.cancel_letter(letter, reason="Заменено.", user=staff)
    with pytest.raises(Refused):
        attach(letter, Kind.SIGNED_LETTER, staff)


def test_staff_publish_a_scan_and_take_it_back_but_a_reply_stays_public(staff):
    letter = filed(staff)
    scan, reply = attach(letter, Kind.SIGNED_LETTER, staff), attach(letter, Kind.REPLY, staff)

    assert attachments.set_attachment_public(scan, is_public=True, user=staff).is_public
    assert not attachments.set_attachment_public(scan, is_public=False, user=staff).is_public
    with pytest.raises(Refused):
        attachments.set_attachment_public(reply, is_public=False, user=staff)


# Through the screens.


def upload(client, letter, kind, data=PDF, name="scan.pdf", **fields):
    return client.post(
        reverse("recommendations:attachment_add", args=[letter.pk]),
        {"kind": kind, "file": SimpleUploadedFile(name, data), **fields},
    )


def test_staff_attach_the_signed_scan_which_only_staff_can_download(
    client, staff, official, resident
):
    letter = filed(staff)
    client.force_login(staff)

    response = upload(client, letter, Kind.SIGNED_LETTER, name="Подписано писмо.pdf")

    assert response.status_code == 302
    scan = Attachment.objects.get()
    url = scan.get_absolute_url()
    assert url in client.get(letter.get_absolute_url()).content.decode()
    download = client.get(url)
    assert content(download) == PDF
    assert "private" in download["Cache-Control"]
    for persona in (official, resident):
        client.force_login(persona)
        assert client.get(url).status_code == 403
    client.logout()
    assert client.get(url).url.startswith(reverse("accounts:login"))
    recommendation = letter.recommendations.get()
    assert url not in client.get(recommendation.get_absolute_url()).content.decode()


def test_a_published_scan_and_a_reply_are_on_the_recommendations_public_page(
    client, staff, official
):
    letter = filed(staff)
    client.force_login(staff)
    upload(client, letter, Kind.SIGNED_LETTER, is_public="on")
    client.force_login(official)
    upload(client, letter, Kind.REPLY, name="Отговор на общината.pdf")
    client.logout()

    html = client.get(letter.recommendations.get().get_absolute_url()).content.decode()

    for attachment in Attachment.objects.all():
        assert attachment.is_public
        assert attachment.get_absolute_url() in html
        assert content(client.get(attachment.get_absolute_url())) == PDF
    assert "Отговор на общината.pdf" in html


def test_an_official_may_attach_the_reply_but_not_a_scan(client, staff, official):
    letter = filed(staff)
    client.force_login(official)

    form = client.get(letter.get_absolute_url()).context["attachment_form"]
    response = upload(client, letter, Kind.SIGNED_LETTER)

    assert [value for value, _label in form.fields["kind"].choices] == [Kind.REPLY]
    assert "is_public" not in form.fields
    assert response.status_code == 200
    assert "kind" in response.context["attachment_form"].errors
    assert not Attachment.objects.exists()


def test_a_file_that_is_not_what_its_name_says_is_refused_by_the_field(client, staff):
    letter = filed(staff)
    client.force_login(staff)

    response = upload(client, letter, Kind.SIGNED_LETTER, data=b"<html></html>", name="scan.pdf")

    assert response.status_code == 200
    assert "file" in response.context["attachment_form"].errors
    assert 'enctype="multipart/form-data"' in response.content.decode()
    assert not Attachment.objects.exists()


def test_staff_publish_a_scan_from_the_letters_page(client, staff):
    letter = filed(staff)
    scan = attach(letter, Kind.SIGNED_LETTER, staff)
    client.force_login(staff)

    client.post(reverse("recommendations:attachment_publish", args=[scan.pk]), {"is_public": "1"})

    scan.refresh_from_db()
    assert scan.is_public
