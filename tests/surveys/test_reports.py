"""Analysis reports: composition, methodology from the data, recommendations into the register,
publication, the PDF and who may do what."""

import io
from datetime import datetime

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from ivanovo_portal.documents.models import GeneratedDocument
from ivanovo_portal.documents.registry import kinds
from ivanovo_portal.project import Activity
from ivanovo_portal.recommendations import letters
from ivanovo_portal.recommendations import services as register_services
from ivanovo_portal.recommendations.models import Recommendation
from ivanovo_portal.refusals import Refused
from surveys.models import (
    AnalysisReport,
    Question,
    Questionnaire,
    ReportItem,
    Section,
    TargetGroup,
)
from surveys.pdf import REPORT_KIND, render_report_pdf
from surveys.results import methodology
from surveys.results.reports import report_content
from surveys.services import questionnaires, reports

from .conftest import add_question

REPORT_PERMS = ["add_analysisreport", "change_analysisreport", "view_analysisreport"]


def at(day, month, year=2022, hour=10):
    return timezone.make_aware(datetime(year, month, day, hour))


@pytest.fixture
def writer(staff):
    """Project staff, sure to hold the reports' permissions."""
    staff.user_permissions.add(
        *Permission.objects.filter(content_type__app_label="surveys", codename__in=REPORT_PERMS)
    )
    return type(staff).objects.get(pk=staff.pk)


@pytest.fixture
def businesses(db, staff):
    """A second questionnaire, for businesses, with one settlement question and one yes/no."""
    questionnaire = Questionnaire.objects.create(
        title="Бизнесът и общината",
        slug="biznesat",
        target_group=TargetGroup.BUSINESSES,
        status=Questionnaire.Status.OPEN,
        created_by=staff,
    )
    section = Section.objects.create(questionnaire=questionnaire, title="Фирмата")
    add_question(section, "Q1", Question.Kind.SETTLEMENT, "Къде работи фирмата?")
    add_question(
        section,
        "Q2",
        Question.Kind.YES_NO,
        "Участвали ли сте в обществени поръчки?",
        choices=[("yes", "Да", 1), ("no", "Не", 0)],
    )
    return questionnaire


@pytest.fixture
def sample(questionnaire, businesses, respond):
    """Five responses, checked by hand: citizens 4 (Иваново online and paper, Кошов interview,
    Красен paper), businesses 1 (Кошов online); from 05.10.2022 to 12.12.2022."""
    respond(Q1="ivanovo", Q2="yes", Q8="4", submitted_at=at(5, 10))
    respond(Q1="ivanovo", Q2="no", Q8="2", channel="paper", submitted_at=at(10, 11))
    respond(Q1="koshov", Q2="yes", Q8="5", channel="interview", submitted_at=at(1, 12))
    respond(Q1="krasen", Q2="no", Q8="4", channel="paper", submitted_at=at(20, 10))
    respond(businesses, Q1="koshov", Q2="yes", submitted_at=at(12, 12))


@pytest.fixture
def report(writer, questionnaire, businesses, question, sample):
    report = reports.create_report(
        user=writer,
        questionnaires=[questionnaire, businesses],
        title="Анализ на мненията на гражданите",
        slug="analiz",
        introduction="Въведение към анализа.",
        conclusions="Хората искат повече информация.",
    )
    reports.add_item(report, question=question("Q8"), commentary="Оценките са добри.", user=writer)
    reports.add_item(report, question=question("Q2"), user=writer)
    return report


def recommend(report, user, title="Обявления в кметствата"):
    return register_services.create_recommendation(
        source=report,
        user=user,
        title=title,
        text="Обсъжданията да се обявяват и в кметствата.",
        rationale="Хората научават новините от кмета.",
    )


# Methodology


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


# Composing


