"""Subscribing to the newsletter with double opt-in: the same answer for every address (nothing
to learn about who is subscribed), the link that confirms (a GET asks, a POST confirms, a stale
or tampered one refused), nothing but the confirmation to an unconfirmed address, preferences,
unsubscribing in one step from the link and by RFC 8058's one-click POST, the flood check, the
personal-data register's retention."""

import re
import time
from datetime import timedelta
from urllib.parse import urlsplit

import pytest
from django.core import signing
from django.urls import reverse
from django.utils import timezone

from campaign import privacy
from campaign.models import Subscriber
from campaign.newsletter import links, subscriptions
from ivanovo_portal import floods
from ivanovo_portal.accounts import personal_data
from ivanovo_portal.accounts.personal_data import Person
from ivanovo_portal.accounts.retention import apply_retention
from ivanovo_portal.places.models import Settlement
from ivanovo_portal.refusals import Refused

pytestmark = pytest.mark.django_db
Status = Subscriber.Status
LINK = re.compile(r"https?://\S+")


def pirgovo():
    return Settlement.objects.get(slug="pirgovo")


def form_data(**fields):
    return {
        "email": "ana@example.org",
        "settlement": pirgovo().pk,
        "topics": ["surveys", "consultations"],
        "consent": "on",
        **fields,
    }


def subscribe(capture, email="ana@example.org", topics=("surveys", "consultations"), **fields):
    with capture(execute=True):
        subscriptions.subscribe(
            email=email,
            settlement=fields.pop("settlement", pirgovo()),
            topics=list(topics),
            consent=fields.pop("consent", True),
        )
    return Subscriber.objects.get(email=email.lower())


def confirmed(capture, email="ana@example.org", **fields):
    subscriber = subscribe(capture, email, **fields)
    subscriptions.confirm(links.confirm_token(subscriber))
    subscriber.refresh_from_db()
    return subscriber


def confirm_link_in(message):
    """The confirmation link of an e-mail, checked to be the subscriber's: its path."""
    found = [path_of(url) for url in LINK.findall(message.body) if "/newsletter/confirm/" in url]
    assert len(found) == 1, message.body
    return found[0]


def path_of(url):
    return urlsplit(url).path


def test_subscribing_sends_only_the_link_to_confirm(django_capture_on_commit_callbacks, mailoutbox):
    subscriber = subscribe(django_capture_on_commit_callbacks, "Ana@Example.org")

    assert subscriber.email == "ana@example.org"
    assert subscriber.status == Status.PENDING
    assert [topic.value for topic in subscriber.topics()] == ["surveys", "consultations"]
    assert len(mailoutbox) == 1
    assert mailoutbox[0].to == ["ana@example.org"]
    token = confirm_link_in(mailoutbox[0]).split("/")[-2]
    assert links.read_confirm_token(token) == (subscriber.key, False)
    assert "Център Динамика" in mailoutbox[0].body


def test_the_confirmation_link_asks_first_and_the_button_confirms(
    client, django_capture_on_commit_callbacks, mailoutbox
):
    subscriber = subscribe(django_capture_on_commit_callbacks)
    url = confirm_link_in(mailoutbox[0])

    page = client.get(url)
    assert page.status_code == 200
    assert Subscriber.objects.get().status == Status.PENDING

    response = client.post(url)

    subscriber.refresh_from_db()
    assert subscriber.status == Status.CONFIRMED
    assert subscriber.confirmed_at is not None
    assert response.url == reverse("campaign:newsletter_preferences", args=[subscriber.key])


def test_a_confirmation_link_past_seven_days_or_tampered_confirms_nothing(
    django_capture_on_commit_callbacks, monkeypatch
):
    subscriber = subscribe(django_capture_on_commit_callbacks)
    eight_days_ago = int(time.time()) - 8 * 86400
    monkeypatch.setattr(
        signing.TimestampSigner, "timestamp", lambda signer: signing.b62_encode(eight_days_ago)
    )
    stale = links.confirm_token(subscriber)
    monkeypatch.undo()

    with pytest.raises(Refused):
        subscriptions.confirm(stale)
    with pytest.raises(Refused):
        subscriptions.confirm(links.confirm_token(subscriber)[:-2] + "xx")
    assert Subscriber.objects.get().status == Status.PENDING


