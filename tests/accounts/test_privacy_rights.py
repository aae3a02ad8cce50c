"""A person's rights without an account: a signed, time-limited link to the address they gave, to
download or erase what the register holds for it, and nothing of anyone else."""

import json
import re
from unittest import mock

from django.core import signing
from django.urls import reverse

from ivanovo_portal.accessibility.models import Feedback
from ivanovo_portal.accounts import privacy
from tests.accounts.test_retention import feedback


def ask(client, email="maria@example.org", **extra):
    return client.post(reverse("privacy:rights"), {"email": email}, follow=True, **extra)


def link_in(mail):
    return re.search(r"https?://\S+", mail.body).group(0)


def test_a_known_address_gets_a_link_and_an_unknown_the_same_answer(client, db, mailoutbox):
    feedback("Maria@example.org")
    known = ask(client)
    unknown = ask(client, "nobody@example.org")

    assert len(mailoutbox) == 1
    assert mailoutbox[0].to == ["maria@example.org"]
    assert known.status_code == unknown.status_code == 200
    assert [str(m) for m in known.context["messages"]] == [
        str(m) for m in unknown.context["messages"]
    ]


def test_the_copy_holds_what_the_register_declares_for_the_address_only(client, db, mailoutbox):
    mine = feedback("maria@example.org")
    feedback("ivan@example.org")
    ask(client)

    page = client.get(link_in(mailoutbox[0]))
    download = client.get(f"{page.request['PATH_INFO']}download/")

    data = json.loads(download.content)
    assert data["email"] == "maria@example.org"
    assert [row["contact"] for row in data["accessibility_feedback"]] == ["maria@example.org"]
    assert data["accessibility_feedback"][0]["problem"] == mine.problem
    assert "ivan@example.org" not in download.content.decode()
    assert set(data) == {"exported_at", "email", "accessibility_feedback"}


def test_erasure_is_confirmed_on_the_page_and_takes_only_that_address(client, db, mailoutbox):
    feedback("maria@example.org")
    feedback("ivan@example.org")
    ask(client)
    url = link_in(mailoutbox[0])

    client.post(url, {})
    assert Feedback.objects.count() == 2

    client.post(url, {"confirm": "on"})
    assert list(Feedback.objects.values_list("contact", flat=True)) == ["ivan@example.org"]


def test_a_link_expires_and_a_forged_one_opens_nothing(client, db):
    feedback("maria@example.org")
    token = signing.dumps("maria@example.org", salt=privacy.SALT)
    later = signing.time.time() + privacy.LINK_HOURS * 60 * 60 + 1
    with mock.patch("django.core.signing.time.time", return_value=later):
        expired = client.get(reverse("privacy:download", args=[token]))
    forged = client.get(reverse("privacy:download", args=[signing.dumps("maria@example.org")]))

    assert expired.status_code == forged.status_code == 302
    assert expired.url == forged.url == reverse("privacy:rights")


def test_one_address_is_not_flooded_with_links(client, db, mailoutbox):
    feedback("maria@example.org")
    for number in range(privacy.LINKS_PER_ADDRESS_PER_HOUR + 2):
        ask(client, REMOTE_ADDR=f"192.0.2.{number}")
    assert len(mailoutbox) == privacy.LINKS_PER_ADDRESS_PER_HOUR


def test_many_requests_from_one_address_need_a_proof_of_work(client, db, mailoutbox):
    feedback("maria@example.org")
    for number in range(6):
        ask(client, f"person{number}@example.org")
    refused = ask(client)
    assert refused.context["proof_of_work"]
    assert not mailoutbox
