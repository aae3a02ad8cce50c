"""The foundation's acceptance path, through the screens as people use them: staff write and
approve two recommendations and prepare a letter; an official records its filing with the
registry number, and the response; the public sees the timeline and the indicators count them."""

import io
import re

import pytest
from django.urls import reverse
from django.utils import timezone
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice
from pypdf import PdfReader

from ivanovo_portal.accounts import second_factor
from ivanovo_portal.documents.models import GeneratedDocument
from ivanovo_portal.recommendations.models import Recommendation, RegistrySubmission

PASSWORD = "correct horse battery staple"


def log_in(client, user):
    """The password, then the code of the user's authenticator (staff and officials owe one)."""
    response = client.post(
        reverse("accounts:login"), {"username": user.username, "password": PASSWORD}
    )
    assert response.status_code == 302, "login failed"
    device = TOTPDevice.objects.create(user=user, name=second_factor.AUTHENTICATOR, confirmed=True)
    response = client.post(
        reverse("accounts:second_factor"), {"code": f"{totp(device.bin_key):06d}"}
    )
    assert response.status_code == 302, "code refused"


@pytest.mark.django_db
def test_recommendations_go_from_staff_to_the_registry_and_back_to_the_public(
    client, staff, official, django_capture_on_commit_callbacks
):
    # Approved today through the screens: the letter, its filing and the answer follow today.
    today = timezone.localdate().isoformat()
    log_in(client, staff)
    for title in ["Публикуване на проектите на решения", "Приемни на кмета в селата"]:
        client.post(
            reverse("recommendations:create"),
            {
                "title": title,
                "text": f"{title}: текст на препоръката.",
                "rationale": "Резултатите от проучването.",
                "addressee": "Кмета на Община Иваново",
                "activity": "surveys",
                "source_label": "Кръгла маса в Иваново",
            },
        )
    recommendations = list(Recommendation.objects.order_by("pk"))
    assert len(recommendations) == 2
    for recommendation in recommendations:
        client.post(reverse("recommendations:approve", args=[recommendation.pk]))

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("recommendations:submission_create"),
            {
                "recommendations": [r.pk for r in recommendations],
                "outgoing_number": "15",
                "outgoing_date": today,
            },
        )
    submission = RegistrySubmission.objects.get()
    assert response.url == submission.get_absolute_url()

    letter = GeneratedDocument.objects.get()
    assert letter.status == GeneratedDocument.Status.READY
    download = client.get(reverse("documents:download", args=[letter.pk]))
    assert download["Content-Type"] == "application/pdf"
    pdf = PdfReader(io.BytesIO(b"".join(download.streaming_content)))
    text = " ".join(page.extract_text() for page in pdf.pages)
    assert "Кмета на Община Иваново" in text
    assert "Публикуване на проектите на решения" in text
    assert "Приемни на кмета в селата" in text
    assert "Европейски съюз" in text
    assert "BG05SFOP001-2.025-0007" in text
    assert re.search(r"страница 1 от \d", text)

    client.post(reverse("accounts:logout"))
    log_in(client, official)
    client.post(
        reverse("recommendations:file", args=[submission.pk]),
        {"filed_on": today, "registry_number": "94-00-312", "registry_date": ""},
    )
    first = recommendations[0]
    client.post(
        reverse("recommendations:response", args=[first.pk]),
        {
            "text": "Общината приема препоръката.",
            "date": today,
            "reference": "94-00-312-1",
            "decision": "accepted",
        },
    )
    client.post(reverse("accounts:logout"))

    public_page = client.get(first.get_absolute_url()).content.decode()
    assert "94-00-312" in public_page
    assert "Общината приема препоръката." in public_page
    assert public_page.count("<time") >= 4

    indicators = client.get(reverse("indicators:index")).content.decode()
    assert re.search(r"2\s+от\s+2", indicators)
