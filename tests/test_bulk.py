"""Writing many rows in one statement (``ivanovo_portal.bulk``): on PostgreSQL, and on the SQLite
of the embedded default."""

import json
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from ivanovo_portal import bulk
from ivanovo_portal.places.models import Settlement
from tests.conftest import run_python


@pytest.mark.django_db
def test_rows_and_the_values_they_share_are_written_in_one_statement():
    rows = [
        Settlement(name="Ново село", name_en="Novo selo", slug="novo-selo", population=120),
        Settlement(
            name="Стара „махала“, {1,2}",
            # Written as typed: quotes, a backslash and braces travel inside the JSON parameter.
            name_en='Old "quarter" \\ {x}',
            slug="stara",
            latitude=Decimal("43.6"),
        ),
    ]

    with CaptureQueriesContext(connection) as queries:
        bulk.insert(Settlement, rows, mayor_kind="deputy_mayor", position=20, is_admin_centre=False)

    assert len(queries) == 1
    written = Settlement.objects.filter(position=20).order_by("slug")
    assert list(written.values_list("name", "name_en", "population", "latitude", "mayor_kind")) == [
        ("Ново село", "Novo selo", 120, None, "deputy_mayor"),
        (
            "Стара „махала“, {1,2}",
            'Old "quarter" \\ {x}',
            None,
            Decimal("43.60000"),
            "deputy_mayor",
        ),
    ]


@pytest.mark.django_db
def test_nothing_to_write_makes_no_statement(django_assert_num_queries):
    with django_assert_num_queries(0):
        bulk.insert(Settlement, [], position=1)


SQLITE = """
import json
from decimal import Decimal

import django

django.setup()
from django.db import connection

from ivanovo_portal import bulk
from ivanovo_portal.places.models import Settlement

with connection.schema_editor() as editor:
    editor.create_model(Settlement)
rows = [
    Settlement(name="Иваново", name_en="Ivanovo", slug="ivanovo", latitude=Decimal("43.6862")),
    Settlement(name="Красен", name_en="Krasen", slug="krasen", population=None),
]
bulk.insert(Settlement, rows, mayor_kind="mayor", position=3, is_admin_centre=False)
print(json.dumps([
    [s.name, s.slug, s.position, s.mayor_kind, str(s.latitude)]
    for s in Settlement.objects.order_by("slug")
]))
"""


def test_the_embedded_default_writes_them_too():
    done = run_python("-c", SQLITE, DATABASE_URL="sqlite://:memory:", REDIS_URL="")

    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout) == [
        ["Иваново", "ivanovo", 3, "mayor", "43.68620"],
        ["Красен", "krasen", 3, "mayor", "None"],
    ]


SQLITE_WITH_ROWS = """
import json

import django

django.setup()
from django.contrib.auth import get_user_model
from django.db import connection

from ivanovo_portal import bulk
from surveys.models import Questionnaire, Section

with connection.schema_editor() as editor:
    editor.create_model(get_user_model())  # a questionnaire may name who made it
    editor.create_model(Questionnaire)
    editor.create_model(Section)
questionnaire = Questionnaire(title="Пътищата", slug="patishtata", target_group="citizens_ngos")
sections = [Section(title="Улиците", position=1), Section(title="Мостовете", position=2)]
bulk.create_with(questionnaire, Section, sections, link="questionnaire")
print(json.dumps([
    questionnaire.pk,
    list(Section.objects.order_by("position").values_list("questionnaire_id", "title")),
]))
"""


def test_the_embedded_default_writes_a_row_with_its_rows_too():
    done = run_python("-c", SQLITE_WITH_ROWS, DATABASE_URL="sqlite://:memory:", REDIS_URL="")

    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout) == [1, [[1, "Улиците"], [1, "Мостовете"]]]
