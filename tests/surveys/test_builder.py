"""The staff's questionnaire builder: questionnaires, every question type through the screens,
sections, the builder page and the preview."""

from decimal import Decimal

import pytest
from django.urls import reverse

from surveys.models import Question, Questionnaire, TargetGroup
from surveys.services import questionnaires, structure

from .building import post_question, url

pytestmark = pytest.mark.django_db
Kind = Question.Kind


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
    response = post_question(staff_client, draft, kind, required="on", **fields)

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
    response = post_question(staff_client, draft, **fields)

    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert response.context["form"]["text"].value() == f"Въпрос от тип {fields['kind']}"
    assert not Question.objects.filter(section__questionnaire=draft).exists()


def test_question_codes_are_unique_in_a_questionnaire(staff_client, questionnaire):
    response = post_question(staff_client, questionnaire, Kind.SHORT_TEXT, code="Q4", required="")

    assert "code" in response.context["form"].errors


def test_a_new_question_without_a_code_gets_the_one_after_the_highest(staff_client, draft):
    post_question(staff_client, draft, Kind.SHORT_TEXT, code="Q5")
    post_question(staff_client, draft, Kind.SHORT_TEXT, code="AGE")
    post_question(staff_client, draft, Kind.SHORT_TEXT)

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


def test_the_preview_shows_every_question_read_only_with_a_banner(staff_client, questionnaire):
    response = staff_client.get(url("preview", questionnaire))

    page = response.content.decode()
    assert response.status_code == 200
    assert "<fieldset disabled>" in page
    for question in Question.objects.filter(section__questionnaire=questionnaire):
        assert question.text in page
    assert "За вас" in page and "Мнения" in page
