"""Who may open each back-office screen: fixed personas against every screen."""

from datetime import date

import pytest
from django.urls import reverse

from ivanovo_portal.recommendations.models import Recommendation

from .helpers import approved, at_status, submitted, write

pytestmark = pytest.mark.django_db
Status = Recommendation.Status
PERSONAS = ["staff", "official", "monitor", "resident", "outsider", "anonymous"]


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
            reverse("recommendations:submission", args=[submitted(author).pk]),
            {},
        ),
        "registry_entry": lambda: (
            "post",
            reverse("recommendations:registry_entry", args=[submitted(author).pk]),
            {"number": "94-00-312", "date": "2023-06-05"},
        ),
        "response": lambda: (
            "post",
            reverse("recommendations:response", args=[at_status(Status.SUBMITTED, author).pk]),
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
    "registry_entry": {"staff", "official"},
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


def test_the_submission_page_offers_the_registry_form_to_those_who_may_record_it(
    client, staff, official
):
    submission = submitted(staff)
    client.force_login(official)

    page = client.get(reverse("recommendations:submission", args=[submission.pk])).content.decode()

    assert reverse("recommendations:registry_entry", args=[submission.pk]) in page
