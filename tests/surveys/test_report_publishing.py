"""A published report and its PDF agree: approving a recommendation after publishing is refused
with what to do, staff see before publishing which figures the public will not see, and an open
question shows the summary staff wrote, never what respondents wrote."""

import io

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse
from pypdf import PdfReader

from ivanovo_portal.documents.models import GeneratedDocument
from ivanovo_portal.recommendations import services as register_services
from ivanovo_portal.recommendations.models import Recommendation
from ivanovo_portal.refusals import Refused
from surveys.pdf import REPORT_KIND, render_report_pdf
from surveys.results.reports import report_content, withheld_items
from surveys.services import reports

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]

SUMMARY = "Най-често хората искат автобус до Русе и по-чисти улици; няколко пишат за водата."
RAW = "Обадете се на Иван Петров, 0888 123 456"


@pytest.fixture
def sample(respond):
    """Eight responses: Q2 "yes" five times and "no" three times; Q8 rated 4 by six, 2 by two;
    Q10 written by two."""
    for n in range(8):
        respond(
            Q1="ivanovo",
            Q2="yes" if n < 5 else "no",
            Q8="4" if n < 6 else "2",
            **({"Q10": RAW} if n < 2 else {}),
        )


@pytest.fixture
def report(writer, questionnaire, question, sample):
    report = reports.create_report(
        user=writer, questionnaires=[questionnaire], title="Мненията на гражданите"
    )
    for code in ("Q2", "Q8", "Q10"):
        reports.add_item(report, question=question(code), user=writer)
    return report


def recommend(report, user, title="Автобус до Русе"):
    return register_services.create_recommendation(
        source=report, user=user, title=title, text="Да има автобус.", rationale="Хората го искат."
    )


def pdf_text(pdf):
    pages = PdfReader(io.BytesIO(pdf)).pages
    return " ".join(" ".join(page.extract_text().split()) for page in pages)


REFUSAL = (
    "“Мненията на гражданите” is published, and its PDF lists its recommendations as they were "
    "then. To approve or change one, take the report back to a draft, approve or change the "
    "recommendation, then publish the report again: its PDF is made anew."
)


# Approving after publishing


def test_approving_a_recommendation_of_a_published_report_is_refused_with_what_to_do(
    writer, report
):
    draft = recommend(report, writer)
    reports.publish(report, user=writer)

    with pytest.raises(Refused) as refused:
        register_services.approve(draft, user=writer)

    assert refused.value.message == REFUSAL
    draft.refresh_from_db()
    assert draft.status == Recommendation.Status.DRAFT
    assert not draft.timeline.exists()


def test_the_register_screen_refuses_the_approval_and_says_why(client, writer, report):
    draft = recommend(report, writer)
    reports.publish(report, user=writer)
    client.force_login(writer)

    response = client.post(reverse("recommendations:approve", args=[draft.pk]))

    assert [str(m) for m in get_messages(response.wsgi_request)] == [REFUSAL]
    assert Recommendation.objects.get(pk=draft.pk).status == Recommendation.Status.DRAFT


def test_an_approved_recommendation_of_a_published_report_cannot_be_reworded(
    client, writer, report
):
    approved = register_services.approve(recommend(report, writer), user=writer)
    reports.publish(report, user=writer)
    client.force_login(writer)

    page = client.post(
        reverse("surveys:report_recommendation_edit", args=[report.slug, approved.pk]),
        {"title": "Друго", "text": "Друг текст.", "rationale": "Друго."},
    ).text

    assert REFUSAL in page
    assert Recommendation.objects.get(pk=approved.pk).title == "Автобус до Русе"


def test_a_draft_recommendation_of_a_published_report_is_still_edited(writer, report):
    draft = recommend(report, writer)
    reports.publish(report, user=writer)

    register_services.update_recommendation(draft, user=writer, title="Автобус до Русе и Бяла")

    assert Recommendation.objects.get(pk=draft.pk).title == "Автобус до Русе и Бяла"


def test_approving_a_recommendation_of_a_draft_report_needs_nothing_more(writer, report):
    approved = register_services.approve(recommend(report, writer), user=writer)

    assert approved.status == Recommendation.Status.APPROVED


def test_the_reports_recommendations_page_says_so_once_it_is_published(client, writer, report):
    approved = register_services.approve(recommend(report, writer), user=writer)
    draft = recommend(report, writer, title="Чисти улици")
    client.force_login(writer)
    url = reverse("surveys:report_recommendation_list", args=[report.slug])
    assert "take the report back to a draft" not in client.get(url).text

    reports.publish(report, user=writer)

    page = client.get(url).text
    assert "take the report back to a draft" in page
    assert f"Edit recommendation {approved.number}" not in page
    assert f"Edit recommendation {draft.number}" in page


def test_back_to_a_draft_approve_and_publish_again_gives_a_pdf_with_the_recommendation(
    writer, report, settings, tmp_path, django_capture_on_commit_callbacks
):
    settings.MEDIA_ROOT = tmp_path
    draft = recommend(report, writer, title="Чисти улици в селата")
    with django_capture_on_commit_callbacks(execute=True):
        reports.publish(report, user=writer)
    document = GeneratedDocument.objects.get(kind=REPORT_KIND)
    assert "Чисти улици в селата" not in pdf_text(document.file.read())

    with django_capture_on_commit_callbacks(execute=True):
        reports.unpublish(report, user=writer)
        register_services.approve(draft, user=writer)
        reports.publish(report, user=writer)

    document.refresh_from_db()
    with document.file.open("rb") as pdf:
        assert "Чисти улици в селата" in pdf_text(pdf.read())


