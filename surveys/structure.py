"""The structure of a questionnaire as the answering pages read it: its sections with their
questions, options, matrix rows and conditions, read in five queries and kept as plain lists, and
for the public pages a copy kept a few seconds per process."""

import time
from collections import defaultdict

from django.utils import translation

from ivanovo_portal.places.models import Settlement

from .models import Choice, MatrixRow, Question


def load_sections(questionnaire):
    """The questionnaire's sections with their questions, options, matrix rows and conditions,
    in five queries, kept as plain lists (``section.question_list``, ``question.choice_list``,
    ``question.row_list``, ``question.condition_choice_list``): a page with 30 questions reads
    them hundreds of times."""
    sections = list(questionnaire.sections.all())
    in_questionnaire = {"question__section__questionnaire": questionnaire}
    questions = list(
        Question.objects.filter(section__questionnaire=questionnaire).select_related(
            "condition_question"
        )
    )
    choices, rows, conditions = defaultdict(list), defaultdict(list), defaultdict(list)
    choice_by_id = {}
    for choice in Choice.objects.filter(**in_questionnaire):
        choices[choice.question_id].append(choice)
        choice_by_id[choice.pk] = choice
    for row in MatrixRow.objects.filter(**in_questionnaire):
        rows[row.question_id].append(row)
    through = Question.condition_choices.through.objects.filter(**in_questionnaire)
    for question_id, choice_id in through.values_list("question_id", "choice_id"):
        if choice_id in choice_by_id:
            conditions[question_id].append(choice_by_id[choice_id])
    by_section = defaultdict(list)
    for question in questions:
        question.choice_list = choices[question.pk]
        question.row_list = rows[question.pk]
        question.condition_choice_list = sorted(
            conditions[question.pk], key=lambda c: (c.position, c.pk)
        )
        by_section[question.section_id].append(question)
    for section in sections:
        section.question_list = by_section[section.pk]
    return sections


# A respondent's pages read the same questionnaire again and again: each process keeps what it
# read for a few seconds. A change made meanwhile shows on the next read; one that removes an
# option someone is answering makes their submit fail cleanly (see services.submit_response).
STRUCTURE_SECONDS = 10
_structures = {}


def cached_sections(questionnaire):
    """``load_sections`` and ``settlement_choices`` for the public pages, read at most every
    ``STRUCTURE_SECONDS`` per process (sooner when the questionnaire itself was saved)."""
    now = time.monotonic()
    key = (questionnaire.pk, questionnaire.updated_at, translation.get_language())
    cached = _structures.get(questionnaire.pk)
    if cached is None or cached[0] != key or cached[1] < now:
        cached = (
            key,
            now + STRUCTURE_SECONDS,
            load_sections(questionnaire),
            settlement_choices(),
        )
        _structures[questionnaire.pk] = cached
    return cached[2], cached[3]


def forget_sections(questionnaire):
    """Drop the kept copy of ``questionnaire``'s structure in this process."""
    _structures.pop(questionnaire.pk, None)


def questions_of(section):
    """The section's questions: the list ``load_sections`` made, or read now."""
    if not hasattr(section, "question_list"):
        section.question_list = list(section.questions.all())
    return section.question_list


def choices_of(question):
    if not hasattr(question, "choice_list"):
        question.choice_list = list(question.choices.all())
    return question.choice_list


def rows_of(question):
    if not hasattr(question, "row_list"):
        question.row_list = list(question.rows.all())
    return question.row_list


def condition_choices_of(question):
    if not hasattr(question, "condition_choice_list"):
        question.condition_choice_list = list(question.condition_choices.all())
    return question.condition_choice_list


def settlement_choices():
    """The 13 settlements as (id, name) pairs, in their official order."""
    return [(s.pk, s.display_name) for s in Settlement.objects.order_by("position", "name")]
