"""The staff's questionnaire builder: every question type through the screens, conditions, copying,
changes refused once people have answered, quotas, status, preview and who may do what."""

from decimal import Decimal

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse

from ivanovo_portal.places.models import Settlement
from ivanovo_portal.refusals import Refused
from surveys.models import Choice, Question, Questionnaire, Quota, Section, TargetGroup
from surveys.services import questionnaires, structure

pytestmark = pytest.mark.django_db
Kind = Question.Kind


def url(name, questionnaire, *args):
    return reverse(f"surveys:{name}", args=[questionnaire.slug, *args])


def errors_of(response):
    return [str(m) for m in get_messages(response.wsgi_request) if m.level_tag == "error"]


def add_question(client, questionnaire, kind, section=None, **fields):
    section = section or questionnaire.sections.last()
    data = {"kind": kind, "section": section.pk, "text": f"Въпрос от тип {kind}", **fields}
    address = f"{url('question_add', questionnaire)}?kind={kind}&section={section.pk}"
    return client.post(address, data)


def question_data(question, **changes):
    """What the edit form posts when nothing is changed, with ``changes`` applied."""
    data = {
        "kind": question.kind,
        "section": question.section_id,
        "code": question.code,
        "text": question.text,
        "help_text": question.help_text,
        "widget": question.widget,
        "options": "\n".join(
            f"{c.code} | {c.label}" + (f" | {c.value}" if c.value is not None else "")
            for c in question.choices.all()
        ),
        "rows": "\n".join(f"{r.code} | {r.label}" for r in question.rows.all()),
        "condition_question": question.condition_question_id or "",
        "condition_choices": [c.pk for c in question.condition_choices.all()],
    }
    if question.required:
        data["required"] = "on"
    if question.allow_other:
        data["allow_other"] = "on"
    for bound in ("min_value", "max_value"):
        if getattr(question, bound) is not None:
            data[bound] = getattr(question, bound)
    data.update(changes)
    return {name: value for name, value in data.items() if value is not None}


@pytest.fixture
def draft(staff):
    questionnaire = questionnaires.create_questionnaire(
        user=staff, title="Бизнесът и общината", target_group=TargetGroup.BUSINESSES
    )
    structure.add_section(questionnaire, title="Общи въпроси")
    return questionnaire


@pytest.fixture
def staff_client(client, staff):
    client.force_login(staff)
    return client


# Building


def test_staff_create_a_questionnaire_whose_address_comes_from_the_cyrillic_title(staff_client):
    response = staff_client.post(
        reverse("surveys:questionnaire_create"),
        {"title": "Гражданите и общината", "target_group": TargetGroup.CITIZENS_NGOS},
    )

    questionnaire = Questionnaire.objects.get(title="Гражданите и общината")
    assert questionnaire.slug == "grazhdanite-i-obshtinata"
    assert questionnaire.status == Questionnaire.Status.DRAFT
    assert response.url == url("builder", questionnaire)


def test_a_second_questionnaire_with_the_same_title_gets_an_address_of_its_own(staff):
    first = questionnaires.create_questionnaire(
        user=staff, title="Анкета", target_group="businesses"
    )
    second = questionnaires.create_questionnaire(
        user=staff, title="Анкета", target_group="businesses"
    )

    assert (first.slug, second.slug) == ("anketa", "anketa-2")


def test_a_title_that_spells_a_reserved_word_gets_a_numbered_address(staff):
    questionnaire = questionnaires.create_questionnaire(
        user=staff, title="Results", target_group=TargetGroup.BUSINESSES
    )

    assert questionnaire.slug == "results-2"


def test_staff_never_type_a_questionnaires_address(staff_client):
    page = staff_client.get(reverse("surveys:questionnaire_create")).content.decode()

    staff_client.post(
        reverse("surveys:questionnaire_create"),
        {"title": "Щастие", "slug": "typed", "target_group": TargetGroup.BUSINESSES},
    )

    assert 'name="slug"' not in page
    assert Questionnaire.objects.get().slug == "shtastie"


def test_drop_down_lists_offer_an_empty_choice_in_bulgarian(staff_client):
    page = staff_client.get(reverse("surveys:questionnaire_create")).content.decode()

    assert '<option value="" selected>— изберете —</option>' in page
    assert "Select an option" not in page


