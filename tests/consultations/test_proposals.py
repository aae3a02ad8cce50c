"""Proposals staff take in at the consultation's meetings, on paper, by phone or by e-mail:
entered against a section with their channel, published at once and recorded in the history;
each refusal by its field; after the period closed too, never once the справка is out; once
however often the form is sent."""

import pytest
from django.urls import reverse
from django.utils import timezone

from consultations.models import Comment, Consultation, ConsultationMeeting, Section
from consultations.services import comments as services
from ivanovo_portal.audit.models import Entry
from ivanovo_portal.places.models import Settlement, StakeholderGroup
from ivanovo_portal.refusals import Refused
from tests.meetings.conftest import build_meeting

from .conftest import build_consultation

pytestmark = pytest.mark.django_db
Channel = Comment.Channel


def link_meeting(consultation, slug="obsazhdane-pirgovo"):
    return ConsultationMeeting.objects.create(
        consultation=consultation, meeting=build_meeting(slug=slug, days=-2)
    )


def proposal(consultation, **fields):
    return {
        "channel": Channel.PAPER,
        "section": Section.objects.get(version__consultation=consultation, key="chl-3"),
        "text": "Глобите за първо нарушение да са по-ниски.",
        "author_name": "Сдружение „Бъдеще за Пиргово“",
        "settlement": Settlement.objects.get(slug="pirgovo"),
        "group": StakeholderGroup.objects.get(slug="ngos"),
        **fields,
    }


def test_a_proposal_made_at_a_meeting_is_published_at_once_with_its_channel(consultation, staff):
    meeting = link_meeting(consultation)

    entered = services.add_proposal(
        consultation, user=staff, **proposal(consultation, channel=Channel.MEETING, meeting=meeting)
    )

    assert entered.status == Comment.Status.PUBLISHED
    assert entered.channel == Channel.MEETING and entered.meeting == meeting
    assert entered.entered_by == staff and entered.email == ""
    assert entered.section.key == "chl-3"
    entry = Entry.objects.get(action="consultations.proposal_entered")
    assert entry.actor == staff and entry.object_id == entered.pk
    assert "Сдружение" not in str(entry.changes)


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"channel": Channel.ONLINE}, "channel"),
        ({"channel": Channel.MEETING}, "meeting"),
        ({"text": "  "}, "text"),
        ({"author_name": ""}, "author_name"),
        ({"anonymous": True, "author_name": ""}, "anonymous"),
    ],
)
def test_a_proposal_is_refused_by_the_field_and_nothing_is_saved(
    consultation, staff, fields, field
):
    with pytest.raises(Refused) as refusal:
        services.add_proposal(consultation, user=staff, **proposal(consultation, **fields))

    assert refusal.value.field == field
    assert not Comment.objects.exists()


def test_a_meeting_goes_only_with_a_proposal_made_at_one_of_this_consultations_meetings(
    consultation, staff
):
    other = link_meeting(build_consultation(slug="druga"), slug="drugo-sabranie")
    mine = link_meeting(consultation)

    for fields in (
        {"channel": Channel.PAPER, "meeting": mine},
        {"channel": Channel.MEETING, "meeting": other},
    ):
        with pytest.raises(Refused) as refusal:
            services.add_proposal(consultation, user=staff, **proposal(consultation, **fields))
        assert refusal.value.field == "meeting"
    assert not Comment.objects.exists()


def test_an_anonymous_proposal_where_the_consultation_allows_it(staff):
    consultation = build_consultation(allows_anonymous=True)

    entered = services.add_proposal(
        consultation,
        user=staff,
        **proposal(consultation, channel=Channel.PHONE, anonymous=True, author_name="Иван"),
    )

    assert entered.anonymous and entered.author_name == ""


def test_proposals_are_entered_after_the_period_closed_but_not_before_it_opens(staff, english):
    closed = build_consultation(opened_days_ago=40)
    upcoming = build_consultation(slug="predstoi", opened_days_ago=-3)

    assert services.add_proposal(closed, user=staff, **proposal(closed)).pk
    with pytest.raises(Refused, match="Comments open on"):
        services.add_proposal(upcoming, user=staff, **proposal(upcoming))


def test_no_proposal_is_added_once_the_statement_is_published(staff, english):
    consultation = build_consultation(opened_days_ago=40, statement_published_at=timezone.now())

    with pytest.raises(Refused, match="справка is published"):
        services.add_proposal(consultation, user=staff, **proposal(consultation))
    assert not Comment.objects.exists()


def test_the_same_proposal_entered_twice_is_recorded_once(consultation, staff):
    first = services.add_proposal(consultation, user=staff, **proposal(consultation))
    again = services.add_proposal(consultation, user=staff, **proposal(consultation))
    other_channel = services.add_proposal(
        consultation, user=staff, **proposal(consultation, channel=Channel.EMAIL)
    )

    assert again == first and other_channel != first
    assert Comment.objects.count() == 2
    assert Entry.objects.filter(action="consultations.proposal_entered").count() == 2


