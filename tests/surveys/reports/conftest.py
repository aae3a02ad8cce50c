"""Two questionnaires answered by samples checked by hand, and a report on them."""

import pytest

from ivanovo_portal.recommendations import services as register_services
from surveys.models import Question, Questionnaire, Section, TargetGroup
from surveys.services import reports

from ..conftest import add_question, at


@pytest.fixture(autouse=True)
def media_in_tmp(settings, tmp_path):
    """Rendered PDFs land in a temporary folder, not in the checkout."""
    settings.MEDIA_ROOT = tmp_path / "media"


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
