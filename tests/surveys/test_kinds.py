"""The table of question kinds: every kind has its line, and every shape a line names is built
by the answering forms and counted by the results."""

from surveys.forms.question_fields import FIELDS
from surveys.kinds import KINDS
from surveys.models import Question
from surveys.results.figures import TALLIES


def test_every_question_kind_has_its_line_in_the_table():
    assert set(KINDS) == set(Question.Kind.values)


def test_every_field_a_kind_names_is_built_by_the_answering_forms():
    assert {kind.field for kind in KINDS.values()} <= set(FIELDS)


def test_every_tally_a_kind_names_is_counted_by_the_results():
    assert {kind.tally for kind in KINDS.values()} - {""} <= set(TALLIES)