def test_the_number_question_type_is_called_chislo(staff, staff_client):
    questionnaire = questionnaires.create_questionnaire(
        user=staff, title="Анкета", target_group=TargetGroup.BUSINESSES
    )
    structure.add_section(questionnaire, title="Раздел")

    page = staff_client.get(url("question_add", questionnaire)).content.decode()

    assert '<option value="number">Число</option>' in page


def test_a_draft_moves_to_an_address_made_from_its_new_title(staff):
    draft = questionnaires.create_questionnaire(
        user=staff, title="Чернова", target_group="businesses"
    )

    draft = questionnaires.update_questionnaire(draft, title="Жители на Табачка")

    assert draft.slug == "zhiteli-na-tabachka"


def test_an_open_questionnaire_keeps_its_address_when_its_title_changes(questionnaire):
    address = questionnaire.slug

    questionnaire = questionnaires.update_questionnaire(questionnaire, title="Анкета за бизнеса")

    assert questionnaire.slug == address


@pytest.mark.parametrize(
    ("kind", "fields", "options", "rows"),
    [
        (
            Kind.SINGLE,
            {"widget": "select", "allow_other": "on", "options": "Да\nНе\nНе мога да преценя"},
            [("1", "Да", None), ("2", "Не", None), ("3", "Не мога да преценя", None)],
            [],
        ),
        (
            Kind.MULTIPLE,
            {"allow_other": "on", "options": "roads | Пътищата\nwater | Водата"},
            [("roads", "Пътищата", None), ("water", "Водата", None)],
            [],
        ),
        (
            Kind.SCALE,
            {"options": "Много лошо\nЛошо\nСредно\nДобре\nМного добре"},
            [
                ("1", "Много лошо", 1),
                ("2", "Лошо", 2),
                ("3", "Средно", 3),
                ("4", "Добре", 4),
                ("5", "Много добре", 5),
            ],
            [],
        ),
        (
            Kind.MATRIX,
            {"options": "a | Не | 0\nb | Отчасти | 0,5\nc | Да | 1", "rows": "Пътища\nВода"},
            [("a", "Не", 0), ("b", "Отчасти", Decimal("0.5")), ("c", "Да", 1)],
            [("1", "Пътища"), ("2", "Вода")],
        ),
        (Kind.SHORT_TEXT, {}, [], []),
        (Kind.LONG_TEXT, {}, [], []),
        (Kind.NUMBER, {"min_value": "18", "max_value": "110"}, [], []),
        (Kind.YES_NO, {"widget": "radio"}, [("yes", "Да", 1), ("no", "Не", 0)], []),
        (Kind.SETTLEMENT, {}, [], []),
        (Kind.DATE, {}, [], []),
    ],
)
def test_staff_add_each_type_of_question_through_the_screens(
    staff_client, draft, kind, fields, options, rows
):
    response = add_question(staff_client, draft, kind, required="on", **fields)

    question = Question.objects.get(section__questionnaire=draft)
    assert response.status_code == 302
    assert (question.kind, question.code, question.required) == (kind, "Q1", True)
    assert [(c.code, c.label, c.value) for c in question.choices.all()] == options
    assert [(r.code, r.label) for r in question.rows.all()] == rows
    if kind == Kind.NUMBER:
        assert (question.min_value, question.max_value) == (18, 110)
    if kind == Kind.SINGLE:
        assert (question.widget, question.allow_other) == ("select", True)


def test_the_question_form_shows_only_the_fields_of_its_type(staff_client, draft):
    section = draft.sections.get()
    address = url("question_add", draft)

    number = staff_client.get(f"{address}?kind=number&section={section.pk}").context["form"]
    text = staff_client.get(f"{address}?kind=short_text&section={section.pk}").context["form"]
    matrix = staff_client.get(f"{address}?kind=matrix&section={section.pk}").context["form"]

    assert {"min_value", "max_value"} <= set(number.fields) and "options" not in number.fields
    assert not {"options", "rows", "min_value", "widget"} & set(text.fields)
    assert {"options", "rows"} <= set(matrix.fields) and "min_value" not in matrix.fields


