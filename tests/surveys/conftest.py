"""A questionnaire with one question of every type, and helpers shared by the surveys tests."""

import threading
import uuid
from datetime import datetime
from decimal import Decimal

import pytest
from django.contrib.auth.models import Permission
from django.db import connection
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django.utils.datastructures import MultiValueDict

from ivanovo_portal.places.models import Settlement
from surveys.forms.answering import collect_answers
from surveys.kinds import kind_of
from surveys.models import Choice, MatrixRow, Question, Questionnaire, Quota, Section, TargetGroup
from surveys.services import questionnaires, structure

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
def draft(staff):
    """A draft questionnaire for businesses with one empty section."""
    questionnaire = questionnaires.create_questionnaire(
        user=staff, title="Бизнесът и общината", target_group=TargetGroup.BUSINESSES
    )
    structure.add_section(questionnaire, title="Общи въпроси")
    return questionnaire


@pytest.fixture
def staff_client(staff):
    """Staff in a browser of their own, beside the respondents' (``client``)."""
    browser = Client()
    browser.force_login(staff)
    return browser


@pytest.fixture
def writer(staff):
    """Project staff, sure to hold the reports' and the register's permissions."""
    staff.user_permissions.add(
        *Permission.objects.filter(
            content_type__app_label__in=["surveys", "recommendations"],
            codename__in=[
                "add_analysisreport",
                "change_analysisreport",
                "view_analysisreport",
                "view_results",
                "approve_recommendation",
                "change_recommendation",
                "view_recommendation",
            ],
        )
    )
    return type(staff).objects.get(pk=staff.pk)


def at(day, month, year=2022, hour=10):
    """A moment of a day, at ten in the morning unless said otherwise, in the portal's time zone."""
    return timezone.make_aware(datetime(year, month, day, hour))


def field_name(question, suffix=""):
    """The name of a question's field on the answering and paper-entry forms."""
    return f"q{question.pk}{suffix}"


@pytest.fixture
def complete(question):
    """Data that answers every required question of the shared questionnaire, as the form posts
    it: ``complete(**changes)``."""

    def build(**changes):
        matrix = question("Q9")
        data = {
            field_name(question("Q1")): str(Settlement.objects.get(name="Красен").pk),
            field_name(question("Q2")): "yes",
            field_name(question("Q3")): "Бюджетът",
            field_name(question("Q4")): "42",
            field_name(question("Q6")): "site",
            field_name(question("Q7")): ["roads", "water"],
            field_name(question("Q8")): "4",
            **{field_name(matrix, f"_{row.pk}"): "3" for row in matrix.rows.all()},
        }
        data.update(changes)
        return data

    return build


def collect(questionnaire, data):
    """The answers ``data`` gives, read as the answering form reads a post."""
    return collect_answers(
        questionnaire,
        MultiValueDict({k: v if isinstance(v, list) else [v] for k, v in data.items()}),
    )


@pytest.fixture
def paper_form(question):
    """Paper form № 17, filled in today, as staff type it: Q2 "yes", so Q3 (asked only then) is
    answered."""
    matrix = question("Q9")
    return {
        "submission_key": str(uuid.uuid4()),
        "form_number": "17",
        "filled_on": timezone.localdate().isoformat(),
        "channel": "paper",
        "consented": "on",
        field_name(question("Q1")): str(Settlement.objects.get(name="Нисово").pk),
        field_name(question("Q2")): "yes",
        field_name(question("Q3")): "Пътищата",
        field_name(question("Q4")): "71",
        field_name(question("Q6")): "tv",
        field_name(question("Q7")): ["water"],
        field_name(question("Q8")): "3",
        **{field_name(matrix, f"_{row.pk}"): "4" for row in matrix.rows.all()},
    }


def start_answering(client, questionnaire):
    """Begin answering as a respondent does: the key of the attempt."""
    response = client.get(reverse("surveys:answer", args=[questionnaire.slug]))
    assert response.status_code == 302
    return client.session["survey_attempts"][str(questionnaire.pk)]["key"]


@pytest.fixture
def step_url(questionnaire):
    """The address of a page of the answering: ``step_url(2)``."""
    return lambda step: reverse("surveys:answer", args=[questionnaire.slug, step])


@pytest.fixture
def entry_url(questionnaire):
    return reverse("surveys:entry", args=[questionnaire.slug])


@pytest.fixture
def first_page(question):
    """The first page of the shared questionnaire answered: from Мечка, never at a hearing."""
    return {
        "consent": "on",
        field_name(question("Q1")): str(Settlement.objects.get(name="Мечка").pk),
        field_name(question("Q2")): "no",
        field_name(question("Q4")): "67",
    }


@pytest.fixture
def second_page(question):
    """The second page of the shared questionnaire answered, Q6 "mayor" among the answers."""
    matrix = question("Q9")
    return {
        field_name(question("Q6")): "mayor",
        field_name(question("Q7")): ["jobs"],
        field_name(question("Q8")): "2",
        **{field_name(matrix, f"_{row.pk}"): "5" for row in matrix.rows.all()},
        field_name(question("Q10")): "Повече автобуси",
    }


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
