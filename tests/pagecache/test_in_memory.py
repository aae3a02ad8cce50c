"""What a process keeps in memory (``tables.in_memory``): given again while the tables it was read
from keep their versions, read again at once after a write to one of them."""

import pytest

from ivanovo_portal.pagecache import tables
from ivanovo_portal.places.models import Settlement
from surveys.models import Questionnaire

pytestmark = pytest.mark.django_db


class Counted:
    """A computation that reads the settlements' names, counting how often it runs."""

    def __init__(self):
        self.runs = 0

    def __call__(self):
        self.runs += 1
        return sorted(Settlement.objects.values_list("name", flat=True))


def test_a_value_is_computed_once_while_its_tables_are_unchanged(django_assert_num_queries):
    names = Counted()
    first = tables.in_memory("test.names", names)

    with django_assert_num_queries(0):
        assert tables.in_memory("test.names", names) == first
    assert names.runs == 1


def test_a_write_to_a_table_it_read_is_seen_on_the_next_call():
    names = Counted()
    tables.in_memory("test.names", names)

    Settlement.objects.filter(name="Иваново").update(name="Иваново (ново)")

    assert "Иваново (ново)" in tables.in_memory("test.names", names)
    assert names.runs == 2


def test_a_write_to_another_table_keeps_the_value():
    names = Counted()
    tables.in_memory("test.names", names)

    Questionnaire.objects.update(title="Друго")

    tables.in_memory("test.names", names)
    assert names.runs == 1


def test_what_it_was_made_for_changing_computes_it_again():
    names = Counted()
    tables.in_memory("test.names", names, made_for=1)
    tables.in_memory("test.names", names, made_for=1)
    tables.in_memory("test.names", names, made_for=2)

    assert names.runs == 2


def test_a_failed_computation_is_not_kept():
    def missing():
        return Questionnaire.objects.get(slug="no-such-questionnaire")

    for _ in range(2):
        with pytest.raises(Questionnaire.DoesNotExist):
            tables.in_memory("test.missing", missing)
    assert "test.missing" not in tables._in_memory


def test_a_page_that_uses_a_kept_value_depends_on_its_tables():
    tables.in_memory("test.names", Counted())

    with tables.recording() as page:
        tables.in_memory("test.names", Counted())

    assert page.read == {Settlement._meta.db_table}
