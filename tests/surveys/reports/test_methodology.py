"""A report's methodology, counted from the data: the sample by group, settlement and channel."""

import pytest

from surveys.models import (
    TargetGroup,
)
from surveys.results import methodology

pytestmark = pytest.mark.django_db


def test_methodology_counts_the_sample_by_group_settlement_and_channel(
    questionnaire, businesses, sample
):
    method = methodology.methodology_for([questionnaire, businesses])

    assert method.total == 5
    assert [(g.label, g.count) for g in method.groups] == [
        (TargetGroup.CITIZENS_NGOS.label, 4),
        (TargetGroup.BUSINESSES.label, 1),
    ]
    assert [s.count for s in method.channels] == [2, 2, 1]  # online, paper, interview
    assert method.channels[0].percent == 40.0
    rows = {row.name: (row.by_channel, row.total) for row in method.settlements}
    assert len(rows) == 13
    assert rows["Иваново"] == ([1, 1, 0], 2)
    assert rows["Кошов"] == ([1, 0, 1], 2)
    assert rows["Красен"] == ([0, 1, 0], 1)
    assert rows["Щръклево"] == ([0, 0, 0], 0)
    assert method.settlements_reached == 3
    assert method.first.isoformat() == "2022-10-05"
    assert method.last.isoformat() == "2022-12-12"


def test_methodology_of_one_questionnaire_leaves_the_others_out(questionnaire, sample):
    method = methodology.methodology_for([questionnaire])

    assert method.total == 4
    assert [g.count for g in method.groups] == [4]


def test_methodology_takes_the_same_queries_however_many_responses(
    questionnaire, businesses, sample, respond, django_assert_num_queries
):
    for _ in range(20):
        respond(Q1="nisovo", channel="paper")
    # For each questionnaire: its questions, the responses kept and the counts by place.
    with django_assert_num_queries(14):
        method = methodology.methodology_for([questionnaire, businesses])
    assert method.total == 25


def test_a_response_without_a_settlement_is_counted_as_not_stated(questionnaire, respond):
    respond(Q2="yes")

    method = methodology.methodology_for([questionnaire])

    assert len(method.settlements) == 14
    assert method.settlements[-1].total == 1
    assert method.settlements_reached == 0