def test_staff_compose_a_report_on_the_screens(client, writer, questionnaire, question, sample):
    client.force_login(writer)

    response = client.post(
        reverse("surveys:report_create"),
        {
            "title": "Анализ 2022",
            "questionnaires": [questionnaire.pk],
            "introduction": "Въведение",
        },
    )

    report = AnalysisReport.objects.get(slug="analiz-2022")
    assert response.url == reverse("surveys:report_items", args=[report.slug])
    assert report.status == AnalysisReport.Status.DRAFT
    assert report.created_by == writer
    items_url = reverse("surveys:report_items", args=[report.slug])
    for code in ("Q8", "Q7"):
        client.post(items_url, {"add-question": question(code).pk, "add-commentary": code})
    first, second = report.items.all()
    assert [first.question.code, second.question.code] == ["Q8", "Q7"]

    client.post(
        reverse("surveys:report_item_move", args=[report.slug, second.pk]), {"direction": "up"}
    )
    assert [item.question.code for item in report.items.all()] == ["Q7", "Q8"]

    client.post(
        reverse("surveys:report_item_edit", args=[report.slug, first.pk]),
        {f"item-{first.pk}-commentary": "Нов коментар"},
    )
    first.refresh_from_db()
    assert first.commentary == "Нов коментар"

    client.post(reverse("surveys:report_item_remove", args=[report.slug, second.pk]))
    assert list(report.items.values_list("question__code", flat=True)) == ["Q8"]

    page = client.get(reverse("surveys:report", args=[report.slug]))
    assert page.status_code == 200
    assert question("Q8").text in page.content.decode()
    assert "Нов коментар" in page.content.decode()


def test_staff_never_type_a_reports_address(client, writer, questionnaire):
    client.force_login(writer)

    page = client.get(reverse("surveys:report_create")).content.decode()
    client.post(
        reverse("surveys:report_create"),
        {"title": "Нов доклад", "slug": "typed", "questionnaires": [questionnaire.pk]},
    )

    assert 'name="slug"' not in page
    assert AnalysisReport.objects.get().slug == "nov-doklad"


def test_a_report_keeps_the_address_it_was_published_at_when_retitled(writer, questionnaire):
    draft = reports.create_report(user=writer, questionnaires=[questionnaire], title="Чернова")
    draft = reports.update_report(draft, user=writer, title="Мнения на жителите")
    assert draft.slug == "mnenia-na-zhitelite"
    draft.published_at = timezone.now()
    draft.save()

    published = reports.update_report(draft, user=writer, title="Мненията на жителите")

    assert published.slug == "mnenia-na-zhitelite"


def test_an_empty_report_form_shows_messages_and_saves_nothing(client, writer):
    client.force_login(writer)

    response = client.post(reverse("surveys:report_create"), {"title": "Само заглавие"})

    assert response.status_code == 200
    form = response.context["form"]
    assert set(form.errors) == {"questionnaires"}
    assert "Само заглавие" in response.content.decode()
    assert not AnalysisReport.objects.exists()


def test_a_question_of_another_questionnaire_is_refused(
    client, writer, report, businesses, questionnaire
):
    reports.update_report(report, user=writer, questionnaires=[questionnaire])
    other = Question.objects.get(section__questionnaire=businesses, code="Q1")
    client.force_login(writer)

    response = client.post(
        reverse("surveys:report_items", args=[report.slug]), {"add-question": other.pk}
    )

    assert response.status_code == 200
    assert response.context["add_form"].errors["question"]
    assert report.items.count() == 2


def test_the_service_refuses_a_question_twice_and_one_from_elsewhere(report, writer, question):
    with pytest.raises(Refused):
        reports.add_item(report, question=question("Q8"), user=writer)
    report.questionnaires.remove(question("Q7").section.questionnaire)
    with pytest.raises(Refused) as refusal:
        reports.add_item(report, question=question("Q7"), user=writer)
    assert refusal.value.field == "question"


def test_a_questionnaire_whose_questions_the_report_shows_cannot_be_removed(
    client, writer, report, businesses
):
    client.force_login(writer)

    response = client.post(
        reverse("surveys:report_edit", args=[report.slug]),
        {"title": report.title, "slug": report.slug, "questionnaires": [businesses.pk]},
    )

    assert response.status_code == 200
    assert response.context["form"].errors["questionnaires"]
    assert report.questionnaires.count() == 2


def test_moving_the_first_question_up_changes_nothing(report, writer):
    first = report.items.first()

    reports.move_item(first, up=True, user=writer)

    assert list(report.items.values_list("question__code", flat=True)) == ["Q8", "Q2"]


# Recommendations


def test_recommendations_enter_the_register_with_the_report_as_source(client, writer, report):
    client.force_login(writer)

    client.post(
        reverse("surveys:report_recommendation_list", args=[report.slug]),
        {
            "title": "Обявления в кметствата",
            "text": "Обсъжданията да се обявяват и в кметствата.",
            "rationale": "Хората научават новините от кмета.",
        },
    )

    recommendation = Recommendation.objects.get()
    assert recommendation.source == report
    assert recommendation.activity == Activity.SURVEYS
    assert recommendation.status == Recommendation.Status.DRAFT
    assert list(report.recommendations.all()) == [recommendation]
    assert report.title in recommendation.origin
    manage = client.get(reverse("recommendations:manage_list"))
    assert recommendation.title in manage.content.decode()


