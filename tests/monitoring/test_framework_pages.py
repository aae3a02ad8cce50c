"""The frameworks' screens: project staff only; forms keep what was typed and say what is wrong by
the field; the public page of a frozen version shows every criterion with its scale and what
changed, in a bounded number of queries, while a draft stays with staff."""

import pytest
from django.urls import reverse

from monitoring.models import Criterion, EvidenceKind, Framework, Scope
from monitoring.services import frameworks

from .conftest import build_framework

pytestmark = pytest.mark.django_db
PERSONAS = ["official", "monitor", "resident", "outsider"]


def edit_url(version):
    return reverse("monitoring:framework_edit", args=[version.framework.slug, version.number])


def part_url(name, version, pk):
    return reverse(f"monitoring:{name}", args=[version.framework.slug, version.number, pk])


@pytest.fixture
def staff_client(client, staff):
    client.force_login(staff)
    return client


@pytest.fixture
def draft(framework_version, staff):
    return frameworks.new_version(framework_version.framework, user=staff, changes="Промени.")


def _screens(version):
    slug, number = version.framework.slug, version.number
    area = version.areas.first()
    criterion = Criterion.objects.filter(area__version=version).first()
    return {
        "framework_list": ("get", reverse("monitoring:framework_list"), {}),
        "framework_create": ("get", reverse("monitoring:framework_create"), {}),
        "framework_edit": ("get", edit_url(version), {}),
        "framework_note": (
            "post",
            reverse("monitoring:framework_note", args=[slug, number]),
            {"changes": "Бележка"},
        ),
        "framework_new_version": (
            "get",
            reverse("monitoring:framework_new_version", args=[slug]),
            {},
        ),
        "framework_area_add": (
            "post",
            reverse("monitoring:framework_area_add", args=[slug, number]),
            {"code": "Z", "name": "Нова"},
        ),
        "framework_area_edit": ("get", part_url("framework_area_edit", version, area.pk), {}),
        "framework_area_move": (
            "post",
            part_url("framework_area_move", version, area.pk),
            {"direction": "down"},
        ),
        "framework_area_delete": ("post", part_url("framework_area_delete", version, area.pk), {}),
        "framework_criterion_add": (
            "get",
            reverse("monitoring:framework_criterion_add", args=[slug, number]),
            {},
        ),
        "framework_criterion_edit": (
            "get",
            part_url("framework_criterion_edit", version, criterion.pk),
            {},
        ),
        "framework_criterion_move": (
            "post",
            part_url("framework_criterion_move", version, criterion.pk),
            {"direction": "down"},
        ),
        "framework_criterion_delete": (
            "post",
            part_url("framework_criterion_delete", version, criterion.pk),
            {},
        ),
    }


SCREENS = [
    "framework_list",
    "framework_create",
    "framework_edit",
    "framework_note",
    "framework_new_version",
    "framework_area_add",
    "framework_area_edit",
    "framework_area_move",
    "framework_area_delete",
    "framework_criterion_add",
    "framework_criterion_edit",
    "framework_criterion_move",
    "framework_criterion_delete",
]


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize("screen", SCREENS)
def test_only_project_staff_may_edit_frameworks(client, request, draft, screen, persona):
    method, address, data = _screens(draft)[screen]
    client.force_login(request.getfixturevalue(persona))

    assert getattr(client, method)(address, data).status_code == 403


@pytest.mark.parametrize("screen", SCREENS)
def test_anonymous_visitors_are_sent_to_log_in(client, draft, screen):
    method, address, data = _screens(draft)[screen]

    response = getattr(client, method)(address, data)

    assert response.status_code == 302
    assert "/accounts/login/" in response.url


@pytest.mark.parametrize("screen", SCREENS)
def test_staff_may_use_every_screen(staff_client, draft, screen):
    method, address, data = _screens(draft)[screen]

    response = getattr(staff_client, method)(address, data)

    assert response.status_code in (200, 302)
    if response.status_code == 302:
        assert "/accounts/login/" not in response.url


def test_staff_make_a_framework_and_land_on_its_draft(staff_client, english):
    response = staff_client.post(
        reverse("monitoring:framework_create"), {"name": "Местно самоуправление"}
    )

    framework = Framework.objects.get()
    assert response.url == edit_url(framework.versions.get())
    page = staff_client.get(response.url).text
    assert "Add the area" in page


