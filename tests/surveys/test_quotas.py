"""Quotas that stop at their target: set on the quota screen, told to respondents before they
begin, enforced when answers are sent (even two at once); paper forms are kept with a warning."""

import uuid

import pytest
from django.contrib.messages import get_messages
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from ivanovo_portal.places.models import Settlement
from ivanovo_portal.refusals import Refused
from surveys.models import Answer, Channel, Quota, Response
from surveys.services import questionnaires, responses

from .conftest import at_once

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


FULL = "All the responses needed from Koshov have been collected"


@pytest.fixture
def koshov():
    return Settlement.objects.get(name="Кошов")


@pytest.fixture
def capped(questionnaire, koshov):
    """Кошов takes three answers online; the other settlements have targets only."""
    Quota.objects.filter(questionnaire=questionnaire, settlement=koshov).update(target=3, cap=True)
    return questionnaire


def send(questionnaire, question, settlement, *, key=None, channel=Channel.ONLINE):
    answer = Answer(question=question("Q1"), settlement_id=settlement.pk)
    return responses.submit_response(
        questionnaire, [answer], channel=channel, submission_key=key or uuid.uuid4()
    )


def first_page(question, settlement):
    return {
        "consent": "on",
        f"q{question('Q1').pk}": str(settlement.pk),
        f"q{question('Q2').pk}": "no",
        f"q{question('Q4').pk}": "67",
        "action": "next",
    }


def test_a_cap_of_three_takes_three_and_refuses_the_fourth(capped, question, koshov):
    for _ in range(3):
        _response, created = send(capped, question, koshov)
        assert created
    with pytest.raises(Refused, match=FULL) as refused:
        send(capped, question, koshov)
    assert refused.value.field == "settlement"
    assert Response.objects.filter(settlement=koshov).count() == 3


def test_the_fourth_respondent_is_told_by_the_settlement_question(client, capped, question, koshov):
    for _ in range(3):
        send(capped, question, koshov)
    client.get(reverse("surveys:answer", args=[capped.slug]))

    page = client.post(
        reverse("surveys:answer", args=[capped.slug, 1]), first_page(question, koshov)
    )

    assert page.status_code == 200
    (item,) = page.context["form"].error_items
    assert item.question == question("Q1")
    assert FULL in item.errors[0]
    assert f'id="question-{question("Q1").pk}-error"' in page.text


def test_the_settlement_question_marks_full_settlements(client, capped, question, koshov):
    for _ in range(3):
        send(capped, question, koshov)
    client.get(reverse("surveys:answer", args=[capped.slug]))
    page = client.get(reverse("surveys:answer", args=[capped.slug, 1]))
    assert (
        f'<option value="{koshov.pk}">Koshov — all the responses needed have been collected'
        in page.text
    )
    krasen = Settlement.objects.get(name="Красен")
    assert f'<option value="{krasen.pk}">Krasen</option>' in page.text


def test_the_questionnaire_page_lists_the_full_settlements_before_one_begins(
    client, capped, question, koshov
):
    page = client.get(capped.get_absolute_url())
    assert "Settlements with all the responses needed" not in page.text
    for _ in range(3):
        send(capped, question, koshov)
    page = client.get(capped.get_absolute_url())
    assert "Settlements with all the responses needed" in page.text
    assert "<li>Koshov</li>" in page.text
    assert "Start answering" in page.text  # the other settlements still answer


def test_when_every_settlement_is_full_the_page_says_so_and_offers_no_start(
    client, questionnaire, question
):
    Quota.objects.filter(questionnaire=questionnaire).update(target=1, cap=True)
    for settlement in Settlement.objects.all():
        send(questionnaire, question, settlement)
    page = client.get(questionnaire.get_absolute_url())
    assert "All the responses needed have been collected" in page.text
    assert "Start answering" not in page.text


def test_a_target_without_a_cap_takes_more(questionnaire, question, koshov):
    Quota.objects.filter(questionnaire=questionnaire, settlement=koshov).update(target=3)
    for _ in range(5):
        send(questionnaire, question, koshov)
    assert Response.objects.filter(settlement=koshov).count() == 5


def test_the_same_form_sent_again_for_the_last_place_finds_its_response(capped, question, koshov):
    for _ in range(2):
        send(capped, question, koshov)
    key = uuid.uuid4()
    first, created = send(capped, question, koshov, key=key)
    again, created_again = send(capped, question, koshov, key=key)
    assert created and not created_again
    assert again.pk == first.pk


