"""A questionnaire with one question of every type, and helpers shared by the surveys tests."""

import threading
from decimal import Decimal

import pytest
from django.db import connection

from ivanovo_portal.places.models import Settlement
from surveys.kinds import kind_of
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


@pytest.fixture
def respond(questionnaire):
    """Record a response straight in the database: ``respond(Q2="yes", Q7=["roads", "other:…"],
    Q9={"admin": "5"}, Q4=30, Q1="koshov", channel="paper")``. Choices are given by code, "other"
    as ``"other:the words"``, settlements by slug; ``Response.settlement`` follows the first
    settlement question."""
    from surveys.models import Answer, Response

    def record(questionnaire=questionnaire, channel="online", submitted_at=None, **answers):
        questions = {
            q.code: q
            for q in Question.objects.filter(section__questionnaire=questionnaire).prefetch_related(
                "choices", "rows"
            )
        }
        response = Response.objects.create(questionnaire=questionnaire, channel=channel)
        if submitted_at is not None:
            Response.objects.filter(pk=response.pk).update(submitted_at=submitted_at)
        rows = []
        for code, given in answers.items():
            question = questions[code]
            choices = {c.code: c for c in question.choices.all()}

            def answer(value, row=None, question=question, choices=choices):
                value = str(value)
                if value.startswith("other:"):
                    return Answer(response=response, question=question, other_text=value[6:])
                if question.kind == Kind.SETTLEMENT:
                    place = Settlement.objects.get(slug=value)
                    Response.objects.filter(pk=response.pk, settlement=None).update(
                        settlement=place
                    )
                    return Answer(response=response, question=question, settlement=place)
                if question.kind == Kind.NUMBER:
                    return Answer(response=response, question=question, number=Decimal(value))
                if question.kind == Kind.DATE:
                    return Answer(response=response, question=question, date=value)
                if kind_of(question).text:
                    return Answer(response=response, question=question, text=value)
                choice = choices[value]
                return Answer(
                    response=response,
                    question=question,
                    choice=choice,
                    row=row,
                    number=choice.value,
                )

            if question.kind == Kind.MATRIX:
                rows_by_code = {r.code: r for r in question.rows.all()}
                rows += [answer(v, rows_by_code[r]) for r, v in given.items()]
            elif isinstance(given, list | tuple):
                rows += [answer(v) for v in given]
            else:
                rows.append(answer(given))
        Answer.objects.bulk_create(rows)
        response.refresh_from_db()
        return response

    return record


def at_once(send, times=2):
    """Run ``send()`` in ``times`` threads released together, each with its own database
    connection, and return what each returned (in the order they finished)."""
    barrier = threading.Barrier(times)
    outcomes = []

    def run():
        try:
            barrier.wait()
            outcomes.append(send())
        finally:
            connection.close()

    threads = [threading.Thread(target=run) for _ in range(times)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return outcomes
