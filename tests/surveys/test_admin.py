"""The admin: a questionnaire's structure is edited freely until people answer it; after that it
keeps what the answers are counted by, as the builder does. Responses and answers stay read-only.
A questionnaire's and a report's state changes only through actions that call the services."""

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse

from ivanovo_portal.documents.models import GeneratedDocument
from surveys.models import AnalysisReport, Question, Questionnaire, Response
from surveys.services import reports

pytestmark = pytest.mark.django_db


def change_url(obj):
    return reverse(f"admin:surveys_{obj._meta.model_name}_change", args=[obj.pk])


def delete_url(obj):
    return reverse(f"admin:surveys_{obj._meta.model_name}_delete", args=[obj.pk])


INLINES = ["choices", "rows"]
COUNTS = ["TOTAL_FORMS", "INITIAL_FORMS"]


@pytest.fixture
def answered(questionnaire, respond):
    respond(Q6="tv", Q9={"admin": "5"})
    return questionnaire


def test_before_anyone_answers_the_admin_edits_and_deletes_questions_and_options(
    admin_client, questionnaire, question
):
    page = admin_client.get(change_url(question("Q6"))).text
    for name in ["kind", "code", "condition_question", "choices-0-code", "choices-0-value"]:
        assert f'name="{name}"' in page
    assert 'name="choices-0-DELETE"' in page
    assert admin_client.get(delete_url(question("Q10"))).status_code == 200


def test_once_answered_a_questions_kind_code_and_condition_are_read_only(
    admin_client, answered, question
):
    q3 = question("Q3")
    page = admin_client.get(change_url(q3)).text
    for name in ["kind", "code", "condition_question", "condition_choices", "text", "required"]:
        assert (f'name="{name}"' in page) == (name in {"text", "required"})
    data = {
        "section": q3.section_id,
        "text": "Нов текст",
        "help_text": "",
        "kind": Question.Kind.LONG_TEXT,
        "code": "Q99",
        "widget": "radio",
        "position": q3.position,
        **{f"{inline}-{count}": "0" for inline in INLINES for count in COUNTS},
    }
    assert admin_client.post(change_url(q3), data).status_code == 302
    q3.refresh_from_db()
    assert (q3.text, q3.kind, q3.code) == ("Нов текст", Question.Kind.SHORT_TEXT, "Q3")
    assert q3.condition_question == question("Q2")


def test_once_answered_options_keep_their_codes_and_values_and_none_is_added(
    admin_client, answered, question
):
    page = admin_client.get(change_url(question("Q8"))).text
    assert 'name="choices-0-label"' in page
    assert 'name="choices-0-code"' not in page
    assert 'name="choices-0-value"' not in page
    assert 'name="choices-0-DELETE"' not in page
    assert 'name="choices-__prefix__-label"' not in page  # no empty form to add one


def test_once_answered_no_question_or_option_is_deleted_here(admin_client, answered, question):
    assert admin_client.get(delete_url(question("Q10"))).status_code == 403
    assert 'name="choices-0-DELETE"' not in admin_client.get(change_url(question("Q6"))).text
    section_page = admin_client.get(change_url(question("Q6").section)).text
    assert 'name="questions-0-text"' in section_page
    assert 'name="questions-0-kind"' not in section_page
    assert 'name="questions-0-DELETE"' not in section_page
    questions = admin_client.get(reverse("admin:surveys_question_changelist")).text
    assert "delete_selected" not in questions


def test_once_answered_the_questionnaire_keeps_its_address_and_target_group(admin_client, answered):
    page = admin_client.get(change_url(answered)).text
    assert 'name="slug"' not in page
    assert 'name="target_group"' not in page
    assert 'name="title"' in page


def test_responses_and_answers_are_read_only(admin_client, answered):
    response = Response.objects.get()
    assert admin_client.get(reverse("admin:surveys_response_add")).status_code == 403
    page = admin_client.get(change_url(response)).text
    assert 'name="_save"' not in page
    assert 'name="settlement"' not in page
    assert admin_client.get(reverse("admin:surveys_answer_add")).status_code == 403


# State changes only through the actions, which call the services


def changelist(model):
    return reverse(f"admin:surveys_{model._meta.model_name}_changelist")


def act(admin_client, model, action, *objects):
    response = admin_client.post(
        changelist(model), {"action": action, "_selected_action": [obj.pk for obj in objects]}
    )
    assert response.status_code == 302
    return [(message.level_tag, str(message)) for message in get_messages(response.wsgi_request)]


def questionnaire_form(questionnaire, **changes):
    return {
        "title": questionnaire.title,
        "slug": questionnaire.slug,
        "description": questionnaire.description,
        "target_group": questionnaire.target_group,
        "consent_text": questionnaire.consent_text,
        "quota_total": questionnaire.quota_total,
        **{f"{inline}-{count}": "0" for inline in ["sections", "quotas"] for count in COUNTS},
        **changes,
    }


