"""The results pages: who may see them, the filter form, charts with tables, bounded queries."""

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse

from ivanovo_portal.places.models import Settlement
from surveys.models import Channel, Questionnaire
from tests.conftest import make_user


@pytest.fixture
def analyst(db):
    """Project staff with the surveys' result permissions, whatever the roles grant."""
    user = make_user("analyst")
    user.user_permissions.add(
        *Permission.objects.filter(
            content_type__app_label="surveys", codename__in=["view_results", "export_responses"]
        )
    )
    return user


@pytest.fixture
def answered(questionnaire, respond):
    respond(Q1="krasen", Q2="yes", Q3="Уличното осветление", Q8="4", Q7=["roads"])
    respond(Q1="mechka", Q2="no", Q8="2", Q7=["water", "other:Кучетата"], channel=Channel.PAPER)
    respond(Q1="krasen", Q2="no", Q8="5", Q10="Моят телефон е 0888 123 456", channel=Channel.PAPER)
    return questionnaire


@pytest.fixture
def published(answered, respond):
    """The answered questionnaire with its results published and five respondents, the fewest
    whose figures the public sees."""
    respond(Q1="krasen", Q2="yes", Q8="3")
    respond(Q1="nisovo", Q2="yes", Q8="4")
    Questionnaire.objects.filter(pk=answered.pk).update(results_published=True)
    return answered


def nisovo():
    return Settlement.objects.get(slug="nisovo")


def results_url(questionnaire):
    return reverse("surveys:results", args=[questionnaire.slug])


def public_url(questionnaire):
    return reverse("surveys:public_results", args=[questionnaire.slug])


def test_staff_see_results_before_they_are_published(client, analyst, answered):
    client.force_login(analyst)
    response = client.get(results_url(answered))
    assert response.status_code == 200
    page = response.content.decode()
    assert 'role="img"' in page
    assert "<caption>" in page
    assert "Уличното осветление" in page


def test_visitors_are_sent_to_log_in_for_staff_results(client, answered):
    response = client.get(results_url(answered))
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


def test_people_without_the_permission_cannot_see_staff_results(client, outsider, answered):
    client.force_login(outsider)
    assert client.get(results_url(answered)).status_code == 403


def test_public_results_are_hidden_until_published(client, answered):
    assert client.get(public_url(answered)).status_code == 404


def test_published_results_are_public(client, published):
    response = client.get(public_url(published))
    assert response.status_code == 200
    assert 'role="img"' in response.content.decode()


def test_the_public_cannot_narrow_the_results_with_the_staff_filters(client, published):
    def results(query=None):
        page = client.get(public_url(published), query).content.decode()
        return page[page.index('<div id="results">') :]

    whole = results()
    for narrowing in [
        {"settlements": [nisovo().pk]},
        {"date_to": "2022-10-12"},
        {"channels": ["paper"]},
        {"answer": [published.sections.first().questions.get(code="Q2").choices.first().pk]},
    ]:
        assert results(narrowing) == whole
    assert "5 анкетирани в цялата община." in whole


def test_the_public_sees_no_figures_of_fewer_than_five_respondents(client, published):
    published.responses.filter(settlement=nisovo()).delete()
    page = client.get(public_url(published)).content.decode()
    assert "4 анкетирани в цялата община." in page
    assert "поне 5 анкетирани" in page
    assert 'role="img"' not in page
    assert "survey-result" not in page


def test_staff_see_the_figures_of_a_single_respondent(client, analyst, published):
    client.force_login(analyst)
    response = client.get(results_url(published), {"settlements": [nisovo().pk]})
    assert 'role="img"' in response.content.decode()


def test_public_results_of_a_draft_are_never_shown(client, answered):
    Questionnaire.objects.filter(pk=answered.pk).update(
        results_published=True, status=Questionnaire.Status.DRAFT
    )
    assert client.get(public_url(answered)).status_code == 404


def test_public_results_show_no_free_text_and_no_exports(client, published):
    page = client.get(public_url(published)).content.decode()
    assert "/answers/" not in page
    assert "responses.csv" not in page
    assert "Уличното осветление" not in page
    assert "0888 123 456" not in page
    assert "Кучетата" not in page


def test_the_filter_form_narrows_the_respondents(client, analyst, answered):
    client.force_login(analyst)
    response = client.get(results_url(answered), {"channels": ["paper"]})
    assert response.context["results"].respondents == 2
    assert response.context["results"]["Q8"].mean is not None


def test_cross_tabulation_through_the_form(client, analyst, answered, question):
    client.force_login(analyst)
    yes = question("Q2").choices.get(code="yes")
    response = client.get(results_url(answered), {"answer": [yes.pk]})
    results = response.context["results"]
    assert results.respondents == 1
    assert results["Q8"].row("4").count == 1


def test_options_of_two_questions_are_refused_beside_the_field(client, analyst, answered, question):
    client.force_login(analyst)
    yes = question("Q2").choices.get(code="yes")
    roads = question("Q7").choices.get(code="roads")
    response = client.get(results_url(answered), {"answer": [yes.pk, roads.pk]})
    assert response.context["form"].errors["answer"]
    assert response.context["results"].respondents == 3


def test_a_date_range_backwards_is_refused(client, analyst, answered):
    client.force_login(analyst)
    response = client.get(
        results_url(answered), {"date_from": "2023-05-02", "date_to": "2023-05-01"}
    )
    assert response.context["form"].errors["date_to"]


def test_pages_carry_no_inline_styles(client, analyst, answered):
    client.force_login(analyst)
    assert 'style="' not in client.get(results_url(answered)).content.decode()


