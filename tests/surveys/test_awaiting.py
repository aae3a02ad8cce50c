"""Open questionnaires closing soon with settlements below their quotas wait for staff."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from surveys.models import Quota

pytestmark = pytest.mark.django_db


def quotas_behind(client, user):
    client.force_login(user)
    with translation.override("en"):
        response = client.get(reverse("accounts:awaiting"))
    sections = {key: items for key, _section, items in response.context["sections"]}
    return sections.get("surveys_quotas_behind")


def close_in(questionnaire, days):
    questionnaire.closes_at = timezone.now() + timedelta(days=days)
    questionnaire.save()


def test_a_questionnaire_closing_soon_names_its_settlements_below_target(
    client, staff, questionnaire, respond
):
    close_in(questionnaire, 5)
    Quota.objects.filter(questionnaire=questionnaire).update(target=0)
    Quota.objects.filter(questionnaire=questionnaire, settlement__slug="koshov").update(target=3)
    Quota.objects.filter(questionnaire=questionnaire, settlement__slug="krasen").update(target=1)
    respond(Q1="koshov")
    respond(Q1="krasen")

    [item] = quotas_behind(client, staff)

    assert item.title == questionnaire.title
    assert item.due == timezone.localdate(questionnaire.closes_at)
    assert item.detail == "Below the quota: Koshov 1 of 3"


def test_a_questionnaire_closing_later_or_with_its_quotas_met_is_not_shown(
    client, staff, questionnaire, respond
):
    close_in(questionnaire, 30)
    assert quotas_behind(client, staff) == []

    close_in(questionnaire, 5)
    Quota.objects.filter(questionnaire=questionnaire).update(target=0)
    assert quotas_behind(client, staff) == []


def test_officials_do_not_see_the_surveys_quotas(client, official):
    assert quotas_behind(client, official) is None