def test_without_a_type_the_add_screen_asks_for_one_first(staff_client, draft):
    response = staff_client.get(url("question_add", draft))

    assert response.templates[0].name == "surveys/builder/question_kind.html"


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"kind": Kind.NUMBER, "min_value": "10", "max_value": "5"}, "max_value"),
        ({"kind": Kind.SINGLE, "options": ""}, "options"),
        ({"kind": Kind.SINGLE, "options": "a | Едно\na | Друго"}, "options"),
        ({"kind": Kind.SCALE, "options": "1 | Лошо | много\n2 | Добре | 2"}, "options"),
        ({"kind": Kind.SCALE, "options": "Лошо\nx | Добре | 2"}, "options"),
        ({"kind": Kind.MATRIX, "options": "Да\nНе", "rows": ""}, "rows"),
        ({"kind": Kind.SINGLE, "options": "код с интервал | Да"}, "options"),
    ],
)
def test_a_question_with_bad_fields_is_refused_by_the_field_and_keeps_what_was_typed(
    staff_client, draft, fields, field
):
    response = add_question(staff_client, draft, **fields)

    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert response.context["form"]["text"].value() == f"Въпрос от тип {fields['kind']}"
    assert not Question.objects.filter(section__questionnaire=draft).exists()


def test_question_codes_are_unique_in_a_questionnaire(staff_client, questionnaire):
    response = add_question(staff_client, questionnaire, Kind.SHORT_TEXT, code="Q4", required="")

    assert "code" in response.context["form"].errors


def test_a_new_question_without_a_code_gets_the_one_after_the_highest(staff_client, draft):
    add_question(staff_client, draft, Kind.SHORT_TEXT, code="Q5")
    add_question(staff_client, draft, Kind.SHORT_TEXT, code="AGE")
    add_question(staff_client, draft, Kind.SHORT_TEXT)

    codes = Question.objects.filter(section__questionnaire=draft).values_list("code", flat=True)
    assert sorted(codes) == ["AGE", "Q5", "Q6"]


def test_staff_add_and_rename_a_section(staff_client, draft):
    staff_client.post(url("section_add", draft), {"title": "За фирмата"})
    section = draft.sections.get(title="За фирмата")
    staff_client.post(url("section_edit", draft, section.pk), {"title": "За вашата фирма"})

    assert list(draft.sections.values_list("title", flat=True)) == [
        "Общи въпроси",
        "За вашата фирма",
    ]


def test_a_section_without_a_title_is_refused_on_the_builder_page(staff_client, draft):
    response = staff_client.post(url("section_add", draft), {"title": ""})

    assert "title" in response.context["section_form"].errors
    assert draft.sections.count() == 1


def test_the_builder_page_shows_every_question_with_its_condition_in_words(
    staff_client, questionnaire
):
    page = staff_client.get(url("builder", questionnaire)).content.decode()

    for number in range(1, 11):
        assert f'id="question-{Question.objects.get(code=f"Q{number}").pk}"' in page
    assert "„Да“" in page  # Q3 is shown when Q2 is yes


# Conditions


def _condition_on(client, questionnaire, question, source, *choices):
    return client.post(
        url("question_edit", questionnaire, question.pk),
        question_data(
            question,
            condition_question=source.pk,
            condition_choices=[c.pk for c in choices],
        ),
    )


def test_a_condition_on_an_earlier_choice_question_is_saved(staff_client, questionnaire, question):
    q8 = question("Q8")

    _condition_on(
        staff_client, questionnaire, question("Q10"), q8, *q8.choices.filter(value__gte=4)
    )

    q10 = question("Q10")
    assert q10.condition_question == q8
    assert {c.code for c in q10.condition_choices.all()} == {"4", "5"}


def test_a_condition_on_a_later_question_is_refused(staff_client, questionnaire, question):
    q6 = question("Q6")
    response = _condition_on(
        staff_client, questionnaire, question("Q4"), q6, q6.choices.get(code="tv")
    )

    assert "condition_question" in response.context["form"].errors
    assert question("Q4").condition_question is None


def test_a_condition_on_a_text_question_is_not_even_offered(staff_client, questionnaire, question):
    response = _condition_on(staff_client, questionnaire, question("Q10"), question("Q3"))

    assert "condition_question" in response.context["form"].errors
    assert question("Q10").condition_question is None


def test_the_service_refuses_a_condition_on_a_later_question(questionnaire, question):
    q6 = question("Q6")

    with pytest.raises(Refused) as refused:
        structure.check_condition(question("Q4"), q6, q6.choices.all())

    assert refused.value.field == "condition_question"


