"""Moderation: a confirmed comment published or rejected with a reason, its author told by
e-mail and their address then forgotten; who may read the queue (staff and officials) and who may
act (staff); unmoderated text never shown to the public, in lists or in counts; the personal-data
register's promises about commenters."""

import time as clock
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation

from consultations import emails, links, tasks
from consultations.models import Comment, Section
from consultations.services import comments as services
from ivanovo_portal.accounts import personal_data
from ivanovo_portal.accounts.retention import apply_retention
from ivanovo_portal.audit.models import Entry
from ivanovo_portal.places.models import Settlement, StakeholderGroup
from ivanovo_portal.refusals import Refused

from .conftest import build_consultation

pytestmark = pytest.mark.django_db
Status = Comment.Status

UNSEEN = {
    Status.UNCONFIRMED: "Непотвърден коментар за шума.",
    Status.PENDING: "Чакащ коментар за шума.",
    Status.REJECTED: "Отхвърлен коментар с лични данни.",
}


def make_comment(consultation, text="Часовете за тишина да започват от 23 часа.", **fields):
    return services.comment(
        consultation,
        section=fields.pop("section", None),
        text=text,
        author_name=fields.pop("author_name", "Мария Иванова"),
        settlement=Settlement.objects.get(slug="pirgovo"),
        group=StakeholderGroup.objects.get(slug="citizens"),
        email=fields.pop("email", "maria@example.org"),
        consent=True,
    )


def pending(consultation, **fields):
    comment = make_comment(consultation, **fields)
    return services.confirm(links.confirm_token(comment))


def comments_in_every_state(consultation, staff):
    section = Section.objects.get(version__consultation=consultation, key="chl-2")
    make_comment(consultation, UNSEEN[Status.UNCONFIRMED], section=section, email="a@example.org")
    pending(consultation, text=UNSEEN[Status.PENDING], section=section, email="b@example.org")
    rejected = pending(
        consultation, text=UNSEEN[Status.REJECTED], section=section, email="c@example.org"
    )
    services.reject_comment(rejected, user=staff, rejection="personal_data", note="")
    published = pending(
        consultation, text="Публикуван коментар.", section=section, email="d@example.org"
    )
    services.publish_comment(published, user=staff)
    return section


def test_publishing_tells_the_author_and_forgets_their_address(
    consultation, staff, mailoutbox, django_capture_on_commit_callbacks
):
    comment = pending(consultation)

    with django_capture_on_commit_callbacks(execute=True):
        services.publish_comment(comment, user=staff)

    comment.refresh_from_db()
    assert comment.status == Status.PUBLISHED
    assert comment.moderated_by == staff and comment.moderated_at is not None
    assert [message.to for message in mailoutbox] == [["maria@example.org"]]
    assert "published" in mailoutbox[0].subject or "публикуван" in mailoutbox[0].subject
    assert comment.text in mailoutbox[0].body
    assert comment.author_told_at is not None and comment.email == ""
    entry = Entry.objects.get(action="consultations.comment_published")
    assert entry.actor == staff and entry.object_id == comment.pk


def test_rejecting_gives_the_author_the_reason_and_the_note(
    consultation, staff, mailoutbox, django_capture_on_commit_callbacks, english
):
    comment = pending(consultation)

    with django_capture_on_commit_callbacks(execute=True):
        services.reject_comment(
            comment, user=staff, rejection="personal_data", note="Махнете името на съседа."
        )

    comment.refresh_from_db()
    assert comment.status == Status.REJECTED and comment.rejection == "personal_data"
    body = mailoutbox[0].body
    assert str(Comment.Rejection.PERSONAL_DATA.label) in body or "лични данни" in body
    assert "Махнете името на съседа." in body
    assert comment.email == "" and comment.author_told_at is not None
    entry = Entry.objects.get(action="consultations.comment_rejected")
    assert entry.reason == "Махнете името на съседа."


def test_a_notice_that_cannot_be_sent_is_given_back_for_the_next_try(
    consultation, staff, monkeypatch
):
    comment = pending(consultation)
    services.publish_comment(comment, user=staff)
    Comment.objects.filter(pk=comment.pk).update(email="maria@example.org", author_told_at=None)

    def broken(comment, notice):
        raise OSError("the mail server is down")

    monkeypatch.setattr(emails, "message", broken)

    with pytest.raises(OSError):
        emails.send_moderated(comment.pk)

    comment.refresh_from_db()
    assert comment.author_told_at is None and comment.email == "maria@example.org"


