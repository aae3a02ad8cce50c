import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils import translation

from ivanovo_portal.indicators.models import Target
from ivanovo_portal.project import Activity

AREAS = [
    "surveys:index",
    "monitoring:index",
    "toolkit:index",
    "consultations:index",
    "campaign:index",
    "recommendations:list",
]


@pytest.fixture
def page(client):
    """The page in English, so that tests read the strings as written in the code."""

    def get():
        with translation.override("en"):
            response = client.get(reverse("indicators:index"))
        assert response.status_code == 200
        return response.content.decode()

    return get


def test_the_page_shows_every_activity_and_the_register(db, figures, page):
    html = page()
    for activity in Activity:
        with translation.override("en"):
            assert f"Activity {activity.number}: {activity.label}" in html
    assert "Recommendations register" in html
    with translation.override("en"):
        for url_name in AREAS:
            assert f'href="{reverse(url_name)}"' in html


def test_the_page_shows_zero_for_figures_nobody_provides(db, figures, page):
    html = page()
    assert "0 of 110 (0%)" in html
    assert 'max="110" value="0"' in html
    assert "Not yet met" in html


def test_the_page_shows_registered_figures_with_text_and_bar(db, figures, page):
    figures.register("consultation_participants", lambda: 80)
    html = page()
    assert "80 of 65 (123%)" in html
    assert 'max="65" value="65"' in html
    assert 'aria-labelledby="target-consultation_participants"' in html


def test_the_page_is_in_bulgarian_without_prefix_and_english_under_en(db, figures, client):
    bulgarian = client.get("/indicators/")
    english = client.get("/en/indicators/")

    assert bulgarian.status_code == english.status_code == 200
    assert '<html lang="bg"' in bulgarian.text
    assert '<html lang="en"' in english.text
    assert "Project results: targets and live figures" in english.text
    assert "Project results: targets and live figures" not in bulgarian.text


def test_the_page_costs_one_query_beyond_the_figures(
    db, figures, client, django_assert_max_num_queries
):
    for key in ["survey_respondents", "consultations_held", "recommendations_filed"]:
        figures.register(key, lambda: Group.objects.count())
    groups = Group.objects.count()
    with django_assert_max_num_queries(1 + 3):
        response = client.get(reverse("indicators:index"))
    assert response.status_code == 200
    assert f'max="110" value="{groups}"' in response.content.decode()


def test_more_targets_cost_no_more_queries(db, figures, client, django_assert_num_queries):
    with django_assert_num_queries(1):
        response = client.get(reverse("indicators:index"))
    assert response.status_code == 200
    Target.objects.create(key="survey_extra", activity=Activity.SURVEYS, value=3)
    with django_assert_num_queries(1):
        response = client.get(reverse("indicators:index"))
    assert response.status_code == 200
    assert 'id="target-survey_extra"' in response.content.decode()
