"""The accessibility statement (Directive (EU) 2016/2102, model of Decision (EU) 2018/1523): its
parts, its link in every footer, and the feedback form whose messages reach staff as a task with
a reply deadline."""

import base64
import html
import json
import re
from datetime import timedelta

import altcha
import pytest
from django.urls import reverse
from django.utils import timezone

from ivanovo_portal.accessibility.models import REPLY_DAYS, Feedback
from ivanovo_portal.floods import FREE_PER_HOUR

pytestmark = pytest.mark.django_db

STATEMENT = "/accessibility/"
ADDRESS = "203.0.113.9"


def feedback(**changes):
    return {
        "name": "Мария Петрова",
        "contact": "maria@example.org",
        "page": "/surveys/",
        "problem": "Бутонът „Напред“ не се чете с екранен четец.",
        "consent": "on",
        **changes,
    }


def send(client, data=None, **extra):
    return client.post(STATEMENT, data or feedback(), REMOTE_ADDR=ADDRESS, **extra)


def test_the_statement_gives_status_preparation_feedback_and_enforcement_in_bulgarian(client):
    page = client.get(STATEMENT).text

    assert "<h1>Декларация за достъпност</h1>" in page
    assert "<strong>частично съответства</strong>" in page
    assert "WCAG" in page and "2.1" in page
    assert '<time datetime="2026-12-01">1.12.2026</time>' in page
    assert "axe-core" in page
    assert f"{REPLY_DAYS} дни" in page
    assert "Държавна агенция „Електронно управление“" in page
    assert 'href="https://e-gov.bg/"' in page
    assert 'name="contact"' in page


def test_the_statement_has_an_english_version(client):
    page = client.get(f"/en{STATEMENT}").text

    assert '<html lang="en">' in page
    assert "<h1>Accessibility statement</h1>" in page
    assert "<strong>partially conformant</strong>" in page
    assert "State e-Government Agency" in page


@pytest.mark.parametrize(("url", "link"), [("/toolkit/", STATEMENT), ("/en/", f"/en{STATEMENT}")])
def test_every_footer_links_to_the_statement(client, url, link):
    page = client.get(url).text

    assert f'href="{link}"' in page[page.index("<footer") :]


def test_feedback_is_kept_with_its_consent_and_a_reply_due_date(client):
    response = send(client)

    assert response.status_code == 302
    kept = Feedback.objects.get()
    assert kept.contact == "maria@example.org"
    assert kept.language == "bg"
    assert kept.consented_at is not None
    assert kept.reply_due == timezone.localdate() + timedelta(days=REPLY_DAYS)
    assert f"{kept.reply_due:%d.%m.%Y}" in client.get(response["Location"]).text


def test_a_phone_number_will_do_for_the_reply_and_the_name_may_be_left_out(client):
    send(client, feedback(name="", contact="+359 888 123 456"))

    assert Feedback.objects.get().contact == "+359 888 123 456"


@pytest.mark.parametrize("contact", ["maria@", "не знам", "12", ""])
def test_a_contact_we_cannot_reply_to_is_refused_by_its_field_keeping_what_was_typed(
    client, contact
):
    response = send(client, feedback(contact=contact))

    assert response.status_code == 200
    assert not Feedback.objects.exists()
    assert re.search(r'id="error_\d+_id_contact"', response.text)
    if contact:
        assert "Въведете адрес на електронна поща" in response.text
    assert "Бутонът „Напред“ не се чете с екранен четец." in response.text


def test_without_consent_nothing_is_kept_and_the_box_says_why(client):
    response = send(client, feedback(consent=""))

    assert not Feedback.objects.exists()
    assert re.search(r'id="error_\d+_id_consent"', response.text)
    assert "maria@example.org" in response.text


def test_the_page_the_visitor_came_from_is_filled_in(client):
    page = client.get(STATEMENT, HTTP_REFERER="http://testserver/indicators/?x=1").text

    assert 'value="/indicators/"' in page


def test_a_page_on_another_site_is_not_filled_in(client):
    page = client.get(STATEMENT, HTTP_REFERER="https://elsewhere.example/page/").text

    assert "elsewhere" not in page


def test_staff_find_the_feedback_in_what_awaits_with_its_due_date(client, staff):
    send(client)
    kept = Feedback.objects.get()
    client.force_login(staff)

    page = client.get(reverse("accounts:awaiting")).text

    assert f'href="{kept.get_absolute_url()}"' in page
    assert f"{kept.reply_due:%d.%m.%Y}" in page


def test_staff_read_the_feedback_with_the_contact_to_reply_to(client, staff):
    send(client)
    client.force_login(staff)

    page = client.get(Feedback.objects.get().get_absolute_url()).text

    assert "maria@example.org" in page
    assert "Бутонът „Напред“ не се чете с екранен четец." in page
    assert 'action="/accessibility/feedback/' in page


def test_the_municipality_and_residents_do_not_see_the_feedback(client, official, resident):
    send(client)
    kept = Feedback.objects.get()
    for person in (official, resident):
        client.force_login(person)

        assert kept.get_absolute_url() not in client.get(reverse("accounts:awaiting")).text
        assert client.get(kept.get_absolute_url()).status_code == 403


def test_staff_mark_feedback_answered_and_it_leaves_what_awaits(client, staff):
    send(client)
    kept = Feedback.objects.get()
    client.force_login(staff)

    client.post(reverse("accessibility:feedback_answered", args=[kept.pk]))

    kept.refresh_from_db()
    assert kept.answered_by == staff
    assert kept.get_absolute_url() not in client.get(reverse("accounts:awaiting")).text


def test_feedback_answered_once_cannot_be_answered_again(client, staff):
    send(client)
    kept = Feedback.objects.get()
    client.force_login(staff)
    client.post(reverse("accessibility:feedback_answered", args=[kept.pk]))
    first = Feedback.objects.get().answered_at

    client.post(reverse("accessibility:feedback_answered", args=[kept.pk]))

    assert Feedback.objects.get().answered_at == first


def test_anonymous_visitors_cannot_read_or_answer_feedback(client):
    send(client)
    kept = Feedback.objects.get()

    assert client.get(kept.get_absolute_url()).status_code == 302
    client.post(reverse("accessibility:feedback_answered", args=[kept.pk]))
    assert Feedback.objects.get().answered_at is None


def solved(page):
    challenge = json.loads(html.unescape(re.search(r'data-proof-of-work="([^"]+)"', page)[1]))
    solution = altcha.solve_challenge(altcha.Challenge.from_dict(challenge))
    payload = {"challenge": challenge, "solution": solution.to_dict()}
    return base64.b64encode(json.dumps(payload).encode()).decode()


def test_a_flood_from_one_address_must_solve_a_proof_of_work(client):
    for _ in range(FREE_PER_HOUR):
        assert send(client).status_code == 302

    refused = send(client)
    assert refused.status_code == 200
    assert Feedback.objects.count() == FREE_PER_HOUR
    assert "Бутонът „Напред“" in refused.text

    page = client.get(STATEMENT, REMOTE_ADDR=ADDRESS).text
    assert send(client, feedback(altcha=solved(page))).status_code == 302
    assert Feedback.objects.count() == FREE_PER_HOUR + 1