def test_an_approved_report_recommendation_is_public_in_the_register(client, writer, report):
    recommendation = recommend(report, writer)
    register_services.approve(recommendation, user=writer)

    listing = client.get(reverse("recommendations:list"))
    detail = client.get(recommendation.get_absolute_url())

    assert recommendation.title in listing.content.decode()
    assert report.title in detail.content.decode()


def test_staff_edit_a_report_recommendation_through_the_register(client, writer, report):
    recommendation = recommend(report, writer)
    client.force_login(writer)

    client.post(
        reverse("surveys:report_recommendation_edit", args=[report.slug, recommendation.pk]),
        {"title": "Нов текст", "text": "Текст", "rationale": "Мотиви"},
    )

    recommendation.refresh_from_db()
    assert recommendation.title == "Нов текст"
    assert recommendation.source == report


def test_a_recommendation_sent_to_the_municipality_can_no_longer_be_edited(client, writer, report):
    recommendation = recommend(report, writer)
    register_services.approve(recommendation, user=writer)
    letter = letters.prepare_letter(
        [recommendation], outgoing_number="7", outgoing_date=timezone.localdate(), user=writer
    )
    letters.file_letter(letter, filed_on=timezone.localdate(), user=writer)
    client.force_login(writer)

    response = client.post(
        reverse("surveys:report_recommendation_edit", args=[report.slug, recommendation.pk]),
        {"title": "Нов текст", "text": "Текст", "rationale": "Мотиви"},
    )

    assert response.status_code == 302
    recommendation.refresh_from_db()
    assert recommendation.title == "Обявления в кметствата"


def test_a_recommendation_of_another_report_is_not_found_here(client, writer, report):
    other = reports.create_report(user=writer, questionnaires=[], title="Друг", slug="drug")
    recommendation = recommend(other, writer)
    client.force_login(writer)

    response = client.get(
        reverse("surveys:report_recommendation_edit", args=[report.slug, recommendation.pk])
    )

    assert response.status_code == 404


# Publishing


def test_a_draft_report_is_hidden_from_the_public(client, report, resident):
    url = reverse("surveys:report", args=[report.slug])

    assert client.get(url).status_code == 404
    client.force_login(resident)
    assert client.get(url).status_code == 404


def test_a_published_report_appears_on_the_surveys_page_and_its_pdf_in_publications(
    client, writer, report, settings, tmp_path, django_capture_on_commit_callbacks
):
    settings.MEDIA_ROOT = tmp_path
    client.force_login(writer)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("surveys:report_publish", args=[report.slug]))
    client.logout()

    report.refresh_from_db()
    assert report.status == AnalysisReport.Status.PUBLISHED
    assert report.published_at is not None
    url = reverse("surveys:report", args=[report.slug])
    assert client.get(url).status_code == 200
    html = client.get(reverse("surveys:index")).content.decode()
    assert report.title in html and f'href="{url}"' in html
    document = GeneratedDocument.objects.get(kind=REPORT_KIND, object_id=report.pk)
    html = client.get(reverse("campaign:publications")).content.decode()
    assert report.title in html and f'href="{document.download_url}"' in html


def test_a_closed_questionnaire_links_its_published_reports(client, writer, report, questionnaire):
    Questionnaire.objects.filter(pk=questionnaire.pk).update(status=Questionnaire.Status.CLOSED)
    page = client.get(questionnaire.get_absolute_url()).content.decode()
    assert report.get_absolute_url() not in page

    reports.publish(report, user=writer)

    page = client.get(questionnaire.get_absolute_url()).content.decode()
    assert report.get_absolute_url() in page


def test_publications_offer_the_pdf_once_it_is_ready(
    client, writer, report, settings, tmp_path, django_capture_on_commit_callbacks
):
    settings.MEDIA_ROOT = tmp_path
    reports.publish(report, user=writer)
    with django_capture_on_commit_callbacks(execute=True):
        document = reports.request_report_pdf(report, user=writer)
    document.refresh_from_db()
    assert document.is_ready

    html = client.get(reverse("campaign:publications")).content.decode()

    assert document.download_url in html


def test_unpublishing_hides_the_report_again(client, writer, report):
    reports.publish(report, user=writer)

    reports.unpublish(report, user=writer)

    assert client.get(reverse("surveys:report", args=[report.slug])).status_code == 404
    assert report.title not in client.get(reverse("campaign:publications")).content.decode()