def test_the_service_refuses_a_condition_on_a_non_choice_question(questionnaire, question):
    with pytest.raises(Refused) as refused:
        structure.check_condition(question("Q10"), question("Q4"), [])

    assert refused.value.field == "condition_question"


def test_a_condition_with_options_of_another_question_is_refused(
    staff_client, questionnaire, question
):
    response = _condition_on(
        staff_client,
        questionnaire,
        question("Q10"),
        question("Q2"),
        question("Q6").choices.get(code="tv"),
    )

    assert "condition_choices" in response.context["form"].errors
    assert question("Q10").condition_question is None


def test_a_condition_without_options_is_refused(staff_client, questionnaire, question):
    response = _condition_on(staff_client, questionnaire, question("Q10"), question("Q2"))

    assert "condition_choices" in response.context["form"].errors


def test_moving_a_question_above_the_one_its_condition_depends_on_is_refused(
    staff_client, questionnaire, question
):
    q3 = question("Q3")

    response = staff_client.post(
        url("question_move", questionnaire, q3.pk), {"direction": "up"}, follow=True
    )

    assert errors_of(response)
    assert [q.code for q in Question.objects.filter(section__questionnaire=questionnaire)][:3] == [
        "Q1",
        "Q2",
        "Q3",
    ]


def test_the_option_a_condition_depends_on_cannot_be_removed(staff_client, questionnaire, question):
    q2 = question("Q2")
    q6 = question("Q6")
    Question.objects.filter(pk=question("Q10").pk).update(condition_question=q6)
    question("Q10").condition_choices.set(q6.choices.filter(code="tv"))

    response = staff_client.post(
        url("question_edit", questionnaire, q6.pk),
        question_data(q6, options="site | Интернет страницата\nmayor | От кмета"),
    )

    assert "options" in response.context["form"].errors
    assert q6.choices.filter(code="tv").exists()
    with pytest.raises(Refused):
        structure.delete_question(q2)


# Ordering


def test_staff_move_questions_up_and_down_and_across_sections(
    staff_client, questionnaire, question
):
    q7 = question("Q7")
    staff_client.post(url("question_move", questionnaire, q7.pk), {"direction": "up"})
    order = list(Question.objects.filter(section__questionnaire=questionnaire))
    assert [q.code for q in order][5:7] == ["Q7", "Q6"]

    q6 = question("Q6")
    staff_client.post(url("question_move", questionnaire, q6.pk), {"direction": "up"})
    staff_client.post(url("question_move", questionnaire, q6.pk), {"direction": "up"})

    q6 = question("Q6")
    assert q6.section.title == "За вас"
    assert [q.code for q in q6.section.questions.order_by("position")][-1] == "Q6"


def test_staff_move_sections(staff_client, questionnaire):
    second = questionnaire.sections.get(title="Мнения")

    staff_client.post(url("section_move", questionnaire, second.pk), {"direction": "up"})

    assert list(questionnaire.sections.values_list("title", flat=True)) == ["Мнения", "За вас"]


def test_moving_a_section_above_the_question_its_condition_depends_on_is_refused(
    staff_client, questionnaire, question
):
    q2 = question("Q2")
    views = questionnaire.sections.get(title="Мнения")
    structure.add_question(
        views,
        kind=Kind.SHORT_TEXT,
        text="Какво научихте от обсъждането?",
        required=False,
        condition_question=q2,
        condition_choices=q2.choices.filter(code="yes"),
    )

    response = staff_client.post(
        url("section_move", questionnaire, views.pk), {"direction": "up"}, follow=True
    )

    assert errors_of(response)
    assert list(questionnaire.sections.values_list("title", flat=True)) == ["За вас", "Мнения"]


# Copying