def test_discarded_responses_leave_room(capped, question, koshov):
    for _ in range(3):
        send(capped, question, koshov)
    Response.objects.filter(pk=Response.objects.first().pk).update(
        discarded_at="2023-01-01T10:00Z", discard_reason="Дубликат"
    )
    _response, created = send(capped, question, koshov)
    assert created


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_answers_at_once_for_the_last_place_record_one(capped, question, koshov):
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL's row locks")
    for _ in range(2):
        send(capped, question, koshov)

    def last_place():
        try:
            send(capped, question, koshov)
        except Refused as refusal:
            return refusal.field
        return "recorded"

    outcomes = sorted(at_once(last_place, times=4))
    assert outcomes == ["recorded", "settlement", "settlement", "settlement"]
    assert Response.objects.filter(settlement=koshov).count() == 3


def test_a_paper_form_beyond_the_cap_is_kept_with_a_warning(
    client, staff, capped, question, koshov
):
    for _ in range(3):
        send(capped, question, koshov)
    client.force_login(staff)
    matrix = question("Q9")
    entry = {
        "submission_key": str(uuid.uuid4()),
        "form_number": "41",
        "filled_on": timezone.localdate().isoformat(),
        "channel": Channel.PAPER,
        "consented": "on",
        f"q{question('Q1').pk}": str(koshov.pk),
        f"q{question('Q2').pk}": "no",
        f"q{question('Q4').pk}": "71",
        f"q{question('Q6').pk}": "tv",
        f"q{question('Q7').pk}": ["water"],
        f"q{question('Q8').pk}": "3",
        **{f"q{matrix.pk}_{row.pk}": "4" for row in matrix.rows.all()},
    }
    response = client.post(reverse("surveys:entry", args=[capped.slug]), entry)
    assert response.status_code == 302
    warnings = [str(m) for m in get_messages(response.wsgi_request) if m.level_tag == "warning"]
    assert warnings == [
        "Koshov already had all the responses needed: it now has 4, against a target of 3 "
        "that stops answers online."
    ]
    assert Response.objects.filter(settlement=koshov).count() == 4


# The quota screen


@pytest.fixture
def quota_form(questionnaire):
    data = {"quota_total": "110"}
    for settlement in Settlement.objects.all():
        data[f"settlement_{settlement.pk}"] = "8"
    return data


def test_staff_tick_which_settlements_stop_at_their_target(
    client, staff, questionnaire, quota_form, koshov
):
    client.force_login(staff)
    url = reverse("surveys:quotas", args=[questionnaire.slug])
    assert f'name="cap_{koshov.pk}"' in client.get(url).text
    response = client.post(url, {**quota_form, f"cap_{koshov.pk}": "on"})
    assert response.status_code == 302
    caps = dict(questionnaire.quotas.values_list("settlement__name", "cap"))
    assert caps["Кошов"] is True
    assert sum(caps.values()) == 1
    assert client.get(url).context["form"][f"cap_{koshov.pk}"].value() is True


def test_a_cap_without_a_target_is_refused_by_its_box(
    client, staff, questionnaire, quota_form, koshov
):
    client.force_login(staff)
    url = reverse("surveys:quotas", args=[questionnaire.slug])
    data = {**quota_form, f"settlement_{koshov.pk}": "0", f"cap_{koshov.pk}": "on"}
    response = client.post(url, data)
    assert response.context["form"].errors == {
        f"cap_{koshov.pk}": ["Give a target above 0 for answers to stop at."]
    }


@pytest.mark.parametrize("field", ["quota_total", "settlement"])
def test_a_forty_digit_quota_gets_a_message_by_its_field(
    client, staff, questionnaire, quota_form, koshov, field
):
    client.force_login(staff)
    name = field if field == "quota_total" else f"settlement_{koshov.pk}"
    response = client.post(
        reverse("surveys:quotas", args=[questionnaire.slug]), {**quota_form, name: "9" * 40}
    )
    assert response.status_code == 200
    assert response.context["form"].errors[name] == [
        f"Enter a number no larger than {questionnaires.MAX_RESPONSES}."
    ]
    assert set(questionnaire.quotas.values_list("target", flat=True)) == {8}


def test_a_copy_keeps_the_caps(capped, staff, koshov):
    copy = questionnaires.copy_questionnaire(capped, user=staff)
    assert copy.quotas.get(settlement=koshov).cap is True
