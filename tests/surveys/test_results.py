"""Results computed by the database, checked against numbers worked out by hand."""

import datetime
import json
from decimal import Decimal

import pytest
from django.utils import timezone

from ivanovo_portal.places.models import Settlement
from surveys.models import Channel
from surveys.results.counting import Figures, ResultFilters, count_answers, responses_for
from surveys.results.figures import ordered_questions, results_for, results_from


@pytest.fixture
def four_responses(respond):
    """Four respondents; the expected figures in the tests below were worked out by hand."""
    day = timezone.make_aware(datetime.datetime(2023, 3, 1, 12))
    return [
        respond(
            Q1="ivanovo",
            Q2="yes",
            Q3="Бюджет",
            Q4=30,
            Q5="2023-02-01",
            Q6="site",
            Q7=["roads", "water"],
            Q8="4",
            Q9={"admin": "5", "info": "3"},
            Q10="Повече автобуси",
            submitted_at=day,
        ),
        respond(
            Q1="koshov",
            Q2="no",
            Q4=40,
            Q6="other:Съседите",
            Q7=["roads", "other:Кучетата"],
            Q8="2",
            Q9={"admin": "4", "info": "4"},
            channel=Channel.PAPER,
            submitted_at=day + datetime.timedelta(days=1),
        ),
        respond(
            Q1="koshov",
            Q2="yes",
            Q3="Пътища",
            Q4=50,
            Q5="2023-02-20",
            Q6="mayor",
            Q7=["jobs"],
            Q8="5",
            Q9={"admin": "2"},
            Q10="Нищо",
            submitted_at=day + datetime.timedelta(days=2),
        ),
        respond(
            Q1="ivanovo",
            Q2="no",
            Q4=61,
            Q6="site",
            Q8="4",
            channel=Channel.INTERVIEW,
            submitted_at=day + datetime.timedelta(days=3),
        ),
    ]


def counts(result):
    return {row.code: (row.count, row.percent) for row in result.rows}


def test_summary_counts_respondents_by_channel_and_settlement(questionnaire, four_responses):
    results = results_for(questionnaire)
    assert results.respondents == 4
    assert {row.code: row.count for row in results.by_channel} == {
        "online": 2,
        "paper": 1,
        "interview": 1,
    }
    by_place = {row.code: row.count for row in results.by_settlement}
    assert len(by_place) == 13
    assert by_place["ivanovo"] == 2 and by_place["koshov"] == 2 and by_place["mechka"] == 0


def test_yes_no_and_single_choice_count_options_and_other(questionnaire, four_responses):
    results = results_for(questionnaire)
    assert results["Q2"].answered == 4
    assert counts(results["Q2"]) == {"yes": (2, 50.0), "no": (2, 50.0)}
    q6 = results["Q6"]
    assert counts(q6) == {
        "site": (2, 50.0),
        "mayor": (1, 25.0),
        "tv": (0, 0.0),
        "other": (1, 25.0),
    }
    assert q6.other_count == 1
    assert [(row.label, row.count, row.percent) for row in q6.other_texts] == [
        ("Съседите", 1, 100.0)
    ]


def test_multiple_choice_percents_are_of_those_who_answered_and_may_pass_100(
    questionnaire, four_responses
):
    q7 = results_for(questionnaire)["Q7"]
    assert q7.answered == 3
    assert counts(q7) == {
        "roads": (2, 66.7),
        "water": (1, 33.3),
        "jobs": (1, 33.3),
        "other": (1, 33.3),
    }
    assert [row.label for row in q7.other_texts] == ["Кучетата"]
    assert sum(row.percent for row in q7.rows) > 100


def test_other_texts_are_counted_together_in_any_case_and_spacing_most_frequent_first(
    questionnaire, respond
):
    for words in ["Кучетата", "кучетата ", "Кучетата", "Съседите", "Автобусът", "Автобусът"]:
        respond(Q6=f"other:{words}")
    respond(Q6="other:Tractors")
    respond(Q6="site")

    q6 = results_for(questionnaire)["Q6"]

    assert q6.other_count == 7
    assert [(row.label.lower(), row.count, row.percent) for row in q6.other_texts] == [
        ("кучетата", 3, 42.9),
        ("автобусът", 2, 28.6),
        ("tractors", 1, 14.3),
        ("съседите", 1, 14.3),
    ]


def test_other_texts_show_the_most_frequent_ten(questionnaire, respond):
    for number in range(12):
        respond(Q6=f"other:Отговор {number:02}")
    respond(Q6="other:Отговор 11")

    q6 = results_for(questionnaire)["Q6"]

    assert len(q6.other_texts) == 10
    assert q6.other_texts[0].label == "Отговор 11"
    assert q6.other_texts[0].count == 2


def test_scale_has_counts_mean_and_median(questionnaire, four_responses):
    q8 = results_for(questionnaire)["Q8"]
    assert q8.answered == 4
    assert counts(q8) == {
        "1": (0, 0.0),
        "2": (1, 25.0),
        "3": (0, 0.0),
        "4": (2, 50.0),
        "5": (1, 25.0),
    }
    assert q8.mean == Decimal("3.75")
    assert q8.median == Decimal("4.00")


def test_number_has_mean_median_and_extremes(questionnaire, four_responses):
    q4 = results_for(questionnaire)["Q4"]
    assert q4.answered == 4
    assert q4.mean == Decimal("45.25")
    assert q4.median == Decimal("45.00")
    assert (q4.minimum, q4.maximum) == (Decimal("30.00"), Decimal("61.00"))
    assert [(row.label, row.count) for row in q4.rows] == [
        ("30", 1),
        ("40", 1),
        ("50", 1),
        ("61", 1),
    ]