def test_the_form_answers_every_address_alike(
    client, django_capture_on_commit_callbacks, mailoutbox
):
    confirmed(django_capture_on_commit_callbacks, "known@example.org")
    subscribe(django_capture_on_commit_callbacks, "pending@example.org")
    mailoutbox.clear()
    Subscriber.objects.update(confirmation_sent_at=None)

    answers = []
    for email in ("new@example.org", "pending@example.org", "known@example.org"):
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(reverse("campaign:newsletter"), form_data(email=email))
        answers.append((response.status_code, response.url))

    assert answers == [(302, reverse("campaign:newsletter_sent"))] * 3
    sent = {message.to[0]: message for message in mailoutbox}
    assert set(sent) == {"new@example.org", "pending@example.org", "known@example.org"}
    # The subscribed address learns it in its mailbox, with its preferences link, and no
    # confirmation link.
    known = Subscriber.objects.get(email="known@example.org")
    assert links.preferences_url(known) in sent["known@example.org"].body
    assert "/newsletter/confirm/" not in sent["known@example.org"].body


def test_sending_the_form_again_and_again_writes_once_in_ten_minutes(
    django_capture_on_commit_callbacks, mailoutbox
):
    for _ in range(3):
        subscribe(django_capture_on_commit_callbacks)

    assert len(mailoutbox) == 1


def test_a_subscribed_address_is_left_as_it_is_by_the_form(django_capture_on_commit_callbacks):
    subscriber = confirmed(django_capture_on_commit_callbacks)

    subscribe(django_capture_on_commit_callbacks, topics=["toolkit"], settlement=None)

    subscriber.refresh_from_db()
    assert subscriber.status == Status.CONFIRMED
    assert subscriber.settlement == pirgovo()
    assert [topic.value for topic in subscriber.topics()] == ["surveys", "consultations"]


def test_bad_input_is_refused_by_its_field_with_what_was_typed_kept(client, english):
    response = client.post(
        reverse("campaign:newsletter"),
        form_data(email="not an address", topics=[], consent=""),
    )

    form = response.context["form"]
    assert set(form.errors) == {"email", "topics", "consent"}
    assert 'value="not an address"' in response.content.decode()
    assert not Subscriber.objects.exists()


def test_someone_outside_the_municipality_may_subscribe(client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("campaign:newsletter"), form_data(settlement="outside"))

    assert Subscriber.objects.get().settlement is None


def test_a_flood_of_subscriptions_from_one_address_needs_the_browser_check(client, english):
    for number in range(floods.FREE_PER_HOUR):
        client.post(reverse("campaign:newsletter"), form_data(email=f"p{number}@example.org"))

    response = client.post(reverse("campaign:newsletter"), form_data(email="more@example.org"))

    assert Subscriber.objects.count() == floods.FREE_PER_HOUR
    assert "JavaScript" in str(response.context["form"].non_field_errors())
    assert response.context["proof_of_work"]


def test_the_subscribe_page_works_without_javascript_and_has_one_h1(client):
    html = client.get(reverse("campaign:newsletter")).content.decode()

    assert html.count("<h1") == 1
    assert 'for="id_email"' in html
    assert 'type="checkbox"' in html
    assert "<script" not in html.split("<main", 1)[-1].split("</main>")[0]


def test_preferences_change_settlement_and_topics(client, django_capture_on_commit_callbacks):
    subscriber = confirmed(django_capture_on_commit_callbacks)
    url = reverse("campaign:newsletter_preferences", args=[subscriber.key])

    response = client.post(url, {"settlement": "outside", "topics": ["toolkit"]})

    assert response.status_code == 302
    subscriber.refresh_from_db()
    assert subscriber.settlement is None
    assert [topic.value for topic in subscriber.topics()] == ["toolkit"]


def test_preferences_refuse_no_topic_and_keep_the_rest(
    client, django_capture_on_commit_callbacks, english
):
    subscriber = confirmed(django_capture_on_commit_callbacks)
    url = reverse("campaign:newsletter_preferences", args=[subscriber.key])

    response = client.post(url, {"settlement": "outside", "topics": []})

    assert "topics" in response.context["form"].errors
    subscriber.refresh_from_db()
    assert subscriber.settlement == pirgovo()


