"""English pages translate the portal's fixed texts and say where the content exists only in
Bulgarian, marking it lang="bg" so that screen readers read it with a Bulgarian voice."""

import re

import pytest

from ivanovo_portal.recommendations import services as register
from ivanovo_portal.recommendations.models import Recommendation
from surveys.models import Questionnaire, TargetGroup

pytestmark = pytest.mark.django_db

NOTICE = "This content exists only in Bulgarian."


@pytest.fixture
def questionnaire():
    return Questionnaire.objects.create(
        title="Гражданите и общината",
        slug="grazhdanite",
        description="Анкета сред жителите.",
        target_group=TargetGroup.CITIZENS_NGOS,
        status=Questionnaire.Status.OPEN,
    )


def test_the_english_home_page_names_the_project_and_its_parties_in_english(client):
    html = client.get("/en/").text

    assert "“For the Future Development of Ivanovo Municipality”" in html
    assert "Beneficiary: Tsentar Dinamika Association. Partner: Ivanovo Municipality." in html
    assert "За бъдещо развитие" not in html
    assert "Сдружение" not in html
    assert "Община Иваново" not in html


def test_the_bulgarian_home_page_keeps_the_official_names(client):
    html = client.get("/").text

    assert "За бъдещо развитие на община Иваново" in html
    assert "Сдружение „Център Динамика“" in html
    assert NOTICE not in html


def test_an_english_questionnaire_page_says_it_is_in_bulgarian_and_marks_it(client, questionnaire):
    html = client.get(f"/en{questionnaire.get_absolute_url()}").text

    assert NOTICE in html
    assert '<h1 lang="bg">Гражданите и общината</h1>' in html
    assert '<p class="lead" lang="bg">Анкета сред жителите.</p>' in html


def test_the_english_home_page_marks_the_open_questionnaire_as_bulgarian(client, questionnaire):
    html = client.get("/en/").text

    assert NOTICE in html
    assert re.search(r'<h3 class="h5 card-title" lang="bg">\s*Гражданите и общината', html)


def test_an_english_list_of_questionnaires_marks_their_bulgarian_titles(client, questionnaire):
    html = client.get("/en/surveys/").text

    assert NOTICE in html
    assert '<h3 class="h5 card-title" lang="bg">Гражданите и общината</h3>' in html
    assert '<span class="visually-hidden"> “<span lang="bg">Гражданите и общината</span>”' in html


def test_an_english_recommendation_page_marks_its_bulgarian_text(client, staff):
    recommendation = Recommendation.objects.create(
        title="Приемни дни в селата",
        text="Служител да приема в кметствата.",
        rationale="Резултатите от проучването.",
        activity="surveys",
        created_by=staff,
    )
    register.approve(recommendation, user=staff)

    html = client.get(f"/en{recommendation.get_absolute_url()}").text

    assert NOTICE in html
    assert '<h1 lang="bg">Приемни дни в селата</h1>' in html
    assert '<div lang="bg"><p>Служител да приема в кметствата.</p></div>' in html