def test_the_report_page_tables_that_scroll_on_a_phone_take_the_keyboard_focus(
    client, writer, report
):
    reports.publish(report, user=writer)
    page = client.get(reverse("surveys:report", args=[report.slug])).content.decode()
    assert 'class="table-responsive"' in page
    assert 'class="table-responsive">' not in page


def figures_in(content):
    return [
        (item.result.answered, [row.count for row in item.result.rows], item.result.mean)
        for item in content.items
    ]


def test_a_published_report_keeps_its_figures_when_answers_come_later(
    client, writer, report, respond
):
    reports.publish(report, user=writer)
    published = figures_in(report_content(report))
    for _ in range(6):
        respond(Q1="mechka", Q2="yes", Q8="1", channel="paper")

    content = report_content(report)

    assert content.methodology.total == 5
    assert figures_in(content) == published
    page = client.get(reverse("surveys:report", args=[report.slug])).content.decode()
    assert "Анализът се основава на 5 попълнени анкети" in page


def test_a_question_added_after_publishing_shows_the_figures_of_publication(
    writer, report, respond, question
):
    reports.publish(report, user=writer)
    for _ in range(6):
        respond(Q1="mechka", Q2="yes", Q8="1")

    reports.add_item(report, question=question("Q1"), user=writer)

    places = report_content(report).items[-1].result
    assert places.row("mechka").count == 0


def test_a_draft_report_shows_the_public_figures_until_staff_update_them(
    writer, report, respond, questionnaire
):
    reports.publish(report, user=writer)
    for _ in range(5):
        respond(Q1="mechka", Q2="yes", Q8="1")

    reports.unpublish(report, user=writer)
    assert report.figures is None
    assert report_content(report).methodology.total == 5

    questionnaires.refresh_public_figures(questionnaire)
    assert report_content(report).methodology.total == 10


def test_the_questionnaires_of_a_published_report_cannot_change(
    client, writer, report, questionnaire
):
    reports.publish(report, user=writer)

    with pytest.raises(Refused) as refused:
        reports.update_report(report, user=writer, questionnaires=[questionnaire])

    assert refused.value.field == "questionnaires"
    assert set(report.questionnaires.values_list("slug", flat=True)) == {"grazhdanite", "biznesat"}


def test_what_respondents_wrote_stays_out_of_reports(client, writer, report, respond, question):
    respond(Q6="other:Съседът Иван", Q10="Обадете ми се на 0888 123 456")
    reports.add_item(report, question=question("Q6"), user=writer)
    reports.add_item(report, question=question("Q10"), user=writer)
    reports.publish(report, user=writer)

    html = client.get(reverse("surveys:report", args=[report.slug])).content.decode()
    pdf = PdfReader(io.BytesIO(render_report_pdf(report)))
    printed = "".join(page.extract_text() for page in pdf.pages)

    for text in (html, printed):
        assert "Съседът Иван" not in text
        assert "0888" not in text


def test_the_report_pdf_is_public_only_when_the_report_is_published(report, writer):
    kind = kinds.get(REPORT_KIND)
    assert not kind.public_for(report)

    reports.publish(report, user=writer)

    assert kind.public_for(report)


def test_draft_recommendations_stay_with_the_team_until_approved(client, writer, report):
    draft = recommend(report, writer, title="Чернова на препоръка")
    reports.publish(report, user=writer)
    url = reverse("surveys:report", args=[report.slug])

    assert draft.title not in client.get(url).content.decode()
    assert draft.title not in pdf_text(render_report_pdf(report))
    client.force_login(writer)
    assert draft.title in client.get(url).content.decode()

    reports.unpublish(report, user=writer)
    register_services.approve(draft, user=writer)
    reports.publish(report, user=writer)
    client.logout()
    assert draft.title in client.get(url).content.decode()


# The PDF


def pdf_text(pdf):
    pages = PdfReader(io.BytesIO(pdf)).pages
    return " ".join(" ".join(page.extract_text().split()) for page in pages)


def test_the_pdf_holds_the_title_methodology_questions_and_recommendations(
    report, writer, question
):
    recommendation = register_services.approve(recommend(report, writer), user=writer)

    text = pdf_text(render_report_pdf(report))
    assert report.title in text
    assert "05.10.2022" in text and "12.12.2022" in text
    assert "Иваново" in text and "Щръклево" in text
    assert question("Q8").text in text
    assert "Оценките са добри." in text
    assert recommendation.title in text
    assert recommendation.number in text
    assert "Хората научават новините от кмета." in text
    assert "Европейски социален фонд" in text


