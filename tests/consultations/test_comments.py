"""Commenting online without an account: each refusal by its field with nothing saved, anonymous
only where the consultation allows it, only while the period is open, one comment however often
the form is sent, the e-mailed link that confirms it (a tampered one refused, one used twice
harmless), and the pages: the form in a fold per section, its errors with what was typed kept,
the flood check."""

import re
import time
from datetime import timedelta

import pytest
from django.core import signing
from django.db import connection
from django.template.loader import render_to_string
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from consultations import links
from consultations.comments import comments_by_section
from consultations.models import Comment, Section, Version
from consultations.services import comments as services
from ivanovo_portal import floods
from ivanovo_portal.places.models import Settlement, StakeholderGroup
from ivanovo_portal.refusals import Refused

from .conftest import build_consultation

pytestmark = pytest.mark.django_db
Status = Comment.Status


def details(**fields):
    return {
        "text": "Часовете за тишина да започват от 23 часа.",
        "author_name": "Мария Иванова",
        "settlement": Settlement.objects.get(slug="pirgovo"),
        "group": StakeholderGroup.objects.get(slug="citizens"),
        "email": "maria@example.org",
        "consent": True,
        **fields,
    }


def form_data(**fields):
    return {
        "text": "Часовете за тишина да започват от 23 часа.",
        "author_name": "Мария Иванова",
        "settlement": Settlement.objects.get(slug="pirgovo").pk,
        "group": StakeholderGroup.objects.get(slug="citizens").pk,
        "email": "maria@example.org",
        "consent": "on",
        **fields,
    }


def section_of(consultation, key="chl-2"):
    return Section.objects.get(version__consultation=consultation, key=key)


def comment_url(consultation, key="chl-2"):
    return reverse("consultations:comment", args=[consultation.slug]) + f"?section={key}"


def test_a_comment_waits_unseen_for_its_confirmation_and_the_author_gets_the_link(
    consultation, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        comment = services.comment(consultation, section=section_of(consultation), **details())

    assert comment.status == Status.UNCONFIRMED
    assert comment.channel == Comment.Channel.ONLINE and comment.consented_at is not None
    assert [message.to for message in mailoutbox] == [["maria@example.org"]]
    token = re.search(r"/comments/confirm/([^/\s]+)/", mailoutbox[0].body).group(1)
    assert links.read_token(token) == (comment.pk, False)
    assert consultation.title in mailoutbox[0].subject
    assert not Comment.objects.published().exists()


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"text": "   "}, "text"),
        ({"author_name": " "}, "author_name"),
        ({"anonymous": True, "author_name": ""}, "anonymous"),
        ({"settlement": None}, "settlement"),
        ({"group": None}, "group"),
        ({"email": ""}, "email"),
        ({"consent": False}, "consent"),
    ],
)
def test_a_comment_is_refused_by_the_field_and_nothing_is_saved(consultation, fields, field):
    with pytest.raises(Refused) as refusal:
        services.comment(consultation, **details(**fields))

    assert refusal.value.field == field
    assert not Comment.objects.exists()


def test_an_anonymous_comment_is_taken_where_the_consultation_allows_it_without_a_name():
    consultation = build_consultation(allows_anonymous=True)

    comment = services.comment(consultation, **details(anonymous=True, author_name="Мария"))

    assert comment.anonymous and comment.author_name == ""


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"opened_days_ago": -3}, "Comments open on"),
        ({"opened_days_ago": 40}, "closed on"),
        ({"status": "draft"}, "not published"),
    ],
)
def test_a_comment_is_taken_only_while_the_period_is_open(english, fields, message):
    consultation = build_consultation(**fields)

    with pytest.raises(Refused, match=message):
        services.comment(consultation, **details())
    assert not Comment.objects.exists()


def test_the_closing_day_still_takes_comments():
    consultation = build_consultation(opened_days_ago=30, days_open=30)

    assert services.comment(consultation, **details()).pk


def test_a_section_of_another_consultation_is_refused(consultation):
    other = build_consultation(slug="druga")

    with pytest.raises(Refused) as refusal:
        services.comment(consultation, section=section_of(other), **details())

    assert refusal.value.field == "section"


def test_the_same_comment_sent_twice_is_recorded_once_and_mailed_once(
    consultation, mailoutbox, django_capture_on_commit_callbacks
):
    section = section_of(consultation)
    with django_capture_on_commit_callbacks(execute=True):
        first = services.comment(consultation, section=section, **details())
        again = services.comment(
            consultation, section=section, **details(email="MARIA@example.org")
        )

    assert again == first
    assert Comment.objects.count() == 1 and len(mailoutbox) == 1