@pytest.mark.worker
def test_a_worker_tells_the_author_once_however_often_the_notice_is_queued(celery_worker, staff):
    comment = Comment.objects.create(
        consultation=build_consultation(),
        text="Часовете за тишина да започват от 23 часа.",
        author_name="Мария Иванова",
        email="maria@example.org",
        status=Status.PENDING,
    )
    services.publish_comment(comment, user=staff)  # committed: the notice is queued

    tasks.send_comment_notice.delay(comment.pk, "moderated")
    deadline = clock.monotonic() + 60
    while clock.monotonic() < deadline and celery_worker.log().count("succeeded") < 2:
        clock.sleep(0.1)

    log = celery_worker.log()
    assert log.count("succeeded") == 2, log
    # The console mailer prints each message the worker sent into its log.
    assert log.count("To: maria@example.org") == 1, log
    comment.refresh_from_db()
    assert comment.author_told_at is not None and comment.email == ""


def test_a_rejection_needs_its_reason(consultation, staff):
    comment = pending(consultation)

    with pytest.raises(Refused) as refusal:
        services.reject_comment(comment, user=staff, rejection="", note="")

    assert refusal.value.field == "rejection"
    assert Comment.objects.get().status == Status.PENDING


def test_only_a_confirmed_comment_awaiting_moderation_is_moderated(consultation, staff, english):
    unconfirmed = make_comment(consultation)
    published = pending(consultation, email="ivan@example.org")
    services.publish_comment(published, user=staff)

    for comment in (unconfirmed, published):
        with pytest.raises(Refused, match="awaiting moderation"):
            services.reject_comment(comment, user=staff, rejection="spam")
        with pytest.raises(Refused, match="awaiting moderation"):
            services.publish_comment(comment, user=staff)
    assert Comment.objects.get(pk=unconfirmed.pk).status == Status.UNCONFIRMED


# Who may read and act.


@pytest.mark.parametrize("persona", ["resident", "monitor", "outsider"])
def test_the_queue_and_a_comment_are_closed_to_everyone_but_staff_and_officials(
    client, consultation, persona, request
):
    comment = pending(consultation)
    client.force_login(request.getfixturevalue(persona))

    for url in (
        reverse("consultations:moderation", args=[consultation.slug]),
        reverse("consultations:moderate", args=[comment.pk]),
        reverse("consultations:proposal_add", args=[consultation.slug]),
    ):
        assert client.get(url).status_code == 403, url
    response = client.post(
        reverse("consultations:moderate", args=[comment.pk]), {"action": "publish"}
    )
    assert response.status_code == 403
    assert Comment.objects.get().status == Status.PENDING


def test_anonymous_visitors_are_sent_to_log_in(client, consultation):
    response = client.get(reverse("consultations:moderation", args=[consultation.slug]))

    assert response.status_code == 302 and "login" in response["Location"]


def test_an_official_reads_the_queue_and_the_comment_but_cannot_act(client, consultation, official):
    comment = pending(consultation)
    client.force_login(official)

    queue = client.get(reverse("consultations:moderation", args=[consultation.slug]))
    page = client.get(reverse("consultations:moderate", args=[comment.pk]))
    response = client.post(
        reverse("consultations:moderate", args=[comment.pk]), {"action": "publish"}
    )

    assert queue.status_code == 200 and comment.text[:40] in queue.text
    assert page.status_code == 200 and comment.text in page.text
    assert 'value="publish"' not in page.text and comment.email not in page.text
    assert response.status_code == 403
    assert (
        client.get(reverse("consultations:proposal_add", args=[consultation.slug])).status_code
        == 403
    )
    assert Comment.objects.get().status == Status.PENDING


def test_staff_publish_from_the_comments_page(client, consultation, staff):
    comment = pending(consultation)
    client.force_login(staff)
    url = reverse("consultations:moderate", args=[comment.pk])

    assert 'value="publish"' in client.get(url).text
    response = client.post(url, {"action": "publish"})

    assert response.status_code == 302
    assert Comment.objects.get().status == Status.PUBLISHED


def test_staff_reject_from_the_page_and_a_missing_reason_comes_back_by_its_field(
    client, consultation, staff, english
):
    comment = pending(consultation)
    client.force_login(staff)
    url = reverse("consultations:moderate", args=[comment.pk])

    response = client.post(url, {"action": "reject", "note": "Без причина"})
    assert response.status_code == 200
    assert "Choose why" in response.context["form"].errors["rejection"][0]
    assert "Без причина" in response.text
    assert Comment.objects.get().status == Status.PENDING

    response = client.post(url, {"action": "reject", "rejection": "offensive", "note": ""})
    assert response.status_code == 302
    assert Comment.objects.get().status == Status.REJECTED


