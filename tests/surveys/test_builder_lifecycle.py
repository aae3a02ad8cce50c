"""A questionnaire's life in the builder: copied into a new draft, its quotas, opened, closed and
its results published."""

import pytest

from ivanovo_portal.places.models import Settlement
from surveys.models import Choice, Question, Questionnaire, Quota
from surveys.services import questionnaires, structure

from .building import errors_of, post_question, url

pytestmark = pytest.mark.django_db
Kind = Question.Kind


def test_copy_is_a_deep_and_independent_draft(staff_client, staff, questionnaire, respond):
    respond(Q2="yes", Q3="Бюджетът")

    response = staff_client.post(url("copy", questionnaire))

    copy = Questionnaire.objects.get(copied_from=questionnaire)
    assert response.url == url("builder", copy)
    assert copy.slug != questionnaire.slug
    assert (copy.status, copy.created_by, copy.results_published) == ("draft", staff, False)
    assert copy.title.startswith(questionnaire.title)
    assert copy.responses.count() == 0
    assert list(copy.sections.values_list("title", flat=True)) == ["За вас", "Мнения"]

    def shape(q):
        questions = Question.objects.filter(section__questionnaire=q)
        return [
            (
                x.code,
                x.kind,
                x.text,
                x.required,
                x.allow_other,
                x.min_value,
                x.max_value,
                [(c.code, c.label, c.value) for c in x.choices.all()],
                [(r.code, r.label) for r in x.rows.all()],
            )
            for x in questions
        ]

    assert shape(copy) == shape(questionnaire)
    q3 = Question.objects.get(section__questionnaire=copy, code="Q3")
    q2 = Question.objects.get(section__questionnaire=copy, code="Q2")
    assert q3.condition_question == q2
    assert list(q3.condition_choices.all()) == list(q2.choices.filter(code="yes"))
    assert {(q.settlement_id, q.target) for q in copy.quotas.all()} == {
        (q.settlement_id, q.target) for q in questionnaire.quotas.all()
    }

    Choice.objects.filter(question=q2, code="yes").update(label="Да, участвал съм")
    structure.delete_question(Question.objects.get(section__questionnaire=copy, code="Q10"))
    assert questionnaire.sections.get(title="Мнения").questions.filter(code="Q10").exists()
    assert Choice.objects.get(question__section__questionnaire=questionnaire, code="yes").label == (
        "Да"
    )


def test_staff_save_the_quotas_of_every_settlement_on_one_form(staff_client, draft):
    settlements = list(Settlement.objects.all())
    data = {"quota_total": "60"}
    data |= {f"settlement_{s.pk}": "4" for s in settlements}
    data[f"settlement_{settlements[0].pk}"] = "12"
    data[f"settlement_{settlements[1].pk}"] = "0"

    response = staff_client.post(url("quotas", draft), data)

    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.quota_total == 60
    targets = dict(Quota.objects.filter(questionnaire=draft).values_list("settlement", "target"))
    assert len(settlements) == 13
    assert targets[settlements[0].pk] == 12
    assert settlements[1].pk not in targets
    assert sum(targets.values()) == 12 + 4 * 11


def test_quotas_adding_up_to_more_than_the_total_are_refused(staff_client, questionnaire):
    data = {"quota_total": "50"}
    data |= {f"settlement_{s.pk}": "5" for s in Settlement.objects.all()}

    response = staff_client.post(url("quotas", questionnaire), data)

    assert "quota_total" in response.context["form"].errors
    assert response.context["form"]["quota_total"].value() == "50"
    assert set(questionnaire.quotas.values_list("target", flat=True)) == {8}


def test_quotas_can_change_after_answers(staff_client, questionnaire, respond):
    respond(Q2="no")
    data = {"quota_total": "130"}
    data |= {f"settlement_{s.pk}": "10" for s in Settlement.objects.all()}

    staff_client.post(url("quotas", questionnaire), data)

    assert set(questionnaire.quotas.values_list("target", flat=True)) == {10}


def test_staff_open_close_and_publish_the_results(staff_client, draft):
    post_question(staff_client, draft, Kind.SHORT_TEXT)

    staff_client.post(url("open", draft), {"closes_at": "2030-01-31T18:00"})
    draft.refresh_from_db()
    assert draft.is_open and draft.closes_at.month == 1

    staff_client.post(url("close", draft))
    staff_client.post(url("publish_results", draft), {"published": "1"})
    draft.refresh_from_db()
    assert (draft.status, draft.results_published) == ("closed", True)

    staff_client.post(url("publish_results", draft), {"published": "0"})
    draft.refresh_from_db()
    assert draft.results_published is False


def test_an_empty_questionnaire_cannot_be_opened(staff_client, draft):
    response = staff_client.post(url("open", draft), {})

    assert response.context["open_form"].non_field_errors()
    draft.refresh_from_db()
    assert draft.status == "draft"


def test_quotas_by_settlement_need_a_settlement_question_before_opening(staff_client, draft):
    post_question(staff_client, draft, Kind.SHORT_TEXT)
    questionnaires.save_quotas(draft, quota_total=20, targets={Settlement.objects.first(): 20})

    response = staff_client.post(url("open", draft), {})

    assert "Населено място" in " ".join(response.context["open_form"].non_field_errors())
    draft.refresh_from_db()
    assert draft.status == "draft"
    post_question(staff_client, draft, Kind.SETTLEMENT)
    staff_client.post(url("open", draft), {})
    draft.refresh_from_db()
    assert draft.status == "open"


def test_a_questionnaire_cannot_close_before_it_opens(staff_client, questionnaire):
    response = staff_client.post(
        url("open", questionnaire),
        {"opens_at": "2030-02-01T09:00", "closes_at": "2030-01-01T09:00"},
    )

    assert "closes_at" in response.context["open_form"].errors


def test_the_results_of_a_draft_cannot_be_published(staff_client, draft):
    response = staff_client.post(url("publish_results", draft), {"published": "1"}, follow=True)

    assert errors_of(response)
    draft.refresh_from_db()
    assert not draft.results_published
