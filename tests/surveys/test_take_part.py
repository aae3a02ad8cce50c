"""The surveys' contribution to the home page: the questionnaires open now."""

from datetime import timedelta

import pytest
from django.utils import timezone

from surveys.models import Questionnaire, TargetGroup
from surveys.take_part import open_questionnaires

pytestmark = pytest.mark.django_db


def make(slug, status=Questionnaire.Status.OPEN, **fields):
    return Questionnaire.objects.create(
        title=slug, slug=slug, target_group=TargetGroup.BUSINESSES, status=status, **fields
    )


def test_only_questionnaires_taking_answers_now_are_offered_the_soonest_closing_first(
    django_assert_num_queries,
):
    now = timezone.now()
    make("later", closes_at=now + timedelta(days=30))
    make("soon", closes_at=now + timedelta(days=2))
    make("open-ended")
    make("draft", status=Questionnaire.Status.DRAFT)
    make("closed", status=Questionnaire.Status.CLOSED)
    make("not-yet", opens_at=now + timedelta(days=1))
    make("past", closes_at=now - timedelta(days=1))

    with django_assert_num_queries(1):
        openings = open_questionnaires()

    assert [o.title for o in openings] == ["soon", "later", "open-ended"]
    assert openings[0].url == "/surveys/soon/"
    assert openings[0].deadline is not None