def test_the_queue_lists_by_status_with_counts_and_a_bounded_number_of_queries(
    client, consultation, staff
):
    comments_in_every_state(consultation, staff)
    client.force_login(staff)
    url = reverse("consultations:moderation", args=[consultation.slug])

    def queries_for(status):
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url, {"status": status})
        return response, len(queries)

    response, few = queries_for("pending")
    counts = {status: count for status, _label, count in response.context["counts"]}
    assert counts == {"pending": 1, "unconfirmed": 1, "published": 1, "rejected": 1}
    assert UNSEEN[Status.PENDING][:40] in response.text
    assert UNSEEN[Status.REJECTED][:40] not in response.text
    for number in range(15):
        pending(consultation, text=f"Коментар {number}", email=f"p{number}@example.org")
    _response, many = queries_for("pending")
    assert many == few
    assert client.get(url, {"status": "nonsense"}).status_code == 404


# What the public sees.


def public_pages(consultation, section):
    """The public pages, each with whether it shows the section's published comment (None: no
    matter)."""
    comment = reverse("consultations:comment", args=[consultation.slug])
    return [
        (f"{comment}?section={section.key}", True),
        (comment, False),
        (reverse("consultations:detail", args=[consultation.slug]), True),
        (reverse("consultations:version", args=[consultation.slug, 1]), None),
        (reverse("consultations:index"), False),
    ]


@pytest.mark.parametrize("persona", [None, "resident", "monitor"])
def test_unmoderated_text_never_reaches_the_public_pages_nor_their_counts(
    client, consultation, staff, persona, request
):
    section = comments_in_every_state(consultation, staff)
    if persona:
        client.force_login(request.getfixturevalue(persona))

    for url, shows_published in public_pages(consultation, section):
        response = client.get(url)
        assert response.status_code == 200, url
        for text in UNSEEN.values():
            assert text not in response.text, (url, text)
        if shows_published is not None:
            assert ("Публикуван коментар." in response.text) == shows_published, url


def test_the_public_pages_count_only_published_comments(client, consultation, staff, english):
    section = comments_in_every_state(consultation, staff)

    page = client.get(
        reverse("consultations:comment", args=[consultation.slug]) + f"?section={section.key}"
    )

    assert len(page.context["comments"]) == 1
    assert "Read 1 comment<" in page.text
    assert "4 comments" not in page.text and "3 comments" not in page.text


def test_staff_and_officials_read_unmoderated_text_in_the_queue(
    client, consultation, staff, official
):
    comments_in_every_state(consultation, staff)

    for reader in (staff, official):
        client.force_login(reader)
        url = reverse("consultations:moderation", args=[consultation.slug])
        for status in (Status.UNCONFIRMED, Status.PENDING, Status.REJECTED):
            assert UNSEEN[status][:40] in client.get(url, {"status": status}).text


# Personal data.


def test_the_retention_deletes_comments_never_confirmed_and_forgets_addresses_of_moderated(
    consultation, staff
):
    never = make_comment(consultation, email="never@example.org")
    told_not = pending(consultation, email="late@example.org")
    services.publish_comment(told_not, user=staff)  # the e-mail never went: address still kept
    Comment.objects.filter(pk=told_not.pk).update(email="late@example.org")
    waiting = pending(consultation, email="waiting@example.org")
    long_ago = timezone.now() - timedelta(days=40)
    Comment.objects.update(created_at=long_ago)
    Comment.objects.filter(pk=told_not.pk).update(moderated_at=long_ago)

    apply_retention()

    assert not Comment.objects.filter(pk=never.pk).exists()
    assert Comment.objects.get(pk=told_not.pk).email == ""
    assert Comment.objects.get(pk=told_not.pk).author_name == "Мария Иванова"
    assert Comment.objects.get(pk=waiting.pk).email == "waiting@example.org"


def test_a_commenter_erasing_their_data_withdraws_unpublished_comments(consultation, staff):
    waiting = pending(consultation, email="ana@example.org", text="Първо")
    published = pending(consultation, email="ana@example.org", text="Второ")
    services.publish_comment(published, user=staff)
    Comment.objects.filter(pk=published.pk).update(email="ana@example.org")
    person = personal_data.Person(email="ANA@example.org")

    assert len(personal_data.export(person)["consultation_commenters"]) == 2
    personal_data.erase(person)

    assert not Comment.objects.filter(pk=waiting.pk).exists()
    assert Comment.objects.get(pk=published.pk).email == ""


def test_comments_awaiting_moderation_wait_for_staff_on_their_page(
    client, consultation, staff, official
):
    pending(consultation)
    pending(consultation, email="ivan@example.org")
    make_comment(consultation, email="ana@example.org")  # not confirmed yet: nothing to do

    def awaiting_for(user):
        client.force_login(user)
        with translation.override("en"):
            response = client.get(reverse("accounts:awaiting"))
        sections = {key: items for key, _section, items in response.context["sections"]}
        return sections.get("consultation_comments_to_moderate")

    [item] = awaiting_for(staff)
    assert item.title == consultation.title
    assert item.url.endswith(f"/consultations/manage/{consultation.slug}/moderation/")
    assert item.detail == "2 comments await moderation"
    assert awaiting_for(official) is None
