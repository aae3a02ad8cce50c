"""The toolkit's staff screens: who may open them, a method saved from the form (bad input keeps
what was typed and saves nothing), editions published only when a method changed."""

import pytest
from django.urls import reverse

from ivanovo_portal.documents.models import GeneratedDocument
from ivanovo_portal.refusals import Refused
from toolkit.book import BOOK_KIND, CARDS_KIND
from toolkit.models import Edition, Method, MethodVersion
from toolkit.services.editions import publish_edition

from .content import method_content, save

pytestmark = pytest.mark.django_db
PERSONAS = ["staff", "monitor", "resident", "anonymous"]


@pytest.fixture
def method(staff):
    return save(method_content(), user=staff)


@pytest.fixture
def edition(method, staff):
    return publish_edition(user=staff, note="Първо издание")


SCREENS = {
    "manage": lambda m, e: ("get", reverse("toolkit:manage")),
    "method_new": lambda m, e: ("get", reverse("toolkit:method_new")),
    "method_edit": lambda m, e: ("get", reverse("toolkit:method_edit", args=[m.slug])),
    "versions": lambda m, e: ("get", reverse("toolkit:versions", args=[m.slug])),
    "version": lambda m, e: ("get", reverse("toolkit:version", args=[m.slug, 1])),
    "restore": lambda m, e: ("post", reverse("toolkit:version", args=[m.slug, 1])),
    "edition_new": lambda m, e: ("get", reverse("toolkit:edition_new")),
    "edition_manage": lambda m, e: ("get", reverse("toolkit:edition_manage", args=[e.number])),
}


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize("screen", sorted(SCREENS))
def test_only_staff_open_the_staff_screens(client, request, method, edition, screen, persona):
    verb, url = SCREENS[screen](method, edition)
    if persona != "anonymous":
        client.force_login(request.getfixturevalue(persona))

    response = getattr(client, verb)(url)

    if persona == "staff":
        assert response.status_code == 200
    elif persona == "anonymous":
        assert response.status_code == 302 and "/accounts/login/" in response.url
    else:
        assert response.status_code == 403


def _form_data(content, note="Промяна"):
    """What the method's screen posts for ``content``: its fields, cells and formsets."""
    data = {
        name: value
        for name, value in content.items()
        if name not in ("placements", "steps", "templates", "audiences")
    }
    data = {name: "" if value is None else value for name, value in data.items()}
    for name in ("offline", "paper", "online"):
        if not data.pop(name):
            continue
        data[name] = "on"
    data["audiences"] = list(content["audiences"])
    data["placements"] = [f"{level}:{step}" for level, step in content["placements"]]
    data["note"] = note
    for prefix, rows in (("steps", content["steps"]), ("templates", content["templates"])):
        data |= {f"{prefix}-TOTAL_FORMS": len(rows), f"{prefix}-INITIAL_FORMS": len(rows)}
        for index, row in enumerate(rows):
            data |= {f"{prefix}-{index}-{name}": value for name, value in row.items()}
    return data


def test_staff_write_a_new_method_as_its_first_version(client, staff):
    client.force_login(staff)

    response = client.post(reverse("toolkit:method_new"), _form_data(method_content()))

    assert response.status_code == 302
    method = Method.objects.get(slug="village-meeting")
    assert method.versions.get().number == 1
    assert method.placements.count() == 2 and method.steps.count() == 2


def test_bad_input_keeps_what_was_typed_and_saves_nothing(client, staff, method, english):
    client.force_login(staff)
    content = method_content(name="", summary="Ново изречение за метода.", placements=[])

    response = client.post(reverse("toolkit:method_edit", args=[method.slug]), _form_data(content))

    page = response.content.decode()
    assert response.status_code == 200
    assert "Ново изречение за метода." in page
    assert "Place the method in at least one cell of the matrix." in page
    assert Method.objects.get(pk=method.pk).summary == method_content()["summary"]
    assert MethodVersion.objects.count() == 1


def test_a_method_without_steps_is_refused_by_the_steps(client, staff, method, english):
    client.force_login(staff)

    response = client.post(
        reverse("toolkit:method_edit", args=[method.slug]), _form_data(method_content(steps=[]))
    )

    assert "Describe at least one step of running the method." in response.content.decode()
    assert MethodVersion.objects.count() == 1


def test_a_change_saved_from_the_screen_is_the_next_version(client, staff, method):
    client.force_login(staff)
    content = method_content(name="Селско събрание")

    client.post(reverse("toolkit:method_edit", args=[method.slug]), _form_data(content, "Име"))

    latest = method.versions.order_by("-number").first()
    assert (latest.number, latest.note, latest.content["name"]) == (2, "Име", "Селско събрание")


def test_publishing_is_refused_while_no_method_has_changed(staff, edition):
    with pytest.raises(Refused):
        publish_edition(user=staff, note="Същото")

    assert Edition.objects.count() == 1


def test_a_change_allows_a_new_edition_and_the_earlier_keeps_its_versions(staff, method, edition):
    save(method_content(name="Селско събрание"), user=staff, method=method)

    second = publish_edition(user=staff, note="Ново име")

    assert second.number == 2
    assert [v.number for v in edition.versions.all()] == [1]
    assert [v.number for v in second.versions.all()] == [2]


def test_an_edition_requests_its_book_and_its_cards(edition):
    kinds = set(
        GeneratedDocument.objects.filter(toolkit_edition=edition).values_list("kind", flat=True)
    )

    assert kinds == {BOOK_KIND, CARDS_KIND}


def test_the_dashboard_offers_a_new_edition_only_after_a_change(client, staff, method, edition):
    client.force_login(staff)
    publish = reverse("toolkit:edition_new")

    assert publish not in client.get(reverse("toolkit:manage")).content.decode()
    save(method_content(name="Селско събрание"), user=staff, method=method)
    assert publish in client.get(reverse("toolkit:manage")).content.decode()


def test_the_dashboard_reads_in_few_queries_however_many_methods(
    client, staff, edition, django_assert_max_num_queries
):
    for number in range(5):
        save(method_content(slug=f"method-{number}"), user=staff)
    client.force_login(staff)

    with django_assert_max_num_queries(20):
        client.get(reverse("toolkit:manage"))


def test_restoring_from_the_version_page(client, staff, method):
    save(method_content(name="Селско събрание"), user=staff, method=method)
    client.force_login(staff)

    client.post(reverse("toolkit:version", args=[method.slug, 1]))

    assert Method.objects.get(pk=method.pk).name == "Събрание в селото"
    assert method.versions.count() == 3
