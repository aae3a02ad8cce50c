"""Invitation codes: made in batches by staff, printed on slips, each used once."""

import io
import json
import uuid
from datetime import date

import pytest
from django.contrib.sessions.models import Session
from django.db import connection
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from ivanovo_portal.places.models import Settlement
from ivanovo_portal.refusals import Refused
from surveys.models import Channel, InvitationCode, Questionnaire, Response
from surveys.pdf import render_invitation_slips_pdf
from surveys.services import responses

from .conftest import at_once

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


@pytest.fixture
def by_invitation(questionnaire):
    questionnaire.invitation_only = True
    questionnaire.consent_text = ""
    questionnaire.save()
    return questionnaire


def test_a_batch_has_the_codes_asked_for_short_unique_and_unambiguous(questionnaire):
    codes = responses.create_invitations(questionnaire, count=200, label="Красен")
    values = [c.code for c in codes]
    assert len(set(values)) == 200
    assert all(len(code) == 8 for code in values)
    assert not set("".join(values)) & set("0O1I")
    assert InvitationCode.objects.filter(batch__label="Красен").count() == 200


def test_a_batch_too_large_is_refused(questionnaire):
    with pytest.raises(Refused):
        responses.create_invitations(questionnaire, count=5000, label="x")


def test_a_code_is_used_once(by_invitation):
    (code,) = responses.create_invitations(by_invitation, count=1)
    responses.redeem_invitation(by_invitation, code.code)
    code.refresh_from_db()
    assert code.used_on is not None
    with pytest.raises(Refused, match="already been used"):
        responses.redeem_invitation(by_invitation, code.code)


def test_a_code_of_another_questionnaire_is_unknown(by_invitation):
    other = Questionnaire.objects.create(title="Бизнесът", slug="biznes", target_group="businesses")
    (code,) = responses.create_invitations(other, count=1)
    with pytest.raises(Refused, match="no such invitation code"):
        responses.redeem_invitation(by_invitation, code.code)
    code.refresh_from_db()
    assert code.used_on is None


def test_an_invitation_only_questionnaire_refuses_answers_without_a_code(by_invitation):
    with pytest.raises(Refused, match="invitation code"):
        responses.submit_response(
            by_invitation, [], channel=Channel.ONLINE, submission_key=uuid.uuid4()
        )


def test_the_page_asks_for_the_code_first_and_fills_it_in_from_the_qr_link(client, by_invitation):
    response = client.get(by_invitation.get_absolute_url() + "?code=ABCD2345")
    assert 'name="code"' in response.text
    assert 'value="ABCD2345"' in response.text
    answer = client.get(reverse("surveys:answer", args=[by_invitation.slug]))
    assert answer.url == by_invitation.get_absolute_url()


def test_a_good_code_starts_the_answers_and_an_unknown_one_is_refused(client, by_invitation):
    (code,) = responses.create_invitations(by_invitation, count=1)
    wrong = client.post(by_invitation.get_absolute_url(), {"code": "ZZZZ-ZZZZ"})
    assert "There is no such invitation code for this questionnaire." in wrong.text
    typed = f"{code.code[:4].lower()}-{code.code[4:]}"
    right = client.post(by_invitation.get_absolute_url(), {"code": typed})
    assert right.url == reverse("surveys:answer", args=[by_invitation.slug, 1])


def test_a_used_code_is_refused_on_the_page(client, by_invitation):
    (code,) = responses.create_invitations(by_invitation, count=1)
    responses.redeem_invitation(by_invitation, code.code)
    response = client.post(by_invitation.get_absolute_url(), {"code": code.code})
    assert "This invitation code has already been used." in response.text


def answer_with(client, questionnaire, question, code):
    """Begin ``questionnaire`` with ``code`` and answer both pages: the last page's reply and
    what it sent (to send it again)."""
    client.post(questionnaire.get_absolute_url(), {"code": code})
    key = client.session["survey_attempts"][str(questionnaire.pk)]["key"]
    url = lambda step: reverse("surveys:answer", args=[questionnaire.slug, step])  # noqa: E731
    client.post(
        url(1),
        {
            f"q{question('Q1').pk}": str(Settlement.objects.first().pk),
            f"q{question('Q2').pk}": "no",
            f"q{question('Q4').pk}": "30",
            "submission_key": key,
            "action": "next",
        },
    )
    matrix = question("Q9")
    last = {
        f"q{question('Q6').pk}": "tv",
        f"q{question('Q7').pk}": ["jobs"],
        f"q{question('Q8').pk}": "1",
        **{f"q{matrix.pk}_{row.pk}": "1" for row in matrix.rows.all()},
        "submission_key": key,
        "action": "submit",
    }
    return client.post(url(2), last), last