def test_copy_is_a_deep_and_independent_draft(staff_client, staff, questionnaire, respond):
    respond(Q2="yes", Q3="Бюджетът")

    response = staff_client.post(url("copy", questionnaire))

    copy = Questionnaire.objects.get(copied_from=questionnaire)
    assert response.url == url("builder", copy)
    assert copy.slug != questionnaire.slug
    assert (copy.status, copy.created_by, copy.results_published) == ("draft", staff, False)
    assert copy.title.startswith(questionnaire.title)
    assert copy.responses.count() == 0
    assert list(copy.sections.values_list("title", flat=True)) == ["За вас", "Мнения"]

    def shape(q):
        questions = Question.objects.filter(section__questionnaire=q)
        return [
            (
                x.code,
                x.kind,
                x.text,
                x.required,
                x.allow_other,
                x.min_value,
                x.max_value,
                [(c.code, c.label, c.value) for c in x.choices.all()],
                [(r.code, r.label) for r in x.rows.all()],
            )
            for x in questions
        ]

    assert shape(copy) == shape(questionnaire)
    q3 = Question.objects.get(section__questionnaire=copy, code="Q3")
    q2 = Question.objects.get(section__questionnaire=copy, code="Q2")
    assert q3.condition_question == q2
    assert list(q3.condition_choices.all()) == list(q2.choices.filter(code="yes"))
    assert {(q.settlement_id, q.target) for q in copy.quotas.all()} == {
        (q.settlement_id, q.target) for q in questionnaire.quotas.all()
    }

    Choice.objects.filter(question=q2, code="yes").update(label="Да, участвал съм")
    structure.delete_question(Question.objects.get(section__questionnaire=copy, code="Q10"))
    assert questionnaire.sections.get(title="Мнения").questions.filter(code="Q10").exists()
    assert Choice.objects.get(question__section__questionnaire=questionnaire, code="yes").label == (
        "Да"
    )


# Once people have answered


def test_the_builder_says_that_answers_lock_some_changes(staff_client, questionnaire, respond):
    before = staff_client.get(url("builder", questionnaire)).context["answered"]
    respond(Q2="no")

    assert (before, staff_client.get(url("builder", questionnaire)).context["answered"]) == (
        False,
        True,
    )


def test_the_type_of_an_answered_question_cannot_change(
    staff_client, questionnaire, question, respond
):
    respond(Q6="tv")
    q6 = question("Q6")

    response = staff_client.post(
        url("question_edit", questionnaire, q6.pk), question_data(q6, kind=Kind.MULTIPLE)
    )

    assert response.status_code == 200
    assert response.context["form"].non_field_errors()
    assert question("Q6").kind == Kind.SINGLE


def test_the_type_of_an_unanswered_question_can_change(staff_client, questionnaire, question):
    q6 = question("Q6")

    staff_client.post(
        url("question_edit", questionnaire, q6.pk), question_data(q6, kind=Kind.MULTIPLE)
    )

    assert question("Q6").kind == Kind.MULTIPLE


def test_an_answered_option_cannot_be_removed_or_renumbered(
    staff_client, questionnaire, question, respond
):
    respond(Q6="tv", Q8="4")
    q6, q8 = question("Q6"), question("Q8")

    removed = staff_client.post(
        url("question_edit", questionnaire, q6.pk),
        question_data(q6, options="site | Интернет страницата\nmayor | От кмета"),
    )
    recoded = staff_client.post(
        url("question_edit", questionnaire, q6.pk),
        question_data(
            q6, options="site | Интернет страницата\nmayor | От кмета\ntelevision | Телевизия"
        ),
    )
    revalued = staff_client.post(
        url("question_edit", questionnaire, q8.pk),
        question_data(
            q8,
            options="1 | Много лошо | 1\n2 | Лошо | 2\n3 | Средно | 3\n"
            "4 | Добре | 8\n5 | Много добре | 5",
        ),
    )

    for response in (removed, recoded, revalued):
        assert "options" in response.context["form"].errors
    assert [c.code for c in question("Q6").choices.all()] == ["site", "mayor", "tv"]
    assert question("Q8").choices.get(code="4").value == 4


def test_an_answered_question_cannot_be_deleted(staff_client, questionnaire, question, respond):
    respond(Q4=42)

    response = staff_client.post(
        url("question_delete", questionnaire, question("Q4").pk), follow=True
    )

    assert errors_of(response)
    assert question("Q4")


def test_a_section_with_an_answered_question_cannot_be_deleted(
    staff_client, questionnaire, respond
):
    respond(Q10="Повече информация")
    views = questionnaire.sections.get(title="Мнения")

    response = staff_client.post(url("section_delete", questionnaire, views.pk), follow=True)

    assert errors_of(response)
    assert Section.objects.filter(pk=views.pk).exists()


def test_an_unanswered_question_and_an_empty_section_can_be_deleted(
    staff_client, questionnaire, question, respond
):
    respond(Q2="no")
    empty = structure.add_section(questionnaire, title="Празна")

    staff_client.post(url("question_delete", questionnaire, question("Q10").pk))
    staff_client.post(url("section_delete", questionnaire, empty.pk))

    assert not Question.objects.filter(code="Q10").exists()
    assert not Section.objects.filter(pk=empty.pk).exists()