def test_the_unsubscribe_link_unsubscribes_in_one_step_and_offers_to_subscribe_again(
    client, django_capture_on_commit_callbacks
):
    subscriber = confirmed(django_capture_on_commit_callbacks)
    old_key = subscriber.key

    response = client.get(reverse("campaign:newsletter_unsubscribe", args=[old_key]))

    subscriber.refresh_from_db()
    assert subscriber.status == Status.UNSUBSCRIBED
    assert subscriber.key != old_key
    again = reverse("campaign:newsletter_resubscribe", args=[subscriber.key])
    assert again in response.content.decode()
    # The old links change nothing any more.
    assert client.get(reverse("campaign:newsletter_preferences", args=[old_key])).status_code == 404

    client.post(again)

    subscriber.refresh_from_db()
    assert subscriber.status == Status.CONFIRMED


def test_the_one_click_post_of_a_mail_program_unsubscribes_without_a_form_token(
    django_capture_on_commit_callbacks,
):
    from django.test import Client

    subscriber = confirmed(django_capture_on_commit_callbacks)
    mail_program = Client(enforce_csrf_checks=True)
    url = reverse("campaign:newsletter_one_click", args=[subscriber.key])

    looked_at = mail_program.get(url)
    assert looked_at.status_code == 200
    assert Subscriber.objects.get().status == Status.CONFIRMED

    response = mail_program.post(url, {"List-Unsubscribe": "One-Click"})

    assert response.status_code == 200
    assert Subscriber.objects.get().status == Status.UNSUBSCRIBED
    # Pressed again: the same answer.
    assert mail_program.post(url, {"List-Unsubscribe": "One-Click"}).status_code == 200


def test_an_unsubscribed_address_that_subscribes_again_confirms_again(
    django_capture_on_commit_callbacks, mailoutbox
):
    subscriber = confirmed(django_capture_on_commit_callbacks)
    subscriptions.unsubscribe(subscriber)
    mailoutbox.clear()
    Subscriber.objects.update(confirmation_sent_at=None)

    subscriber = subscribe(django_capture_on_commit_callbacks)

    assert subscriber.status == Status.PENDING
    assert confirm_link_in(mailoutbox[0])


def test_a_confirmation_queued_before_the_address_was_confirmed_is_not_sent_twice(
    django_capture_on_commit_callbacks, mailoutbox
):
    from campaign.newsletter import notices

    subscriber = confirmed(django_capture_on_commit_callbacks)
    mailoutbox.clear()

    assert notices.send(subscriber.pk, notices.CONFIRM) == 0
    assert mailoutbox == []


def test_retention_deletes_addresses_never_confirmed_and_unsubscribed_after_thirty_days(
    django_capture_on_commit_callbacks,
):
    kept = confirmed(django_capture_on_commit_callbacks, "kept@example.org")
    subscribe(django_capture_on_commit_callbacks, "never@example.org")
    gone = confirmed(django_capture_on_commit_callbacks, "gone@example.org")
    subscriptions.unsubscribe(gone)
    long_ago = timezone.now() - timedelta(days=privacy.KEPT_DAYS + 1)
    Subscriber.objects.update(created_at=long_ago)
    Subscriber.objects.filter(email="gone@example.org").update(unsubscribed_at=long_ago)

    apply_retention()

    assert list(Subscriber.objects.all()) == [kept]


def test_a_person_may_take_and_erase_their_subscription(django_capture_on_commit_callbacks):
    confirmed(django_capture_on_commit_callbacks)
    person = Person(email="ANA@example.org")

    exported = personal_data.export(person)
    assert exported["newsletter_subscribers"][0]["email"] == "ana@example.org"

    personal_data.erase(person)
    assert not Subscriber.objects.exists()


def test_the_demo_subscribes_forty_and_sends_the_june_issue_to_the_confirmed_once(
    staff, django_capture_on_commit_callbacks, mailoutbox, settings
):
    from types import SimpleNamespace

    from campaign.demo import newsletter as demo
    from campaign.models import NewsletterIssue

    settings.NEWSLETTER_RATE = 1000
    accounts = SimpleNamespace(staff=staff)
    for _ in range(2):
        with django_capture_on_commit_callbacks(execute=True):
            demo.seed(accounts)

    confirmed_count = Subscriber.objects.confirmed().count()
    assert Subscriber.objects.count() == 40
    assert Subscriber.objects.filter(status=Status.PENDING).exists()
    assert Subscriber.objects.filter(status=Status.UNSUBSCRIBED).exists()
    assert Subscriber.objects.filter(settlement=None).exists()
    issue = NewsletterIssue.objects.get()
    assert issue.status == NewsletterIssue.Status.SENT
    assert len(mailoutbox) == issue.recipients == confirmed_count
    assert all(message.to[0].endswith("@example.org") for message in mailoutbox)