def test_answering_with_a_code_marks_it_used(client, by_invitation, question):
    (code,) = responses.create_invitations(by_invitation, count=1)
    done, _sent = answer_with(client, by_invitation, question, code.code)
    assert done.url == reverse("surveys:thanks", args=[by_invitation.slug])
    code.refresh_from_db()
    assert code.used_on == timezone.localdate()
    assert Response.objects.count() == 1


def test_a_code_is_used_as_one_begins_and_the_session_keeps_only_a_right_to_answer(
    client, by_invitation
):
    (code,) = responses.create_invitations(by_invitation, count=1)
    client.post(by_invitation.get_absolute_url(), {"code": code.code})
    code.refresh_from_db()
    assert code.used_on == timezone.localdate()
    assert not Response.objects.exists()
    attempt = client.session["survey_attempts"][str(by_invitation.pk)]
    assert attempt["invited"] is True
    assert "invitation" not in attempt  # a flag, never the code or its id
    assert code.code not in json.dumps(dict(client.session))


def test_one_who_began_with_a_code_goes_on_without_typing_it_again(client, by_invitation):
    (code,) = responses.create_invitations(by_invitation, count=1)
    client.post(by_invitation.get_absolute_url(), {"code": code.code})
    page = client.get(by_invitation.get_absolute_url())
    assert 'name="code"' not in page.text
    assert "Continue answering" in page.text
    answer = client.get(reverse("surveys:answer", args=[by_invitation.slug, 1]))
    assert answer.status_code == 200


def test_the_page_says_the_code_is_used_as_soon_as_one_begins(client, by_invitation):
    page = client.get(by_invitation.get_absolute_url())
    assert "the code is used as soon as you begin" in page.text


def test_the_answered_form_sent_again_ends_on_the_thanks_page(client, by_invitation, question):
    (code,) = responses.create_invitations(by_invitation, count=1)
    _done, sent = answer_with(client, by_invitation, question, code.code)
    again = client.post(reverse("surveys:answer", args=[by_invitation.slug, 2]), sent)
    assert again.url == reverse("surveys:thanks", args=[by_invitation.slug]) + "?again=1"
    assert Response.objects.count() == 1


def test_the_right_to_answer_is_used_once(client, by_invitation, question):
    (code,) = responses.create_invitations(by_invitation, count=1)
    answer_with(client, by_invitation, question, code.code)
    again = client.get(reverse("surveys:answer", args=[by_invitation.slug, 1]))
    assert again.url == reverse("surveys:thanks", args=[by_invitation.slug]) + "?again=1"
    assert (
        "Enter the code"
        in client.get(reverse("surveys:answer", args=[by_invitation.slug]), follow=True).text
    )
    assert Response.objects.count() == 1


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_in_the_database_nothing_joins_a_response_to_its_code(client, by_invitation, question):
    if connection.vendor != "postgresql":
        pytest.skip("transaction ids (xmin) are PostgreSQL's")
    codes = responses.create_invitations(by_invitation, count=3)
    for code in codes[:2]:
        client.cookies.clear()  # two respondents
        done, _sent = answer_with(client, by_invitation, question, code.code)
        assert done.url == reverse("surveys:thanks", args=[by_invitation.slug])

    def column(sql):
        with connection.cursor() as cursor:
            cursor.execute(sql)
            return {row[0] for row in cursor.fetchall()}

    transactions_of_codes = column("SELECT xmin::text FROM surveys_invitationcode")
    assert len(column("SELECT id FROM surveys_response")) == 2
    assert not column("SELECT xmin::text FROM surveys_response") & transactions_of_codes
    assert not column("SELECT xmin::text FROM surveys_answer") & transactions_of_codes
    response_rows = " ".join(column("SELECT row_to_json(r)::text FROM surveys_response r"))
    sessions = [
        Session.objects.get(pk=key).get_decoded()
        for key in column("SELECT session_key FROM django_session")
    ]
    for code in codes:
        assert code.code not in response_rows
        assert code.code not in json.dumps(sessions)
    assert "invitation" not in json.dumps(sessions)


def test_nothing_ties_a_response_to_the_code_it_was_given_with(by_invitation):
    (code,) = responses.create_invitations(by_invitation, count=1, label="Щръклево")
    responses.redeem_invitation(by_invitation, code.code)
    response, _created = responses.submit_response(
        by_invitation, [], channel=Channel.ONLINE, submission_key=uuid.uuid4(), invited=True
    )
    assert not [f for f in Response._meta.get_fields() if f.related_model is InvitationCode]
    assert not [f for f in InvitationCode._meta.get_fields() if f.related_model is Response]
    code.refresh_from_db()
    # Only the day: the code's use cannot be matched to the response's exact time.
    assert type(code.used_on) is date
    assert code.used_on == timezone.localdate(response.submitted_at)