def test_wording_labels_and_help_can_still_be_fixed_and_options_added(
    staff_client, questionnaire, question, respond
):
    respond(Q6="tv")
    q6 = question("Q6")

    response = staff_client.post(
        url("question_edit", questionnaire, q6.pk),
        question_data(
            q6,
            text="Откъде научавате новини за общината?",
            help_text="Изберете основния източник.",
            options="site | Сайтът на общината\nmayor | От кмета\ntv | Телевизия\nРадио",
        ),
    )

    assert response.status_code == 302
    q6 = question("Q6")
    assert q6.text == "Откъде научавате новини за общината?"
    assert q6.help_text == "Изберете основния източник."
    assert [(c.code, c.label) for c in q6.choices.all()] == [
        ("site", "Сайтът на общината"),
        ("mayor", "От кмета"),
        ("tv", "Телевизия"),
        ("1", "Радио"),
    ]
    assert q6.answers.get().choice.code == "tv"


def test_a_new_option_typed_without_a_code_never_takes_an_answered_option_s_code(
    staff_client, questionnaire, question, respond
):
    q = structure.add_question(
        questionnaire.sections.last(),
        kind=Kind.SINGLE,
        text="Колко често?",
        required=False,
        options=[("1", "Рядко", None), ("2", "Често", None)],
    )
    respond(**{q.code: "2"})

    response = staff_client.post(
        url("question_edit", questionnaire, q.pk),
        question_data(q, options="1 | Рядко\nНикога"),
    )

    assert "options" in response.context["form"].errors  # "2" was answered: it must stay
    assert list(q.choices.values_list("code", "label")) == [("1", "Рядко"), ("2", "Често")]


def test_only_optional_questions_can_be_added_once_answers_exist(
    staff_client, questionnaire, respond
):
    respond(Q2="no")

    required = add_question(staff_client, questionnaire, Kind.SHORT_TEXT, required="on")
    optional = add_question(staff_client, questionnaire, Kind.SHORT_TEXT)

    assert "required" in required.context["form"].errors
    assert optional.status_code == 302
    assert Question.objects.filter(section__questionnaire=questionnaire).count() == 11


def test_the_condition_of_an_answered_question_cannot_change(
    staff_client, questionnaire, question, respond
):
    respond(Q2="yes", Q3="Бюджетът")
    q3 = question("Q3")

    response = staff_client.post(
        url("question_edit", questionnaire, q3.pk),
        question_data(q3, condition_question="", condition_choices=[]),
    )

    assert "condition_question" in response.context["form"].errors
    assert question("Q3").condition_question == question("Q2")


def test_bounds_cannot_shut_out_answers_already_given(
    staff_client, questionnaire, question, respond
):
    respond(Q4=95)
    q4 = question("Q4")

    narrowed = staff_client.post(
        url("question_edit", questionnaire, q4.pk), question_data(q4, max_value="90")
    )
    widened = staff_client.post(
        url("question_edit", questionnaire, q4.pk), question_data(q4, max_value="120")
    )

    assert "max_value" in narrowed.context["form"].errors
    assert widened.status_code == 302
    assert question("Q4").max_value == 120


def test_other_cannot_be_withdrawn_once_someone_wrote_an_other_answer(
    staff_client, questionnaire, question, respond
):
    respond(Q7=["roads", "other:Осветлението"])
    q7 = question("Q7")

    response = staff_client.post(
        url("question_edit", questionnaire, q7.pk), question_data(q7, allow_other=None)
    )

    assert "allow_other" in response.context["form"].errors
    assert question("Q7").allow_other


def test_the_target_group_cannot_change_once_answered_but_the_dates_can(
    staff_client, questionnaire, respond
):
    respond(Q2="no")
    data = {
        "title": questionnaire.title,
        "slug": questionnaire.slug,
        "target_group": TargetGroup.BUSINESSES,
        "closes_at": "2030-06-30T18:00",
    }

    refused = staff_client.post(url("questionnaire_edit", questionnaire), data)
    accepted = staff_client.post(
        url("questionnaire_edit", questionnaire),
        {**data, "target_group": TargetGroup.CITIZENS_NGOS},
    )

    assert "target_group" in refused.context["form"].errors
    assert accepted.status_code == 302
    questionnaire.refresh_from_db()
    assert questionnaire.target_group == TargetGroup.CITIZENS_NGOS
    assert questionnaire.closes_at.year == 2030


