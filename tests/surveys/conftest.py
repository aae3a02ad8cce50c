"""A questionnaire with one question of every type, shared by the surveys tests."""

from decimal import Decimal

import pytest

from ivanovo_portal.places.models import Settlement
from surveys.models import Choice, MatrixRow, Question, Questionnaire, Quota, Section, TargetGroup

Kind = Question.Kind


def add_question(section, code, kind, text, choices=(), rows=(), **fields):
    question = Question.objects.create(
        section=section, code=code, kind=kind, text=text, position=int(code[1:]), **fields
    )
    for position, (choice_code, label, *value) in enumerate(choices):
        Choice.objects.create(
            question=question,
            code=choice_code,
            label=label,
            value=Decimal(value[0]) if value else None,
            position=position,
        )
    for position, (row_code, label) in enumerate(rows):
        MatrixRow.objects.create(question=question, code=row_code, label=label, position=position)
    return question


SCALE = [
    ("1", "Много лошо", 1),
    ("2", "Лошо", 2),
    ("3", "Средно", 3),
    ("4", "Добре", 4),
    ("5", "Много добре", 5),
]


@pytest.fixture
def questionnaire(db, staff):
    """An open questionnaire for citizens and NGOs: two sections, every question type, and Q3
    shown only to those who answered "yes" to Q2."""
    questionnaire = Questionnaire.objects.create(
        title="Гражданите и общината",
        slug="grazhdanite",
        target_group=TargetGroup.CITIZENS_NGOS,
        status=Questionnaire.Status.OPEN,
        consent_text="Отговорите са анонимни и се използват само за анализа по проекта.",
        quota_total=110,
        created_by=staff,
    )
    about = Section.objects.create(questionnaire=questionnaire, title="За вас", position=0)
    views = Section.objects.create(questionnaire=questionnaire, title="Мнения", position=1)
    add_question(about, "Q1", Kind.SETTLEMENT, "В кое населено място живеете?")
    q2 = add_question(
        about,
        "Q2",
        Kind.YES_NO,
        "Участвали ли сте в обществено обсъждане?",
        choices=[("yes", "Да", 1), ("no", "Не", 0)],
    )
    q3 = add_question(
        about, "Q3", Kind.SHORT_TEXT, "По каква тема беше обсъждането?", required=False
    )
    q3.condition_question = q2
    q3.save()
    q3.condition_choices.set(q2.choices.filter(code="yes"))
    add_question(about, "Q4", Kind.NUMBER, "На колко години сте?", min_value=16, max_value=110)
    add_question(about, "Q5", Kind.DATE, "Кога за последно посетихте общината?", required=False)
    add_question(
        views,
        "Q6",
        Kind.SINGLE,
        "Откъде научавате новините за общината?",
        choices=[("site", "Интернет страницата"), ("mayor", "От кмета"), ("tv", "Телевизия")],
        allow_other=True,
    )
    add_question(
        views,
        "Q7",
        Kind.MULTIPLE,
        "Кои са най-важните проблеми в селото?",
        choices=[("roads", "Пътищата"), ("water", "Водата"), ("jobs", "Работа")],
        allow_other=True,
    )
    add_question(views, "Q8", Kind.SCALE, "Как оценявате работата на общината?", choices=SCALE)
    add_question(
        views,
        "Q9",
        Kind.MATRIX,
        "Доколко сте доволни от:",
        choices=SCALE,
        rows=[("admin", "Административното обслужване"), ("info", "Информацията")],
    )
    add_question(views, "Q10", Kind.LONG_TEXT, "Какво бихте предложили?", required=False)
    for settlement in Settlement.objects.all():
        Quota.objects.create(questionnaire=questionnaire, settlement=settlement, target=8)
    return questionnaire


@pytest.fixture
def question(questionnaire):
    """Look a question of the shared questionnaire up by its code: ``question("Q7")``."""
    return lambda code: Question.objects.get(section__questionnaire=questionnaire, code=code)