def test_matrix_has_a_table_with_mean_and_median_per_row(questionnaire, four_responses):
    q9 = results_for(questionnaire)["Q9"]
    assert q9.answered == 3
    admin, info = q9.matrix
    assert admin.answered == 3
    assert [(c.code, c.count) for c in admin.cells] == [
        ("1", 0),
        ("2", 1),
        ("3", 0),
        ("4", 1),
        ("5", 1),
    ]
    assert admin.cells[1].percent == 33.3
    assert admin.mean == Decimal("3.67")
    assert admin.median == Decimal("4.00")
    assert info.answered == 2
    assert info.mean == Decimal("3.50")
    assert info.median == Decimal("3.50")


def test_settlement_question_lists_all_thirteen_with_zeros(questionnaire, four_responses):
    q1 = results_for(questionnaire)["Q1"]
    assert len(q1.rows) == 13
    assert counts(q1)["ivanovo"] == (2, 50.0)
    assert counts(q1)["koshov"] == (2, 50.0)
    assert counts(q1)["cherven"] == (0, 0.0)


def test_text_questions_count_answers_and_show_the_latest_first(questionnaire, four_responses):
    results = results_for(questionnaire)
    assert results["Q3"].answered == 2
    assert results["Q3"].latest_texts == ["Пътища", "Бюджет"]
    assert results["Q10"].latest_texts == ["Нищо", "Повече автобуси"]


def test_date_question_shows_first_and_last_date(questionnaire, four_responses):
    q5 = results_for(questionnaire)["Q5"]
    assert q5.answered == 2
    assert (q5.first_date, q5.last_date) == (datetime.date(2023, 2, 1), datetime.date(2023, 2, 20))


def test_filter_by_channel_and_settlement(questionnaire, four_responses):
    koshov = Settlement.objects.get(slug="koshov")
    results = results_for(
        questionnaire, ResultFilters(settlements=(koshov,), channels=(Channel.ONLINE,))
    )
    assert results.respondents == 1
    assert counts(results["Q6"])["mayor"] == (1, 100.0)
    assert results["Q8"].mean == Decimal("5.00")


def test_filter_by_date_range(questionnaire, four_responses):
    filters = ResultFilters(date_from=datetime.date(2023, 3, 2), date_to=datetime.date(2023, 3, 3))
    assert responses_for(questionnaire, filters).count() == 2
    assert results_for(questionnaire, filters)["Q4"].mean == Decimal("45.00")


def test_filter_by_target_group_of_another_group_finds_nobody(questionnaire, four_responses):
    results = results_for(questionnaire, ResultFilters(target_group="businesses"))
    assert results.respondents == 0
    assert results["Q2"].answered == 0
    assert results["Q8"].mean is None


def test_cross_tabulation_keeps_those_who_gave_an_answer(questionnaire, question, four_responses):
    yes = question("Q2").choices.get(code="yes")
    results = results_for(
        questionnaire, ResultFilters(answer_question=question("Q2"), answer_choices=(yes,))
    )
    assert results.respondents == 2
    assert counts(results["Q2"]) == {"yes": (2, 100.0), "no": (0, 0.0)}
    assert results["Q8"].mean == Decimal("4.50")
    assert results["Q4"].median == Decimal("40.00")


def test_results_can_be_limited_to_chosen_questions(questionnaire, question, four_responses):
    results = results_for(questionnaire, questions=[question("Q8"), question("Q2")])
    assert [r.code for r in results] == ["Q2", "Q8"]


def test_many_number_values_are_shown_in_ranges(questionnaire, respond):
    for age in range(20, 80, 3):
        respond(Q4=age)
    q4 = results_for(questionnaire)["Q4"]
    assert sum(row.count for row in q4.rows) == 20
    assert q4.rows[0].label == "20–27"
    assert len(q4.rows) <= 8


def _query_count(django_assert_max_num_queries, questionnaire):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        results_for(questionnaire, ResultFilters(channels=(Channel.ONLINE, Channel.PAPER)))
    return len(captured)


def test_queries_do_not_grow_with_the_number_of_responses(
    questionnaire, respond, django_assert_max_num_queries
):
    for i in range(5):
        respond(Q2="yes", Q7=["roads", "other:x"], Q8="3", Q9={"admin": "1"}, Q4=20 + i, Q10="т")
    few = _query_count(django_assert_max_num_queries, questionnaire)
    for i in range(45):
        respond(Q2="no", Q7=["water"], Q8="4", Q9={"info": "2"}, Q4=30 + i, Q3="т", Q1="krasen")
    many = _query_count(django_assert_max_num_queries, questionnaire)
    assert few == many
    with django_assert_max_num_queries(12):
        results_for(questionnaire)


def test_figures_kept_as_json_give_the_same_results(questionnaire, four_responses):
    questions = ordered_questions([questionnaire])
    counted = count_answers([questionnaire], questions, texts=False)
    kept = Figures.from_json(json.loads(json.dumps(counted.as_json())))

    def shown(results):
        return [
            (
                r.code,
                r.answered,
                r.mean,
                r.median,
                r.minimum,
                r.maximum,
                r.first_date,
                [(row.label, row.count, row.percent) for row in r.rows],
                [(m.label, m.answered, m.mean, [c.count for c in m.cells]) for m in r.matrix],
            )
            for r in results
        ]

    again = results_from(kept, [questionnaire], questions)
    assert shown(again) == shown(results_from(counted, [questionnaire], questions))
    assert again.respondents == 4
    assert again["Q4"].median == Decimal("45.00")
    assert again["Q5"].first_date == datetime.date(2023, 2, 1)
