"""Whatever changes what a public page shows is visible on the next anonymous request, however it
is written: every public page is kept, a write to any table it read gives that table a new
version, and a page is served only while the tables it read keep theirs
(tests/pagecache/test_middleware.py)."""

import pytest
from django.apps import apps
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from campaign.models import Article
from consultations.models import Consultation
from ivanovo_portal.pagecache import keys, tables
from ivanovo_portal.places.models import Settlement
from ivanovo_portal.recommendations.selectors import public_recommendations
from monitoring.models import Round
from surveys.models import Questionnaire
from tests.test_public_pages import PAGES
from toolkit.models import Method

# The public pages with a form for the visitor: the CSRF token makes each visitor's copy theirs.
WITH_A_FORM = {"/newsletter/", "/accessibility/"}
KEPT = [path for path in PAGES if path not in WITH_A_FORM]


@pytest.fixture
def demo(demo_for_module, db):
    """The demo, seeded once for the module."""


def queries_of(client, path):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    assert response.status_code == 200, path
    return len(queries)


def kept_page(path):
    request = RequestFactory().get(path)
    request.LANGUAGE_CODE = "en" if path.startswith("/en/") else "bg"
    return tables.pages().get(keys.page_key(request))


def primary_keys():
    return {
        model._meta.db_table: model._meta.pk.column
        for model in apps.get_models(include_auto_created=True)
    }


@pytest.mark.parametrize("path", KEPT)
def test_every_public_page_is_kept_and_rendered_again_after_a_write_to_any_table_it_read(
    client, demo, path
):
    client.get(path)
    client.get(path)  # the first visit may queue a document, which a page that writes is not
    kept = kept_page(path)
    assert kept is not None, f"{path} is not kept"
    # Served without the database: a reading is counted in Redis.
    assert queries_of(client, path) == 0
    columns = primary_keys()

    for table in kept.versions:
        before = tables.versions()
        with connection.cursor() as cursor:
            # A write, as far as the page cache can tell, that changes no row.
            column = connection.ops.quote_name(columns[table])
            cursor.execute(
                f"UPDATE {connection.ops.quote_name(table)} SET {column} = {column} WHERE 1 = 0"
            )
        after = tables.versions()
        assert {name for name in after if after[name] != before[name]} == {table}
    if kept.versions:  # a page made from no table (the finder's form) stays as it is
        # None of the versions it was made from is current: rendered again, then kept again.
        assert queries_of(client, path) > 0
        assert queries_of(client, path) == 0


def renamed(rows):
    """Rename the first of ``rows`` as a service would, with ``QuerySet.update`` (which sends no
    signal): the new name."""
    row = rows.first()
    field = "title" if hasattr(row, "title") else "name"
    new = f"Ново име {row.pk}"
    rows.model.objects.filter(pk=row.pk).update(**{field: new})
    return new


CHANGES = {
    "a recommendation": (
        "/recommendations/",
        lambda: renamed(public_recommendations()),
    ),
    "a questionnaire": ("/surveys/", lambda: renamed(Questionnaire.objects.filter(status="open"))),
    "a monitoring round": (
        "/monitoring/",
        lambda: renamed(Round.objects.filter(published_at__isnull=False)),
    ),
    "a consultation": (
        "/consultations/",
        lambda: renamed(Consultation.objects.filter(status="published")),
    ),
    "a method": ("/toolkit/methods/", lambda: renamed(Method.objects.all())),
    "a settlement": (
        "/campaign/bulletins/",
        lambda: renamed(Settlement.objects.filter(slug="pirgovo")),
    ),
}


@pytest.mark.parametrize("change", CHANGES.values(), ids=list(CHANGES))
def test_a_change_to_what_a_page_shows_is_on_the_next_request(client, demo, change):
    path, make = change
    client.get(path)
    client.get(path)

    shown = make()

    assert shown in client.get(path).content.decode()


def test_an_article_published_and_then_deleted_comes_and_goes_with_the_next_request(client, demo):
    for path in ("/", "/news/"):
        client.get(path)
    article = Article.objects.order_by("-published_at").first()
    article.pk, article.slug, article.title = None, "novo", "Съвсем нова новина"
    article.published_at = timezone.now()
    article.save()

    for path in ("/", "/news/"):
        assert "Съвсем нова новина" in client.get(path).content.decode(), path

    article.delete()

    for path in ("/", "/news/"):
        assert "Съвсем нова новина" not in client.get(path).content.decode(), path


def test_a_change_made_in_plain_sql_is_on_the_next_request(client, demo):
    client.get("/recommendations/")
    recommendation = public_recommendations().first()

    with connection.cursor() as cursor:
        cursor.execute(
            "update recommendations_recommendation set title = %s where id = %s",
            ["Препоръка, поправена на ръка", recommendation.pk],
        )

    assert "Препоръка, поправена на ръка" in client.get("/recommendations/").content.decode()