def _criterion_data(area, **overrides):
    data = {
        "area": area.pk,
        "code": "T5",
        "question": "Публикуван ли е бюджетът?",
        "legal_basis": "ЗПФ, чл. 94",
        "evidence_kind": EvidenceKind.WEBSITE,
        "scope": Scope.MUNICIPALITY,
        "weight": "2",
        "guidance": "",
        "scale-TOTAL_FORMS": "4",
        "scale-INITIAL_FORMS": "3",
        "scale-MIN_NUM_FORMS": "0",
        "scale-MAX_NUM_FORMS": "11",
        "scale-0-value": "0",
        "scale-0-label": "не",
        "scale-0-descriptor": "Не е публикуван.",
        "scale-1-value": "1",
        "scale-1-label": "късно",
        "scale-1-descriptor": "Публикуван със закъснение.",
        "scale-2-value": "2",
        "scale-2-label": "да",
        "scale-2-descriptor": "Публикуван в срок.",
        "scale-3-value": "",
        "scale-3-label": "",
        "scale-3-descriptor": "",
    }
    return {**data, **overrides}


def test_staff_add_a_criterion_with_its_scale(staff_client, draft):
    area = draft.areas.get(code="T")
    address = reverse("monitoring:framework_criterion_add", args=[draft.framework.slug, 2])

    response = staff_client.post(address, _criterion_data(area, **{"scale-2-DELETE": "on"}))

    assert response.status_code == 302
    added = Criterion.objects.get(area=area, code="T5")
    assert [(p.value, p.label) for p in added.scale.all()] == [(0, "не"), (1, "късно")]
    assert response.url.endswith(f"#criterion-{added.pk}")


def test_a_point_ticked_for_removal_is_not_checked(staff_client, draft):
    area = draft.areas.get(code="T")
    address = reverse("monitoring:framework_criterion_add", args=[draft.framework.slug, 2])
    blank = {"scale-2-label": "", "scale-2-descriptor": "", "scale-2-DELETE": "on"}

    assert staff_client.post(address, _criterion_data(area, **blank)).status_code == 302
    assert Criterion.objects.get(area=area, code="T5").scale.count() == 2


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"code": "T1"}, "Another criterion of this version already has the code T1."),
        ({"weight": "0"}, "The weight is a whole number of 1 or more."),
        ({"scale-1-value": "0"}, "Two points of the scale cannot have the same score."),
        ({"scale-1-descriptor": ""}, "This field is required."),
        (
            {"scale-1-DELETE": "on", "scale-2-DELETE": "on"},
            "A scale needs at least two points.",
        ),
    ],
)
def test_a_refused_criterion_keeps_what_was_typed_and_says_why(
    staff_client, draft, english, overrides, message
):
    area = draft.areas.get(code="T")
    before = Criterion.objects.filter(area__version=draft).count()
    address = reverse("monitoring:framework_criterion_add", args=[draft.framework.slug, 2])

    response = staff_client.post(address, _criterion_data(area, **overrides))

    assert response.status_code == 200
    assert message in response.text
    assert "Публикуван в срок." in response.text
    assert "Публикуван ли е бюджетът?" in response.text
    assert Criterion.objects.filter(area__version=draft).count() == before


def test_an_error_by_the_code_sits_with_the_code_field(staff_client, draft, english):
    area = draft.areas.get(code="T")
    address = reverse("monitoring:framework_criterion_add", args=[draft.framework.slug, 2])

    response = staff_client.post(address, _criterion_data(area, code="T1"))

    form = response.context["form"]
    assert form.errors["code"] == ["Another criterion of this version already has the code T1."]


def test_an_area_code_already_taken_is_refused_by_the_field(staff_client, draft, english):
    address = reverse("monitoring:framework_area_add", args=[draft.framework.slug, 2])

    response = staff_client.post(address, {"code": "T", "name": "Втора прозрачност"})

    assert response.status_code == 200
    assert response.context["area_form"].errors["code"] == [
        "Another area of this version already has the code T."
    ]
    assert 'value="Втора прозрачност"' in response.text
    assert draft.areas.count() == 2


def test_a_frozen_versions_page_offers_a_new_version_and_no_edits(
    staff_client, framework_version, english
):
    page = staff_client.get(edit_url(framework_version)).text

    assert "Make a new version" in page
    for absent in ["Add the area", "Save the note", "/delete/", "/move/"]:
        assert absent not in page


def test_the_edit_form_of_a_frozen_version_sends_staff_back(staff_client, framework_version):
    criterion = Criterion.objects.filter(area__version=framework_version).first()

    response = staff_client.get(
        part_url("framework_criterion_edit", framework_version, criterion.pk)
    )

    assert response.status_code == 302
    assert response.url == edit_url(framework_version)


def test_a_button_on_a_frozen_version_is_refused_with_a_message(
    staff_client, framework_version, english
):
    area = framework_version.areas.first()

    response = staff_client.post(
        part_url("framework_area_delete", framework_version, area.pk), follow=True
    )

    assert "frozen" in response.text
    assert framework_version.areas.filter(pk=area.pk).exists()