# The page.


def form_data(consultation, **fields):
    return {
        "channel": Channel.PAPER,
        "meeting": "",
        "section": Section.objects.get(version__consultation=consultation, key="chl-3").pk,
        "text": "Глобите за първо нарушение да са по-ниски.",
        "author_name": "Иван Петров",
        "settlement": Settlement.objects.get(slug="pirgovo").pk,
        "group": StakeholderGroup.objects.get(slug="citizens").pk,
        **fields,
    }


def test_staff_enter_a_proposal_on_the_page_and_a_double_post_makes_one(
    client, consultation, staff
):
    client.force_login(staff)
    url = reverse("consultations:proposal_add", args=[consultation.slug])

    assert client.get(url).status_code == 200
    responses = [client.post(url, form_data(consultation)) for _ in range(2)]

    assert [response.status_code for response in responses] == [302, 302]
    entered = Comment.objects.get()
    assert entered.channel == Channel.PAPER and entered.entered_by == staff


def test_the_page_shows_a_refusal_by_its_field_with_what_was_typed(
    client, consultation, staff, english
):
    client.force_login(staff)
    url = reverse("consultations:proposal_add", args=[consultation.slug])

    response = client.post(url, form_data(consultation, channel=Channel.MEETING))

    assert response.status_code == 200
    assert "Choose the meeting" in response.context["form"].errors["meeting"][0]
    assert "Глобите за първо нарушение" in response.text
    assert not Comment.objects.exists()


def test_the_page_offers_only_sections_of_the_current_version_and_this_consultations_meetings(
    client, consultation, staff
):
    mine = link_meeting(consultation)
    link_meeting(build_consultation(slug="druga"), slug="drugo-sabranie")
    client.force_login(staff)

    form = client.get(reverse("consultations:proposal_add", args=[consultation.slug])).context[
        "form"
    ]

    assert list(form.fields["meeting"].queryset) == [mine]
    assert {section.key for section in form.fields["section"].queryset} == {
        "chl-1",
        "chl-2",
        "chl-3",
    }


# Corrections.


def test_staff_correct_a_proposal_they_entered_and_the_history_keeps_what_changed(
    client, consultation, staff
):
    entered = services.add_proposal(consultation, user=staff, **proposal(consultation))
    client.force_login(staff)
    url = reverse("consultations:moderate", args=[entered.pk])

    assert 'value="correct"' in client.get(url).text
    response = client.post(
        url, {**form_data(consultation, text="Глобите да са по-ниски."), "action": "correct"}
    )

    assert response.status_code == 302
    entered.refresh_from_db()
    assert entered.text == "Глобите да са по-ниски." and entered.author_name == "Иван Петров"
    entry = Entry.objects.get(action="consultations.proposal_changed")
    assert entry.changes["text"] == [
        "Глобите за първо нарушение да са по-ниски.",
        "Глобите да са по-ниски.",
    ]


def test_a_correction_is_refused_by_its_field_with_what_was_typed_kept(
    client, consultation, staff, english
):
    entered = services.add_proposal(consultation, user=staff, **proposal(consultation))
    client.force_login(staff)

    response = client.post(
        reverse("consultations:moderate", args=[entered.pk]),
        {**form_data(consultation, channel=Channel.MEETING, text="Поправка"), "action": "correct"},
    )

    assert response.status_code == 200
    assert "Choose the meeting" in response.context["correction"].errors["meeting"][0]
    assert "Поправка" in response.text
    assert Comment.objects.get().text == "Глобите за първо нарушение да са по-ниски."


def test_an_online_comment_and_a_proposal_in_a_published_statement_are_never_corrected(
    consultation, staff, english
):
    online = services.comment(
        consultation,
        text="Онлайн коментар.",
        author_name="Мария",
        settlement=Settlement.objects.get(slug="pirgovo"),
        group=StakeholderGroup.objects.get(slug="citizens"),
        email="maria@example.org",
        consent=True,
    )
    entered = services.add_proposal(consultation, user=staff, **proposal(consultation))
    Consultation.objects.filter(pk=consultation.pk).update(statement_published_at=timezone.now())

    for comment, message in ((online, "own words"), (entered, "справка is published")):
        with pytest.raises(Refused, match=message):
            services.update_proposal(comment, user=staff, **proposal(consultation, text="Х"))
    assert Comment.objects.get(pk=entered.pk).text != "Х"


def test_officials_cannot_correct_a_proposal(client, consultation, staff, official):
    entered = services.add_proposal(consultation, user=staff, **proposal(consultation))
    client.force_login(official)
    url = reverse("consultations:moderate", args=[entered.pk])

    assert 'value="correct"' not in client.get(url).text
    response = client.post(url, {**form_data(consultation, text="Х"), "action": "correct"})

    assert response.status_code == 403
    assert Comment.objects.get().text != "Х"