def test_a_draft_pdf_says_it_is_a_draft(report):
    assert "Чернова: не е публикуван" in pdf_text(render_report_pdf(report))


def test_publishing_renders_the_pdf_afresh_without_the_draft_mark(
    client, writer, report, settings, tmp_path, django_capture_on_commit_callbacks
):
    settings.MEDIA_ROOT = tmp_path
    with django_capture_on_commit_callbacks(execute=True):
        reports.request_report_pdf(report, user=writer)
    draft_pdf = GeneratedDocument.objects.get(kind=REPORT_KIND)
    assert "Чернова" in pdf_text(draft_pdf.file.read())

    with django_capture_on_commit_callbacks(execute=True):
        reports.publish(report, user=writer)

    document = GeneratedDocument.objects.get(pk=draft_pdf.pk)
    assert document.is_ready
    assert document.sha256 != draft_pdf.sha256
    with document.file.open("rb") as published_pdf:
        assert "Чернова" not in pdf_text(published_pdf.read())


def test_staff_generate_the_pdf_from_the_report_page(
    client, writer, report, settings, tmp_path, django_capture_on_commit_callbacks
):
    settings.MEDIA_ROOT = tmp_path
    client.force_login(writer)

    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("surveys:report_pdf", args=[report.slug]))
    page = client.get(reverse("surveys:report", args=[report.slug]))

    document = GeneratedDocument.objects.get(kind=REPORT_KIND)
    assert document.source == report
    assert document.title == report.title
    assert document.is_ready
    assert document.download_url in page.content.decode()


# Permissions


def back_office_urls(report, item, recommendation):
    slug = report.slug
    return [
        ("get", reverse("surveys:report_list")),
        ("get", reverse("surveys:report_create")),
        ("get", reverse("surveys:report_edit", args=[slug])),
        ("get", reverse("surveys:report_items", args=[slug])),
        ("post", reverse("surveys:report_item_edit", args=[slug, item.pk])),
        ("post", reverse("surveys:report_item_move", args=[slug, item.pk])),
        ("post", reverse("surveys:report_item_remove", args=[slug, item.pk])),
        ("get", reverse("surveys:report_recommendation_list", args=[slug])),
        ("get", reverse("surveys:report_recommendation_edit", args=[slug, recommendation.pk])),
        ("post", reverse("surveys:report_publish", args=[slug])),
        ("post", reverse("surveys:report_unpublish", args=[slug])),
        ("post", reverse("surveys:report_pdf", args=[slug])),
    ]


@pytest.mark.parametrize("persona", ["monitor", "official", "resident", "outsider"])
def test_only_staff_may_compose_reports(client, request, persona, report, writer):
    reports.publish(report, user=writer)
    queued_on_publishing = GeneratedDocument.objects.get().task_id
    recommendation = recommend(report, writer)
    client.force_login(request.getfixturevalue(persona))

    for method, url in back_office_urls(report, report.items.first(), recommendation):
        assert getattr(client, method)(url).status_code == 403, url
    assert ReportItem.objects.filter(report=report).count() == 2
    assert GeneratedDocument.objects.get().task_id == queued_on_publishing


def test_visitors_are_sent_to_log_in(client, report, writer):
    recommendation = recommend(report, writer)

    for method, url in back_office_urls(report, report.items.first(), recommendation):
        response = getattr(client, method)(url)
        assert response.status_code == 302, url
        assert response.url.startswith(reverse("accounts:login"))


def test_staff_open_every_back_office_page(client, writer, report):
    recommendation = recommend(report, writer)
    client.force_login(writer)

    for method, url in back_office_urls(report, report.items.first(), recommendation):
        if method == "get":
            assert client.get(url).status_code == 200, url


def test_the_report_page_takes_a_bounded_number_of_queries(
    client, writer, report, respond, django_assert_max_num_queries
):
    reports.publish(report, user=writer)
    recommend(report, writer)
    for _ in range(30):
        respond(Q1="mechka", Q8="3", channel="paper")

    with django_assert_max_num_queries(30):
        response = client.get(reverse("surveys:report", args=[report.slug]))

    assert response.status_code == 200
    page = response.content.decode()
    assert report.title in page
    assert "Оценките са добри." in page


def test_the_staff_list_shows_every_report_with_its_status(client, writer, report):
    client.force_login(writer)

    html = client.get(reverse("surveys:report_list")).content.decode()

    assert report.title in html
    assert str(AnalysisReport.Status.DRAFT.label) in html
