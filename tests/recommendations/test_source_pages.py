"""The recommendations of a source on the source's own pages: listed, written, edited and
approved through the register's services, each step permission-checked and asking the source
whether it allows the change. The stand-in source is an earlier recommendation
(``source_urls.py``); surveys' analysis reports plug in the same pages."""

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse
from django.utils import translation

from ivanovo_portal.project import Activity
from ivanovo_portal.recommendations import services, sources
from ivanovo_portal.recommendations.models import Recommendation
from ivanovo_portal.recommendations.sources import Source
from tests.conftest import make_user

from .helpers import approved, write

pytestmark = [pytest.mark.django_db, pytest.mark.urls("tests.recommendations.source_urls")]

REFUSAL = "The earlier recommendation is being printed."


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


@pytest.fixture
def hooks():
    """What the stand-in source's registration answers; a test may change it."""
    return {"refusal": ""}


@pytest.fixture(autouse=True)
def registered(hooks):
    entry = Source(
        is_public=lambda source: source.is_public,
        refuse_change=lambda source: hooks["refusal"],
        activity=Activity.MONITORING,
    )
    with sources.kinds.override({sources.key_of(Recommendation): entry}):
        yield


@pytest.fixture
def earlier(staff):
    return approved(staff, title="Приемни дни в селата")


def url(page, earlier, recommendation=None):
    kwargs = {"pk": earlier.pk}
    if recommendation is not None:
        kwargs["recommendation_pk"] = recommendation.pk
    return reverse(f"earlier:follow_up_{page}", kwargs=kwargs)


def follow_up(earlier, user, title="Приемни дни и в Красен"):
    return write(user, title=title, source=earlier)


def messages_of(response):
    return [str(message) for message in get_messages(response.wsgi_request)]


def test_staff_see_the_sources_recommendations_and_no_other(client, staff, earlier):
    mine = follow_up(earlier, staff)
    other = write(staff, title="Съвсем друга препоръка")
    client.force_login(staff)

    page = client.get(url("list", earlier)).text

    assert mine.title in page
    assert other.title not in page
    assert f'href="{url("edit", earlier, mine)}"' in page
    assert f'action="{url("approve", earlier, mine)}"' in page


def test_a_recommendation_written_here_is_a_draft_of_the_source_and_its_activity(
    client, staff, earlier
):
    client.force_login(staff)

    response = client.post(
        url("list", earlier),
        {"title": "Автобус до Красен", "text": "Да има автобус.", "rationale": "Хората искат."},
    )

    assert response.status_code == 302
    assert response.url == url("list", earlier)
    written = Recommendation.objects.get(title="Автобус до Красен")
    assert written.source == earlier
    assert written.activity == Activity.MONITORING
    assert written.status == Recommendation.Status.DRAFT
    [message] = messages_of(response)
    assert written.number in message


def test_an_edit_is_saved_and_leads_back_to_the_sources_page(client, staff, earlier):
    draft = follow_up(earlier, staff)
    client.force_login(staff)

    response = client.post(
        url("edit", earlier, draft),
        {"title": "Нов текст", "text": "Текст", "rationale": "Мотиви"},
    )

    assert response.url == url("list", earlier)
    draft.refresh_from_db()
    assert (draft.title, draft.source) == ("Нов текст", earlier)


def test_approving_here_goes_through_the_register(client, staff, earlier):
    draft = follow_up(earlier, staff)
    client.force_login(staff)

    response = client.post(url("approve", earlier, draft))

    assert response.url == url("list", earlier)
    draft.refresh_from_db()
    assert draft.status == Recommendation.Status.APPROVED
    assert draft.timeline.get().kind == "approved"


def test_the_source_refuses_an_approval_and_the_page_says_why(client, staff, earlier, hooks):
    draft = follow_up(earlier, staff)
    hooks["refusal"] = REFUSAL
    client.force_login(staff)

    assert REFUSAL in client.get(url("list", earlier)).text
    assert 'action="' + url("approve", earlier, draft) not in client.get(url("list", earlier)).text
    response = client.post(url("approve", earlier, draft))

    assert messages_of(response) == [REFUSAL]
    assert Recommendation.objects.get(pk=draft.pk).status == Recommendation.Status.DRAFT


def test_the_source_refuses_rewording_an_approved_recommendation_on_the_form(
    client, staff, earlier, hooks
):
    follow = services.approve(follow_up(earlier, staff), user=staff)
    hooks["refusal"] = REFUSAL
    client.force_login(staff)

    page = client.post(
        url("edit", earlier, follow),
        {"title": "Друго", "text": "Друг текст.", "rationale": "Друго."},
    ).text

    assert REFUSAL in page
    assert Recommendation.objects.get(pk=follow.pk).title == "Приемни дни и в Красен"


def test_a_recommendation_of_another_source_is_not_found_here(client, staff, earlier):
    elsewhere = follow_up(approved(staff, title="Друга"), staff)
    client.force_login(staff)

    assert client.get(url("edit", earlier, elsewhere)).status_code == 404
    assert client.post(url("approve", earlier, elsewhere)).status_code == 404
    assert Recommendation.objects.get(pk=elsewhere.pk).status == Recommendation.Status.DRAFT


def pages(earlier, draft):
    return [
        ("get", url("list", earlier)),
        ("post", url("list", earlier)),
        ("get", url("edit", earlier, draft)),
        ("post", url("edit", earlier, draft)),
        ("post", url("approve", earlier, draft)),
    ]


@pytest.mark.parametrize("persona", ["monitor", "official", "resident", "outsider"])
def test_only_staff_write_a_sources_recommendations(client, request, persona, staff, earlier):
    draft = follow_up(earlier, staff)
    client.force_login(request.getfixturevalue(persona))

    for method, address in pages(earlier, draft):
        assert getattr(client, method)(address, {"title": "x"}).status_code == 403, address
    assert Recommendation.objects.count() == 2
    assert Recommendation.objects.get(pk=draft.pk).status == Recommendation.Status.DRAFT


def test_the_sources_loader_may_refuse_staff_too(client, staff, earlier):
    draft = follow_up(earlier, staff)
    locked_out = make_user("locked-out", is_superuser=True)
    client.force_login(locked_out)

    for method, address in pages(earlier, draft):
        assert getattr(client, method)(address).status_code == 403, address


def test_visitors_are_sent_to_log_in(client, staff, earlier):
    draft = follow_up(earlier, staff)

    for method, address in pages(earlier, draft):
        response = getattr(client, method)(address)
        assert response.status_code == 302, address
        assert response.url.startswith(reverse("accounts:login"))