def _page_queries(client, url):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        assert client.get(url, {"channels": ["online", "paper"]}).status_code == 200
    return len(captured)


def test_the_results_page_queries_do_not_grow_with_responses(
    client, analyst, questionnaire, respond, django_assert_max_num_queries
):
    client.force_login(analyst)
    url = results_url(questionnaire)
    for i in range(5):
        respond(Q1="krasen", Q2="yes", Q7=["roads", "other:x"], Q9={"admin": "3"}, Q4=20 + i)
    few = _page_queries(client, url)
    for i in range(45):
        respond(Q1="nisovo", Q2="no", Q7=["jobs"], Q9={"info": "4"}, Q4=40 + i, Q10="т")
    assert _page_queries(client, url) == few
    with django_assert_max_num_queries(20):
        response = client.get(url)
    assert response.status_code == 200
    assert response.context["results"].respondents == 50


def test_staff_read_and_search_all_open_answers(client, analyst, answered):
    client.force_login(analyst)
    url = reverse("surveys:open_answers", args=[answered.slug, "Q3"])
    assert "Уличното осветление" in client.get(url).content.decode()
    assert "Уличното осветление" not in client.get(url, {"q": "пътища"}).content.decode()
    assert "Уличното осветление" in client.get(url, {"q": "осветление"}).content.decode()


def test_open_answers_stay_staff_only_even_when_published(client, outsider, answered):
    Questionnaire.objects.filter(pk=answered.pk).update(results_published=True)
    url = reverse("surveys:open_answers", args=[answered.slug, "Q10"])
    assert client.get(url).status_code == 302
    client.force_login(outsider)
    assert client.get(url).status_code == 403


def test_staff_read_and_search_the_other_answers_of_a_choice_question(client, analyst, answered):
    client.force_login(analyst)
    results_page = client.get(results_url(answered)).content.decode()
    url = reverse("surveys:open_answers", args=[answered.slug, "Q7"])
    assert f'href="{url}"' in results_page
    assert "Кучетата — 1 (100%)" in results_page

    page = client.get(url).content.decode()
    assert "Кучетата" in page
    assert "„Друго (моля, уточнете)“" in page
    assert "Кучетата" not in client.get(url, {"q": "котки"}).content.decode()


def test_open_answers_of_a_choice_question_without_other_do_not_exist(client, analyst, answered):
    client.force_login(analyst)
    assert (
        client.get(reverse("surveys:open_answers", args=[answered.slug, "Q2"])).status_code == 404
    )


def test_staff_read_several_questionnaires_together_by_target_group(
    client, analyst, answered, respond, staff
):
    businesses = Questionnaire.objects.create(
        title="Бизнесът", slug="biznesat", target_group="businesses", status="closed"
    )
    respond(businesses)
    client.force_login(analyst)
    url = reverse("surveys:results_across")

    both = client.get(url).context["results"]
    assert both.respondents == 4
    assert "Гражданите" in client.get(url).content.decode()

    response = client.get(url, {"target_group": "businesses"})
    only = response.context["results"]
    assert only.respondents == 1
    assert [q.slug for q in only.questionnaires] == ["biznesat"]
    assert only.questions == []


def test_results_across_questionnaires_name_each_question_s_questionnaire(
    client, analyst, answered
):
    client.force_login(analyst)
    page = client.get(reverse("surveys:results_across")).content.decode()
    assert page.count(f"{answered.title} · ") >= 10
    assert f">{answered.title}: Q2. " in page  # the filter's question, by its questionnaire
    assert reverse("surveys:open_answers", args=[answered.slug, "Q3"]) in page


def test_results_across_questionnaires_take_few_queries(
    client, analyst, answered, respond, django_assert_max_num_queries
):
    client.force_login(analyst)
    client.get(reverse("surveys:results_across"))
    for _ in range(10):
        respond(Q1="krasen", Q2="yes")
    with django_assert_max_num_queries(20):
        response = client.get(reverse("surveys:results_across"), {"target_group": "citizens_ngos"})
    assert response.status_code == 200
    assert response.context["results"].respondents == answered.responses.count()


def test_results_across_questionnaires_are_for_staff(client, outsider):
    assert client.get(reverse("surveys:results_across")).status_code == 302
    client.force_login(outsider)
    assert client.get(reverse("surveys:results_across")).status_code == 403


@pytest.mark.parametrize("ticked", ["²", "9" * 40, "-1", "x"])
def test_results_across_questionnaires_refuse_a_tick_that_is_no_questionnaire(
    client, analyst, answered, ticked
):
    client.force_login(analyst)

    response = client.get(reverse("surveys:results_across"), {"questionnaires": [ticked]})

    assert response.status_code == 200
    assert response.context["form"].errors["questionnaires"]
    assert response.context["results"].respondents == 3  # none ticked: all of them


def test_a_null_character_in_the_answers_search_is_refused_with_a_message(
    client, analyst, answered
):
    client.force_login(analyst)
    url = reverse("surveys:open_answers", args=[answered.slug, "Q3"])

    response = client.get(url, {"q": "осветление\x00"})

    assert response.status_code == 400
    assert "Заявката не може да бъде прочетена" in response.content.decode()


def test_a_null_character_in_a_question_code_of_the_address_is_refused(client, analyst, answered):
    client.force_login(analyst)
    url = reverse("surveys:open_answers", args=[answered.slug, "Q3"]).replace("Q3", "Q3%00")

    assert client.get(url).status_code == 400