def test_a_double_post_of_the_form_makes_one_comment(client, consultation):
    url = comment_url(consultation)

    responses = [client.post(url, form_data()) for _ in range(2)]

    assert [response.status_code for response in responses] == [302, 302]
    assert Comment.objects.count() == 1


def test_a_different_comment_from_the_same_person_is_a_second_comment(consultation):
    services.comment(consultation, **details())
    services.comment(consultation, **details(text="И още нещо."))

    assert Comment.objects.count() == 2


# The confirmation link.


def test_the_link_asks_first_and_confirms_only_when_the_button_is_pressed(client, consultation):
    comment = services.comment(consultation, section=section_of(consultation), **details())
    url = reverse("consultations:comment_confirm", args=[links.confirm_token(comment)])

    page = client.get(url)
    assert page.status_code == 200 and comment.text in page.text
    assert Comment.objects.get().status == Status.UNCONFIRMED

    response = client.post(url)
    comment.refresh_from_db()
    assert response.status_code == 302
    assert comment.status == Status.PENDING and comment.confirmed_at is not None


def test_a_link_used_twice_changes_nothing_more(client, consultation):
    comment = services.comment(consultation, **details())
    url = reverse("consultations:comment_confirm", args=[links.confirm_token(comment)])
    client.post(url)
    confirmed_at = Comment.objects.get().confirmed_at

    second = client.post(url)
    page = client.get(url)

    assert second.status_code == 302 and page.status_code == 200
    assert Comment.objects.get().confirmed_at == confirmed_at
    assert 'name="csrfmiddlewaretoken"' not in page.text  # no button left to press


def test_a_confirmed_comment_is_not_brought_back_by_its_link(consultation, staff):
    comment = services.comment(consultation, **details())
    token = links.confirm_token(comment)
    services.confirm(token)
    services.reject_comment(comment, user=staff, rejection="offensive", note="")

    assert services.confirm(token).status == Status.REJECTED


def test_a_tampered_link_is_refused(client, consultation):
    victim = services.comment(consultation, **details())
    mine = services.comment(consultation, **details(email="ivan@example.org"))
    _pk, stamp, signature = links.confirm_token(mine).split(".")

    for token in (f"{victim.pk}.{stamp}.{signature}", f"{victim.pk}.x.y", str(victim.pk)):
        url = reverse("consultations:comment_confirm", args=[token])
        assert client.post(url).status_code == 404, token
    assert Comment.objects.get(pk=victim.pk).status == Status.UNCONFIRMED
    with pytest.raises(Refused):
        services.confirm(f"{victim.pk}.{stamp}.{signature}")


def test_a_link_past_its_days_is_refused_for_an_unconfirmed_comment(
    client, consultation, english, monkeypatch
):
    comment = services.comment(consultation, **details())
    sent = time.time() - timedelta(days=links.CONFIRM_DAYS, hours=1).total_seconds()
    with monkeypatch.context() as patched:
        patched.setattr(signing.time, "time", lambda: sent)
        token = links.confirm_token(comment)

    response = client.post(reverse("consultations:comment_confirm", args=[token]))

    assert response.status_code == 200
    assert "expired" in response.context["refusal"]
    assert Comment.objects.get().status == Status.UNCONFIRMED


def test_the_token_is_signed_with_its_own_salt(consultation):
    comment = services.comment(consultation, **details())
    forged = signing.TimestampSigner(sep=".").sign(str(comment.pk))

    assert links.read_token(forged) is None


# The pages.


def test_the_form_comments_and_leads_to_what_happens_next(client, consultation):
    response = client.post(comment_url(consultation), form_data())

    comment = Comment.objects.get()
    assert response["Location"] == reverse("consultations:comment_sent", args=[consultation.slug])
    assert comment.section == section_of(consultation)
    assert client.get(response["Location"]).status_code == 200


def test_the_form_with_errors_comes_back_with_what_was_typed_and_saves_nothing(
    client, consultation, english
):
    response = client.post(
        comment_url(consultation), form_data(email="not an address", consent="", author_name="")
    )

    form = response.context["form"]
    assert response.status_code == 200
    assert "e-mail address such as" in form.errors["email"][0]
    assert "Tick the box" in form.errors["consent"][0]
    assert "Часовете за тишина" in response.text
    assert '<details class="mb-3" open>' in response.text
    assert not Comment.objects.exists()


def test_a_refusal_of_the_service_lands_by_its_field(client, consultation, english):
    response = client.post(comment_url(consultation), form_data(author_name="  "))

    assert "Type your name" in response.context["form"].errors["author_name"][0]
    assert not Comment.objects.exists()