def test_reordering_is_allowed_once_answered(staff_client, questionnaire, question, respond):
    respond(Q8="3", Q10="Нищо")

    staff_client.post(url("question_move", questionnaire, question("Q10").pk), {"direction": "up"})

    codes = [q.code for q in questionnaire.sections.get(title="Мнения").questions.all()]
    assert codes == ["Q6", "Q7", "Q8", "Q10", "Q9"]


# Quotas and status


def test_staff_save_the_quotas_of_every_settlement_on_one_form(staff_client, draft):
    settlements = list(Settlement.objects.all())
    data = {"quota_total": "60"}
    data |= {f"settlement_{s.pk}": "4" for s in settlements}
    data[f"settlement_{settlements[0].pk}"] = "12"
    data[f"settlement_{settlements[1].pk}"] = "0"

    response = staff_client.post(url("quotas", draft), data)

    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.quota_total == 60
    targets = dict(Quota.objects.filter(questionnaire=draft).values_list("settlement", "target"))
    assert len(settlements) == 13
    assert targets[settlements[0].pk] == 12
    assert settlements[1].pk not in targets
    assert sum(targets.values()) == 12 + 4 * 11


def test_quotas_adding_up_to_more_than_the_total_are_refused(staff_client, questionnaire):
    data = {"quota_total": "50"}
    data |= {f"settlement_{s.pk}": "5" for s in Settlement.objects.all()}

    response = staff_client.post(url("quotas", questionnaire), data)

    assert "quota_total" in response.context["form"].errors
    assert response.context["form"]["quota_total"].value() == "50"
    assert set(questionnaire.quotas.values_list("target", flat=True)) == {8}


def test_quotas_can_change_after_answers(staff_client, questionnaire, respond):
    respond(Q2="no")
    data = {"quota_total": "130"}
    data |= {f"settlement_{s.pk}": "10" for s in Settlement.objects.all()}

    staff_client.post(url("quotas", questionnaire), data)

    assert set(questionnaire.quotas.values_list("target", flat=True)) == {10}


def test_staff_open_close_and_publish_the_results(staff_client, draft):
    add_question(staff_client, draft, Kind.SHORT_TEXT)

    staff_client.post(url("open", draft), {"closes_at": "2030-01-31T18:00"})
    draft.refresh_from_db()
    assert draft.is_open and draft.closes_at.month == 1

    staff_client.post(url("close", draft))
    staff_client.post(url("publish_results", draft), {"published": "1"})
    draft.refresh_from_db()
    assert (draft.status, draft.results_published) == ("closed", True)

    staff_client.post(url("publish_results", draft), {"published": "0"})
    draft.refresh_from_db()
    assert draft.results_published is False


def test_an_empty_questionnaire_cannot_be_opened(staff_client, draft):
    response = staff_client.post(url("open", draft), {})

    assert response.context["open_form"].non_field_errors()
    draft.refresh_from_db()
    assert draft.status == "draft"


def test_quotas_by_settlement_need_a_settlement_question_before_opening(staff_client, draft):
    add_question(staff_client, draft, Kind.SHORT_TEXT)
    questionnaires.save_quotas(draft, quota_total=20, targets={Settlement.objects.first(): 20})

    response = staff_client.post(url("open", draft), {})

    assert "Населено място" in " ".join(response.context["open_form"].non_field_errors())
    draft.refresh_from_db()
    assert draft.status == "draft"
    add_question(staff_client, draft, Kind.SETTLEMENT)
    staff_client.post(url("open", draft), {})
    draft.refresh_from_db()
    assert draft.status == "open"


def test_a_questionnaire_cannot_close_before_it_opens(staff_client, questionnaire):
    response = staff_client.post(
        url("open", questionnaire),
        {"opens_at": "2030-02-01T09:00", "closes_at": "2030-01-01T09:00"},
    )

    assert "closes_at" in response.context["open_form"].errors


def test_the_results_of_a_draft_cannot_be_published(staff_client, draft):
    response = staff_client.post(url("publish_results", draft), {"published": "1"}, follow=True)

    assert errors_of(response)
    draft.refresh_from_db()
    assert not draft.results_published


