"""Nothing changes or deletes history: not the admin, not the model, not a bulk query, and on
PostgreSQL not even SQL. An account's deletion keeps the name of who did it."""

import pytest
from django.db import DatabaseError, connection, transaction
from django.urls import reverse

from ivanovo_portal.audit.models import Entry, HistoryIsPermanent
from tests.conftest import make_user
from tests.recommendations.helpers import approved

pytestmark = pytest.mark.django_db


@pytest.fixture
def entry(staff):
    return Entry.objects.get(action="recommendation.approved", object_id=approved(staff).pk)


@pytest.fixture
def admin_client(client, db):
    client.force_login(make_user("root", is_staff=True, is_superuser=True))
    return client


def test_the_admin_lists_and_shows_history_but_offers_no_way_to_change_it(admin_client, entry):
    change = reverse("admin:audit_entry_change", args=[entry.pk])
    delete = reverse("admin:audit_entry_delete", args=[entry.pk])

    assert admin_client.get(reverse("admin:audit_entry_changelist")).status_code == 200
    page = admin_client.get(change)
    assert page.status_code == 200
    assert 'name="_save"' not in page.content.decode()
    assert admin_client.post(change, {"reason": "x", "action": "x"}).status_code == 403
    assert admin_client.post(delete, {"post": "yes"}).status_code == 403
    assert admin_client.get(reverse("admin:audit_entry_add")).status_code == 403
    bulk = admin_client.post(
        reverse("admin:audit_entry_changelist"),
        {"action": "delete_selected", "_selected_action": [entry.pk], "post": "yes"},
    )
    assert bulk.status_code in (200, 302)
    assert Entry.objects.get(pk=entry.pk).changes == entry.changes


def test_an_entry_cannot_be_saved_again_or_deleted(entry):
    entry.reason = "Пренаписано"
    with pytest.raises(HistoryIsPermanent):
        entry.save()
    with pytest.raises(HistoryIsPermanent):
        entry.delete()
    with pytest.raises(HistoryIsPermanent):
        Entry.objects.filter(pk=entry.pk).update(reason="x")
    with pytest.raises(HistoryIsPermanent):
        Entry.objects.filter(pk=entry.pk).delete()


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the trigger is PostgreSQL's")
def test_postgresql_refuses_to_change_or_delete_an_entry_by_sql(entry):
    for sql in (
        "UPDATE audit_entry SET reason = 'x' WHERE id = %s",
        "DELETE FROM audit_entry WHERE id = %s",
    ):
        with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(sql, [entry.pk])
    assert Entry.objects.get(pk=entry.pk).reason == ""


def test_deleting_an_account_keeps_the_name_of_who_did_it(entry, staff):
    name = str(staff)

    staff.delete()

    entry = Entry.objects.get(pk=entry.pk)
    assert entry.actor is None
    assert entry.actor_name == name