def test_a_second_draft_is_refused_on_the_new_version_form(staff_client, draft, english):
    address = reverse("monitoring:framework_new_version", args=[draft.framework.slug])

    response = staff_client.post(address, {"changes": "Още промени."})

    assert response.status_code == 200
    assert "Version 2 is still a draft" in response.text
    assert "Още промени." in response.text


def test_staff_make_a_new_version_with_a_note(staff_client, framework_version):
    address = reverse("monitoring:framework_new_version", args=[framework_version.framework.slug])

    response = staff_client.post(address, {"changes": "Добавен критерий за бюджета."})

    assert response.status_code == 302
    version = framework_version.framework.versions.get(number=2)
    assert version.changes == "Добавен критерий за бюджета."
    assert response.url == edit_url(version)


def test_the_list_shows_each_version_and_the_rounds_that_use_it_in_bounded_queries(
    staff_client, round_, draft, django_assert_max_num_queries
):
    for number in range(4):
        build_framework(slug=f"other-{number}")

    with django_assert_max_num_queries(10):
        page = staff_client.get(reverse("monitoring:framework_list"))

    assert page.status_code == 200
    assert round_.title in page.text
    assert page.text.count("<caption>") == 5


# The public page


def public_url(version):
    return reverse("monitoring:framework", args=[version.framework.slug, version.number])


def test_the_public_page_shows_every_criterion_with_its_scale(client, framework_version, english):
    page = client.get(public_url(framework_version))

    assert page.status_code == 200
    text = page.text
    for code in ["T1", "T2", "P1", "P2"]:
        assert f'{code}. <span lang="bg">Въпрос {code}?</span>' in text
    assert text.count("Изпълнено е отчасти или със закъснение.") == 4
    assert "ЗДОИ, чл. 15" in text
    assert "website check" in text.lower()
    assert "This content exists only in Bulgarian." in text
    assert text.index("<h1") < text.index("<h2") < text.index("<h3")


@pytest.mark.parametrize("persona", [None, "monitor", "official", "resident"])
def test_a_draft_is_not_found_but_by_staff(client, request, draft, persona):
    if persona:
        client.force_login(request.getfixturevalue(persona))

    assert client.get(public_url(draft)).status_code == 404


def test_staff_preview_a_draft(staff_client, draft):
    assert staff_client.get(public_url(draft)).status_code == 200


def test_the_public_page_says_what_changed_since_the_previous_version(
    client, framework_version, staff, english
):
    version = frameworks.new_version(
        framework_version.framework, user=staff, changes="Отпада P1, нов T3."
    )
    criteria = {c.code: c for c in Criterion.objects.filter(area__version=version)}
    frameworks.delete_criterion(criteria["P1"])
    frameworks.update_criterion(
        criteria["T2"],
        area=criteria["T2"].area,
        scale=[(0, "не", "Не."), (1, "да", "Да.")],
    )
    frameworks.add_criterion(
        criteria["T1"].area,
        code="T3",
        question="Има ли регистър на сигналите?",
        evidence_kind=EvidenceKind.VISIT,
        scope=Scope.ALL,
        scale=[(0, "не", "Не."), (1, "да", "Да.")],
    )
    frameworks.freeze(version, user=staff)

    text = client.get(public_url(version)).text

    assert "What changed since version 1" in text
    assert "Отпада P1, нов T3." in text
    added = text[text.index("Criteria added") : text.index("Criteria removed")]
    assert "T3" in added
    removed = text[text.index("Criteria removed") : text.index("Criteria changed")]
    assert "P1" in removed
    assert "T2</a>: scale" in text
    assert f'href="{public_url(framework_version)}"' in text


def _frozen_second_version(staff, **options):
    first = build_framework(**options)
    second = frameworks.new_version(first.framework, user=staff, changes="Същото.")
    return frameworks.freeze(second, user=staff)


def test_the_public_page_takes_as_many_queries_for_many_criteria_as_for_few(
    client, staff, django_assert_max_num_queries
):
    few = _frozen_second_version(staff, slug="few")
    many = _frozen_second_version(
        staff, slug="many", criteria=[("T", f"T{n}", Scope.ALL, 1, False) for n in range(30)]
    )

    with django_assert_max_num_queries(10) as counted_few:
        assert client.get(public_url(few)).status_code == 200
    with django_assert_max_num_queries(10) as counted_many:
        assert "Въпрос T29?" in client.get(public_url(many)).text

    assert len(counted_many) == len(counted_few)
