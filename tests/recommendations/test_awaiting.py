"""What the register has waiting on the landing pages: the municipality's answers with their due
dates, overdue ones marked, and implementation to come; the staff's drafts and letters."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from ivanovo_portal.recommendations import letters, services
from ivanovo_portal.recommendations.models import Recommendation

from .helpers import approved, at_status, filed, prepared, write

pytestmark = pytest.mark.django_db
Status = Recommendation.Status


def sections(client, user):
    client.force_login(user)
    response = client.get(reverse("accounts:awaiting"))
    assert response.status_code == 200
    return {key: items for key, _section, items in response.context["sections"]}, response


def test_the_official_sees_answers_owed_with_their_due_dates_overdue_ones_marked(
    client, staff, official
):
    late = filed(staff, title="Отдавна внесена")  # filed 5 June 2023: due 5 July 2023
    today = timezone.localdate()
    recent = letters.file_letter(
        prepared(staff, title="Току-що внесена"), filed_on=today, user=staff
    )

    owed, response = sections(client, official)

    items = owed["recommendations_awaiting_answer"]
    assert [item.title.split(" ", 1)[1] for item in items] == ["Отдавна внесена", "Току-що внесена"]
    assert [(item.due, item.overdue) for item in items] == [
        (late.answer_due, True),
        (today + timedelta(days=30), False),
    ]
    assert recent.outgoing_number in items[1].detail
    html = response.content.decode()
    assert html.count('<span class="badge text-bg-danger ms-1">') == 1
    assert f'<time datetime="{late.answer_due:%Y-%m-%d}">' in html


def test_the_official_sees_answered_recommendations_whose_implementation_is_to_come(
    client, staff, official
):
    answered = at_status(Status.ANSWERED, staff, title="Отговорена")
    accepted = at_status(Status.ACCEPTED, staff, title="Приета")
    services.record_progress(accepted, progress=40, user=staff)
    at_status(Status.REJECTED, staff, title="Отхвърлена")
    at_status(Status.IMPLEMENTED, staff, title="Изпълнена")

    owed, _response = sections(client, official)

    items = owed["recommendations_awaiting_implementation"]
    assert [item.title for item in items] == [
        f"{answered.number} Отговорена",
        f"{accepted.number} Приета",
    ]
    assert "40%" in items[1].detail


def test_staff_see_drafts_approved_ones_without_a_letter_and_letters_to_file(client, staff):
    draft = write(staff, title="Чернова")
    waiting = approved(staff, title="Одобрена")
    letter = prepared(staff, title="В писмо")
    unregistered = filed(staff, registry_number="")

    own, _response = sections(client, staff)

    assert [item.url for item in own["recommendations_drafts"]] == [
        reverse("recommendations:manage", args=[draft.pk])
    ]
    assert [item.url for item in own["recommendations_without_letter"]] == [
        reverse("recommendations:manage", args=[waiting.pk])
    ]
    assert [item.url for item in own["recommendations_letters_to_file"]] == [
        letter.get_absolute_url()
    ]
    assert [item.url for item in own["recommendations_registry_entries"]] == [
        unregistered.get_absolute_url()
    ]


def _many(staff, count):
    for number in range(count):
        write(staff, title=f"Чернова {number}")
        approved(staff, title=f"Одобрена {number}")
        prepared(staff, title=f"В писмо {number}")
        filed(staff, registry_number="", title=f"Без номер {number}")
        at_status(Status.ACCEPTED, staff, title=f"Приета {number}")


def queries_for(client, user):
    client.force_login(user)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(reverse("accounts:awaiting")).status_code == 200
    return len(queries)


@pytest.mark.parametrize("persona", ["staff", "official"])
def test_the_landing_page_runs_as_many_queries_for_many_items_as_for_few(
    client, request, staff, persona, django_assert_max_num_queries
):
    user = request.getfixturevalue(persona)
    _many(staff, 1)
    few = queries_for(client, user)
    _many(staff, 8)

    with django_assert_max_num_queries(30):
        many = queries_for(client, user)
    assert many == few