# Figures withheld, before publishing


def test_staff_see_on_the_report_which_questions_the_public_will_not_see_whole(
    client, writer, report, question
):
    client.force_login(writer)

    page = client.get(reverse("surveys:report", args=[report.slug])).text

    assert "Figures the public will not see" in page
    assert f'href="#result-{question("Q2").pk}">Q2.' in page  # 3 said no: withheld in part
    assert f'href="#result-{question("Q8").pk}">Q8.' in page  # 2 rated it 2
    assert f'href="#result-{question("Q10").pk}">Q10.' in page  # 2 wrote: withheld whole
    assert "withheld whole, even the number who answered" in page
    assert "withheld in part" in page


def test_the_withheld_questions_are_named_whole_or_in_part(writer, report):
    withheld = withheld_items(report_content(report))

    assert [(entry.item.question.code, entry.whole) for entry in withheld] == [
        ("Q2", False),
        ("Q8", False),
        ("Q10", True),
    ]


def test_publishing_asks_first_and_names_the_withheld_questions(client, writer, report):
    client.force_login(writer)
    url = reverse("surveys:report_publish", args=[report.slug])

    page = client.get(url).text

    assert "Publish the report" in page
    assert "Q10. Какво бихте предложили?" in page
    assert "withheld whole, even the number who answered" in page
    assert not type(report).objects.get(pk=report.pk).is_public()


def test_withheld_figures_warn_but_do_not_stop_publishing(client, writer, report):
    client.force_login(writer)

    response = client.post(reverse("surveys:report_publish", args=[report.slug]))

    assert response.status_code == 302
    assert type(report).objects.get(pk=report.pk).is_public()


def test_the_report_page_offers_publishing_through_the_confirmation(client, writer, report):
    client.force_login(writer)

    page = client.get(reverse("surveys:report", args=[report.slug])).text

    assert f'href="{reverse("surveys:report_publish", args=[report.slug])}"' in page


def test_a_report_with_every_figure_shown_says_so(client, writer, questionnaire, question, respond):
    for n in range(10):
        respond(Q2="yes" if n < 5 else "no")
    report = reports.create_report(user=writer, questionnaires=[questionnaire], title="Участие")
    reports.add_item(report, question=question("Q2"), user=writer)
    client.force_login(writer)

    page = client.get(reverse("surveys:report_publish", args=[report.slug])).text

    assert "Every figure of the report's questions will be shown" in page


@pytest.mark.parametrize("persona", ["monitor", "official", "resident"])
def test_only_staff_see_the_publish_confirmation(client, request, persona, report):
    client.force_login(request.getfixturevalue(persona))

    assert client.get(reverse("surveys:report_publish", args=[report.slug])).status_code == 403


# The summary of an open question's answers


def summarise(report, question, writer):
    item = report.items.get(question=question("Q10"))
    return reports.update_item(item, commentary="", answers_summary=SUMMARY, user=writer)


def test_an_open_question_shows_the_summary_staff_wrote_never_the_answers(
    client, writer, report, question
):
    summarise(report, question, writer)
    reports.publish(report, user=writer)

    page = client.get(reverse("surveys:report", args=[report.slug])).text
    printed = pdf_text(render_report_pdf(report))

    for text in (page, printed):
        assert "Summary of the answers" in text or "Обобщение на отговорите" in text
        assert "0888" not in text and "Иван Петров" not in text
    assert SUMMARY in page
    assert SUMMARY in printed


def test_staff_are_told_on_the_report_when_an_open_question_has_no_summary(
    client, writer, report, question
):
    client.force_login(writer)

    page = client.get(reverse("surveys:report", args=[report.slug])).text

    assert "The report shows no summary of these answers yet" in page
    assert RAW not in page
    client.logout()
    reports.publish(report, user=writer)
    assert "no summary of these answers" not in client.get(report.get_absolute_url()).text


def test_staff_write_the_summary_beside_a_link_to_the_answers(client, writer, report, question):
    client.force_login(writer)
    item = report.items.get(question=question("Q10"))
    items_url = reverse("surveys:report_items", args=[report.slug])

    page = client.get(items_url).text
    answers_url = reverse("surveys:open_answers", args=[report.questionnaires.get().slug, "Q10"])
    assert f'href="{answers_url}"' in page
    assert page.count('name="item-') and f'name="item-{item.pk}-answers_summary"' in page
    other = report.items.get(question=question("Q8"))
    assert f'name="item-{other.pk}-answers_summary"' not in page

    client.post(
        reverse("surveys:report_item_edit", args=[report.slug, item.pk]),
        {f"item-{item.pk}-commentary": "", f"item-{item.pk}-answers_summary": SUMMARY},
    )
    item.refresh_from_db()
    assert item.answers_summary == SUMMARY


def test_only_an_open_question_takes_a_summary(writer, report, question):
    item = report.items.get(question=question("Q8"))

    with pytest.raises(Refused) as refused:
        reports.update_item(item, commentary="", answers_summary="Добри оценки.", user=writer)

    assert refused.value.field == "answers_summary"


def test_a_change_to_a_published_report_renders_its_pdf_again(
    writer, report, question, settings, tmp_path, django_capture_on_commit_callbacks
):
    settings.MEDIA_ROOT = tmp_path
    with django_capture_on_commit_callbacks(execute=True):
        reports.publish(report, user=writer)

    with django_capture_on_commit_callbacks(execute=True):
        summarise(report, question, writer)

    document = GeneratedDocument.objects.get(kind=REPORT_KIND)
    with document.file.open("rb") as pdf:
        assert SUMMARY in pdf_text(pdf.read())