def saved_through_its_form(admin_client, obj, data, *, without):
    """Post ``data`` to the admin's form of ``obj``, which has none of the fields ``without``, and
    return ``obj`` as saved."""
    page = admin_client.get(change_url(obj)).text
    for name in without:
        assert f'name="{name}"' not in page
    response = admin_client.post(change_url(obj), data)
    assert response.status_code == 302
    obj.refresh_from_db()
    return obj


def test_a_questionnaires_status_and_dates_are_not_changed_through_its_form(
    admin_client, questionnaire
):
    form = questionnaire_form(
        questionnaire,
        title="Ново заглавие",
        status="closed",
        opens_at_0="2030-01-01",
        opens_at_1="10:00",
        results_published="on",
    )
    hidden = ["status", "opens_at_0", "closes_at_0", "results_published"]

    questionnaire = saved_through_its_form(admin_client, questionnaire, form, without=hidden)

    assert questionnaire.title == "Ново заглавие"
    assert questionnaire.status == Questionnaire.Status.OPEN
    assert questionnaire.opens_at is None
    assert not questionnaire.results_published


def test_closing_and_opening_from_the_admin_go_through_the_services(admin_client, questionnaire):
    assert act(admin_client, Questionnaire, "close", questionnaire)[0][0] == "success"
    questionnaire.refresh_from_db()
    assert questionnaire.status == Questionnaire.Status.CLOSED

    act(admin_client, Questionnaire, "open_now", questionnaire)
    questionnaire.refresh_from_db()
    assert questionnaire.status == Questionnaire.Status.OPEN


def test_the_admin_says_why_a_service_refuses_a_step(admin_client, staff, questionnaire):
    empty = Questionnaire.objects.create(
        title="Празна", slug="prazna", target_group=questionnaire.target_group, created_by=staff
    )

    messages = act(admin_client, Questionnaire, "open_now", empty, questionnaire)

    assert [level for level, _ in messages] == ["warning", "success"]
    assert messages[0][1].startswith("Празна: ")
    empty.refresh_from_db()
    assert empty.status == Questionnaire.Status.DRAFT


def test_publishing_results_from_the_admin_freezes_the_public_figures(
    admin_client, questionnaire, respond
):
    respond(Q2="yes")

    act(admin_client, Questionnaire, "publish_results", questionnaire)
    questionnaire.refresh_from_db()
    assert questionnaire.results_published
    assert questionnaire.public_figures is not None

    act(admin_client, Questionnaire, "hide_results", questionnaire)
    questionnaire.refresh_from_db()
    assert not questionnaire.results_published


@pytest.fixture
def report(staff, questionnaire, question):
    report = reports.create_report(
        user=staff, questionnaires=[questionnaire], title="Анализ", slug="analiz"
    )
    reports.add_item(report, question=question("Q2"), user=staff)
    return report


def report_form(report, **changes):
    return {
        "title": report.title,
        "slug": report.slug,
        "questionnaires": [q.pk for q in report.questionnaires.all()],
        "introduction": report.introduction,
        "methodology_note": report.methodology_note,
        "conclusions": report.conclusions,
        **{f"items-{count}": "0" for count in COUNTS},
        **changes,
    }


def test_a_reports_status_and_publication_date_are_not_changed_through_its_form(
    admin_client, report
):
    form = report_form(
        report,
        conclusions="Нови изводи.",
        status="published",
        published_at_0="2023-01-01",
        published_at_1="10:00",
    )
    hidden = ["status", "published_at_0", "items-0-commentary", "items-0-question"]

    report = saved_through_its_form(admin_client, report, form, without=hidden)

    assert report.conclusions == "Нови изводи."
    assert (report.status, report.published_at) == (AnalysisReport.Status.DRAFT, None)
    assert not GeneratedDocument.objects.exists()


def test_a_published_reports_texts_change_only_on_its_own_screens(admin_client, staff, report):
    reports.publish(report, user=staff)
    published_at = AnalysisReport.objects.get(pk=report.pk).published_at

    page = admin_client.get(change_url(report)).text
    admin_client.post(change_url(report), report_form(report, title="Друго", status="draft"))

    assert 'name="title"' not in page
    report.refresh_from_db()
    assert (report.title, report.status) == ("Анализ", AnalysisReport.Status.PUBLISHED)
    assert report.published_at == published_at


def test_publishing_a_report_from_the_admin_goes_through_the_service(
    admin_client, report, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks():
        assert [level for level, _ in act(admin_client, AnalysisReport, "publish", report)] == [
            "success"
        ]

    report.refresh_from_db()
    assert report.status == AnalysisReport.Status.PUBLISHED
    assert report.published_at is not None
    assert report.figures is not None
    assert GeneratedDocument.objects.get().source == report

    act(admin_client, AnalysisReport, "unpublish", report)
    report.refresh_from_db()
    assert (report.status, report.published_at, report.figures) == (
        AnalysisReport.Status.DRAFT,
        None,
        None,
    )