# Preview


def test_the_preview_shows_every_question_read_only_with_a_banner(staff_client, questionnaire):
    response = staff_client.get(url("preview", questionnaire))

    page = response.content.decode()
    assert response.status_code == 200
    assert "<fieldset disabled>" in page
    for question in Question.objects.filter(section__questionnaire=questionnaire):
        assert question.text in page
    assert "За вас" in page and "Мнения" in page


# The list and who may use the builder


def test_the_list_shows_responses_against_the_quota_in_a_bounded_number_of_queries(
    staff_client, staff, questionnaire, respond, django_assert_max_num_queries
):
    for number in range(5):
        other = questionnaires.create_questionnaire(
            user=staff, title=f"Анкета {number}", target_group="businesses"
        )
        respond(questionnaire=other)
    respond(Q2="no")
    respond(Q2="yes")

    with django_assert_max_num_queries(8):
        response = staff_client.get(reverse("surveys:manage"))

    assert response.status_code == 200
    listed = {q.slug: q.responses_count for q in response.context["questionnaires"]}
    assert listed[questionnaire.slug] == 2
    assert 'max="110" value="2"' in response.content.decode()


def _screens(questionnaire, section, question):
    return {
        "manage": ("get", reverse("surveys:manage"), {}),
        "questionnaire_create": ("get", reverse("surveys:questionnaire_create"), {}),
        "builder": ("get", url("builder", questionnaire), {}),
        "questionnaire_edit": ("get", url("questionnaire_edit", questionnaire), {}),
        "section_add": ("post", url("section_add", questionnaire), {"title": "Нова"}),
        "section_edit": ("get", url("section_edit", questionnaire, section.pk), {}),
        "section_move": (
            "post",
            url("section_move", questionnaire, section.pk),
            {"direction": "down"},
        ),
        "section_delete": ("post", url("section_delete", questionnaire, section.pk), {}),
        "question_add": ("get", url("question_add", questionnaire), {}),
        "question_edit": ("get", url("question_edit", questionnaire, question.pk), {}),
        "question_move": (
            "post",
            url("question_move", questionnaire, question.pk),
            {"direction": "up"},
        ),
        "question_delete": ("post", url("question_delete", questionnaire, question.pk), {}),
        "quotas": ("get", url("quotas", questionnaire), {}),
        "copy": ("post", url("copy", questionnaire), {}),
        "open": ("post", url("open", questionnaire), {}),
        "close": ("post", url("close", questionnaire), {}),
        "publish_results": ("post", url("publish_results", questionnaire), {"published": "1"}),
        "preview": ("get", url("preview", questionnaire), {}),
    }


SCREENS = [
    "manage",
    "questionnaire_create",
    "builder",
    "questionnaire_edit",
    "section_add",
    "section_edit",
    "section_move",
    "section_delete",
    "question_add",
    "question_edit",
    "question_move",
    "question_delete",
    "quotas",
    "copy",
    "open",
    "close",
    "publish_results",
    "preview",
]


@pytest.mark.parametrize("persona", ["staff", "official", "monitor", "resident", "outsider"])
@pytest.mark.parametrize("screen", SCREENS)
def test_only_project_staff_may_use_the_builder(client, request, questionnaire, screen, persona):
    empty = structure.add_section(questionnaire, title="Празна")
    last = Question.objects.get(code="Q10")
    method, address, data = _screens(questionnaire, empty, last)[screen]
    client.force_login(request.getfixturevalue(persona))

    response = getattr(client, method)(address, data)

    if persona == "staff":
        assert response.status_code in (200, 302)
        if response.status_code == 302:
            assert "/accounts/login/" not in response.url
    else:
        assert response.status_code == 403


@pytest.mark.parametrize("screen", SCREENS)
def test_anonymous_visitors_are_sent_to_log_in(client, questionnaire, screen):
    method, address, data = _screens(
        questionnaire, questionnaire.sections.first(), Question.objects.get(code="Q10")
    )[screen]

    response = getattr(client, method)(address, data)

    assert response.status_code == 302
    assert "/accounts/login/" in response.url


def test_a_section_of_another_questionnaire_is_not_found(staff_client, questionnaire, draft):
    section = draft.sections.get()

    response = staff_client.post(url("section_delete", questionnaire, section.pk))

    assert response.status_code == 404
    assert Section.objects.filter(pk=section.pk).exists()