def test_the_same_form_sent_twice_with_a_code_records_one_response(by_invitation):
    (code,) = responses.create_invitations(by_invitation, count=1)
    responses.redeem_invitation(by_invitation, code.code)
    key = uuid.uuid4()
    send = lambda: responses.submit_response(  # noqa: E731
        by_invitation, [], channel=Channel.ONLINE, submission_key=key, invited=True
    )
    first, created = send()
    again, created_again = send()
    assert created and not created_again
    assert again.pk == first.pk
    assert Response.objects.count() == 1


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_one_code_typed_in_two_browsers_at_once_starts_one_of_them(by_invitation):
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL's row locks")
    (code,) = responses.create_invitations(by_invitation, count=1)

    def redeem():
        try:
            responses.redeem_invitation(by_invitation, code.code)
        except Refused as refusal:
            return refusal.field
        return "redeemed"

    outcomes = at_once(redeem)
    assert sorted(outcomes) == ["code", "redeemed"]


def pdf_text(pdf):
    reader = PdfReader(io.BytesIO(pdf))
    return " ".join(page.extract_text() for page in reader.pages), len(reader.pages)


def shown(code):
    return f"{code.code[:4]}-{code.code[4:]}"


def test_the_slips_have_the_title_the_address_and_every_code_of_the_batch(questionnaire):
    codes = responses.create_invitations(questionnaire, count=12, label="Пиргово")
    text, pages = pdf_text(render_invitation_slips_pdf(codes[0].batch))
    assert questionnaire.title in text
    assert "Пиргово" in text
    assert f"/surveys/{questionnaire.slug}/" in text.replace("\n", "")
    for code in codes:
        assert shown(code) in text
    assert pages >= 2  # ten slips to a page


def test_the_slips_of_a_second_batch_leave_out_the_first_and_the_used_codes(by_invitation):
    handed_out = responses.create_invitations(by_invitation, count=3, label="Красен, март")
    second = responses.create_invitations(by_invitation, count=3, label="Красен, април")
    responses.redeem_invitation(by_invitation, second[0].code)
    text, _pages = pdf_text(render_invitation_slips_pdf(second[0].batch))
    assert [shown(code) in text for code in second] == [False, True, True]
    assert not any(shown(code) in text for code in handed_out)


@pytest.mark.parametrize(
    ("persona", "status"),
    [("staff", 200), ("monitor", 403), ("official", 403), ("resident", 403), ("outsider", 403)],
)
def test_only_staff_make_invitation_codes(client, request, questionnaire, persona, status):
    client.force_login(request.getfixturevalue(persona))
    url = reverse("surveys:invitations", args=[questionnaire.slug])
    assert client.get(url).status_code == status


def test_staff_make_a_batch_on_the_page_and_the_slips_are_prepared(
    client, staff, questionnaire, settings, tmp_path, django_capture_on_commit_callbacks
):
    settings.MEDIA_ROOT = tmp_path
    client.force_login(staff)
    url = reverse("surveys:invitations", args=[questionnaire.slug])
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, {"count": "25", "label": "Табачка"})
    response = client.get(url)
    assert "25 codes made in batch “Табачка”" in response.text
    assert "The PDF is ready" in response.text
    assert InvitationCode.objects.filter(batch__label="Табачка").count() == 25


def test_the_page_lists_the_batches_and_prints_the_one_chosen(
    client, staff, questionnaire, settings, tmp_path, django_capture_on_commit_callbacks
):
    settings.MEDIA_ROOT = tmp_path
    client.force_login(staff)
    first = responses.create_invitations(questionnaire, count=4, label="Божичен")[0].batch
    second = responses.create_invitations(questionnaire, count=6, label="Кошов")[0].batch
    url = reverse("surveys:invitations", args=[questionnaire.slug])
    page = client.get(url)
    for batch in (first, second):
        assert f'name="batch" value="{batch.pk}"' in page.text
    assert [(b.label, b.total, b.used) for b in page.context["batches"]] == [
        ("Кошов", 6, 0),
        ("Божичен", 4, 0),
    ]
    slips = reverse("surveys:invitation_slips", args=[questionnaire.slug])
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(slips, {"batch": first.pk}).url == url
    assert first.documents.get().is_ready
    assert not second.documents.exists()
    assert "The PDF is ready" in client.get(url).text


def test_the_slips_of_another_questionnaires_batch_are_not_found(client, staff, questionnaire):
    other = Questionnaire.objects.create(title="Бизнесът", slug="biznes", target_group="businesses")
    batch = responses.create_invitations(other, count=1, label="x")[0].batch
    client.force_login(staff)
    slips = reverse("surveys:invitation_slips", args=[questionnaire.slug])
    assert client.post(slips, {"batch": batch.pk}).status_code == 404
    assert client.post(slips, {"batch": "nonsense"}).status_code == 404
