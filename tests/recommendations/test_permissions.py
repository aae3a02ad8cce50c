"""Who may open each back-office screen: fixed personas against every screen."""

from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from ivanovo_portal.recommendations import attachments
from ivanovo_portal.recommendations.models import Attachment, Recommendation

from .helpers import PDF, approved, at_status, checked_pdf, filed, prepared, write

pytestmark = pytest.mark.django_db
Status = Recommendation.Status
PERSONAS = ["staff", "official", "monitor", "resident", "outsider", "anonymous"]


def _scan(author):
    """A signed letter's scan, private as it is by default."""
    return attachments.attach(
        filed(author), kind=Attachment.Kind.SIGNED_LETTER, file=checked_pdf(), user=author
    )


def _draft(author):
    return "get", reverse("recommendations:edit", args=[write(author).pk]), {}


def _screens(author):
    """Each screen: how to reach it, given freshly made objects written by ``author``."""
    return {
        "manage_list": lambda: ("get", reverse("recommendations:manage_list"), {}),
        "create": lambda: ("get", reverse("recommendations:create"), {}),
        "edit": lambda: _draft(author),
        "manage": lambda: (
            "get",
            reverse("recommendations:manage", args=[approved(author).pk]),
            {},
        ),
        "approve": lambda: (
            "post",
            reverse("recommendations:approve", args=[write(author).pk]),
            {},
        ),
        "submission_list": lambda: ("get", reverse("recommendations:submission_list"), {}),
        "submission_create": lambda: ("get", reverse("recommendations:submission_create"), {}),
        "submission": lambda: (
            "get",
            reverse("recommendations:submission", args=[prepared(author).pk]),
            {},
        ),
        "correct": lambda: (
            "get",
            reverse("recommendations:correct", args=[prepared(author).pk]),
            {},
        ),
        "cancel": lambda: (
            "post",
            reverse("recommendations:cancel", args=[prepared(author).pk]),
            {"reason": "Грешен адресат."},
        ),
        "file": lambda: (
            "post",
            reverse("recommendations:file", args=[prepared(author).pk]),
            {"filed_on": "2023-06-05", "registry_number": "", "registry_date": ""},
        ),
        "registry_entry": lambda: (
            "post",
            reverse("recommendations:registry_entry", args=[filed(author, registry_number="").pk]),
            {"number": "94-00-312", "date": "2023-06-05"},
        ),
        "correct_filing": lambda: (
            "post",
            reverse("recommendations:correct_filing", args=[filed(author).pk]),
            {
                "filed_on": "2023-06-05",
                "registry_number": "94-00-321",
                "registry_date": "2023-06-05",
                "reason": "Разменени цифри.",
            },
        ),
        "attachment_add": lambda: (
            "post",
            reverse("recommendations:attachment_add", args=[filed(author).pk]),
            {"kind": "reply", "file": SimpleUploadedFile("reply.pdf", PDF)},
        ),
        "attachment_publish": lambda: (
            "post",
            reverse("recommendations:attachment_publish", args=[_scan(author).pk]),
            {"is_public": "1"},
        ),
        "private_scan": lambda: (
            "get",
            reverse("recommendations:attachment", args=[_scan(author).pk]),
            {},
        ),
        "event": lambda: (
            "post",
            reverse("recommendations:event", args=[at_status(Status.FILED, author).pk]),
            {
                "event-kind": "meeting",
                "event-date": "2023-07-01",
                "event-text": "Среща.",
                "event-reference": "",
            },
        ),
        "response": lambda: (
            "post",
            reverse("recommendations:response", args=[at_status(Status.FILED, author).pk]),
            {"text": "Приема се.", "date": "2023-06-28", "reference": "1", "decision": ""},
        ),
        "decision": lambda: (
            "post",
            reverse("recommendations:decision", args=[at_status(Status.ANSWERED, author).pk]),
            {"decision": "accepted", "date": "2023-07-01", "note": ""},
        ),
        "progress": lambda: (
            "post",
            reverse("recommendations:progress", args=[at_status(Status.ACCEPTED, author).pk]),
            {"progress": "50", "note": "Започнато.", "date": date(2023, 9, 1).isoformat()},
        ),
    }


ALLOWED = {
    "manage_list": {"staff", "official"},
    "create": {"staff"},
    "edit": {"staff"},
    "manage": {"staff", "official"},
    "approve": {"staff"},
    "submission_list": {"staff", "official"},
    "submission_create": {"staff"},
    "submission": {"staff", "official"},
    "correct": {"staff"},
    "cancel": {"staff"},
    "file": {"staff", "official"},
    "registry_entry": {"staff", "official"},
    "correct_filing": {"staff"},
    "attachment_add": {"staff", "official"},
    "attachment_publish": {"staff"},
    "private_scan": {"staff"},
    "event": {"staff"},
    "response": {"staff", "official"},
    "decision": {"staff", "official"},
    "progress": {"staff", "official"},
}


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize("screen", sorted(ALLOWED))
def test_each_screen_admits_only_its_roles(client, request, staff, screen, persona):
    method, url, data = _screens(staff)[screen]()
    if persona != "anonymous":
        client.force_login(request.getfixturevalue(persona))

    response = getattr(client, method)(url, data)

    if persona in ALLOWED[screen]:
        assert response.status_code in (200, 302)
        if response.status_code == 302:
            assert "/accounts/login/" not in response.url
    elif persona == "anonymous":
        assert response.status_code == 302
        assert "/accounts/login/" in response.url
    else:
        assert response.status_code == 403


def test_an_official_does_not_see_drafts_in_the_back_office(client, staff, official):
    draft = write(staff, title="Чернова за вътрешно ползване")
    client.force_login(official)

    assert (
        "Чернова за вътрешно ползване"
        not in client.get(reverse("recommendations:manage_list")).content.decode()
    )
    assert client.get(reverse("recommendations:manage", args=[draft.pk])).status_code == 404


def test_an_official_sees_no_approve_button_or_edit_link(client, staff, official):
    recommendation = approved(staff)
    client.force_login(official)

    page = client.get(reverse("recommendations:manage", args=[recommendation.pk])).content.decode()

    assert reverse("recommendations:edit", args=[recommendation.pk]) not in page
    assert reverse("recommendations:approve", args=[recommendation.pk]) not in page


def test_the_letter_page_offers_the_registry_form_to_those_who_may_record_it(
    client, staff, official
):
    submission = filed(staff, registry_number="")
    client.force_login(official)

    page = client.get(reverse("recommendations:submission", args=[submission.pk])).content.decode()

    assert reverse("recommendations:registry_entry", args=[submission.pk]) in page