def test_the_anonymous_choice_is_offered_only_where_allowed(client):
    closed_to_anonymous = build_consultation()
    open_to_anonymous = build_consultation(slug="anonimno", allows_anonymous=True)

    assert 'name="anonymous"' not in client.get(comment_url(closed_to_anonymous)).text
    assert 'name="anonymous"' in client.get(comment_url(open_to_anonymous)).text


def test_a_closed_consultation_offers_no_form_and_takes_no_comment(client, english):
    consultation = build_consultation(opened_days_ago=40)

    page = client.get(comment_url(consultation))
    response = client.post(comment_url(consultation), form_data())

    assert 'name="consent"' not in page.text
    assert "closed on" in str(response.context["form"].non_field_errors())
    assert not Comment.objects.exists()


def test_an_unknown_section_or_a_draft_consultation_is_not_found(client, consultation):
    draft = build_consultation(slug="chernova", status="draft")

    assert client.get(comment_url(consultation, "chl-9")).status_code == 404
    assert client.post(comment_url(draft), form_data()).status_code == 404


def test_a_flood_of_comments_from_one_address_needs_the_browser_check(
    client, consultation, english
):
    url = comment_url(consultation)
    for number in range(floods.FREE_PER_HOUR):
        client.post(url, form_data(email=f"person{number}@example.org"))

    response = client.post(url, form_data(email="one.more@example.org"))

    assert Comment.objects.count() == floods.FREE_PER_HOUR
    assert "JavaScript" in str(response.context["form"].non_field_errors())
    assert response.context["proof_of_work"]


def test_each_sections_form_has_ids_of_its_own(consultation):
    sections = list(Section.objects.filter(version__consultation=consultation))

    html = "".join(
        render_to_string(
            "consultations/comments/_section.html",
            {"consultation": consultation, "section": section, "comments": []},
        )
        for section in [None, *sections]
    )

    assert html.count('id="comment-chl-1-text"') == 1
    assert html.count('id="comment-document-text"') == 1
    assert html.count("<details") == 4


# What the public sees.


def test_comments_by_section_gives_only_published_comments_by_key_across_versions(
    consultation, staff
):
    first = consultation.versions.get()
    kept, removed = section_of(consultation, "chl-2"), section_of(consultation, "chl-3")
    published = services.add_proposal(
        consultation, user=staff, channel="paper", section=kept, text="А", author_name="Иван"
    )
    services.add_proposal(
        consultation, user=staff, channel="paper", section=removed, text="Б", author_name="Иван"
    )
    whole = services.add_proposal(
        consultation, user=staff, channel="phone", text="В", author_name="Иван"
    )
    services.comment(consultation, section=kept, **details())  # unconfirmed
    revision = Version.objects.create(consultation=consultation, number=2, kind="revision")
    kept_now = Section.objects.create(version=revision, key="chl-2", heading="Шум", text="…")

    shown = comments_by_section(consultation, revision)
    on_first = comments_by_section(consultation, first)

    assert shown == {None: [whole], kept_now.pk: [published]}
    assert on_first[kept.pk] == [published] and on_first[None] == [whole]


def test_comments_by_section_reads_in_one_query_however_many(consultation, staff):
    version = consultation.versions.get()

    def count():
        with CaptureQueriesContext(connection) as queries:
            shown = comments_by_section(consultation, version)
            for comments in shown.values():
                for comment in comments:
                    str(comment.settlement), str(comment.group), comment.section
        return len(queries)

    services.add_proposal(consultation, user=staff, channel="paper", text="А", author_name="Иван")
    few = count()
    for number in range(20):
        services.add_proposal(
            consultation,
            user=staff,
            channel="paper",
            section=section_of(consultation, f"chl-{number % 3 + 1}"),
            text=f"Предложение {number}",
            author_name="Иван",
            settlement=Settlement.objects.get(slug="pirgovo"),
            group=StakeholderGroup.objects.get(slug="citizens"),
        )

    assert count() == few == 1


def test_the_forms_of_a_consultations_page_read_the_settlements_once(client, consultation):
    def queries_on_the_page():
        with CaptureQueriesContext(connection) as queries:
            response = client.get(consultation.get_absolute_url())
        assert response.status_code == 200
        return len(queries), response.text.count('name="consent"')

    few, forms = queries_on_the_page()
    version = consultation.versions.get()
    for number in range(4, 12):
        Section.objects.create(
            version=version, key=f"chl-{number}", heading="Раздел", text="…", position=number
        )
    many, more_forms = queries_on_the_page()

    assert (forms, more_forms) == (4, 12)
    assert many == few
