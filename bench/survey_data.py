"""A 30-question questionnaire (every kind of question, like the tests' shared one) with many
responses, loaded with PostgreSQL ``COPY``: 100,000 responses (about 4 million answer rows) load in
well under a minute or two on two cores.

Reused by the benchmarks of the results page, the exports and the analysis report PDF::

    from bench.survey_data import questionnaire_with_responses
    questionnaire = questionnaire_with_responses(100_000)

The data is cached in the benchmark database: a second call with the same count returns the same
questionnaire at once. Random but reproducible (a fixed seed).
"""

import datetime
import os
import random
import time
import uuid
from decimal import Decimal

import bench

RESPONSES = int(os.environ.get("BENCH_SURVEY_RESPONSES", 100_000))  # fewer for a quick try
SEED = 20230726
MAX_LOAD_S = 300

SCALE = [("1", "Много лошо"), ("2", "Лошо"), ("3", "Средно"), ("4", "Добре"), ("5", "Много добре")]
SINGLE = [
    ("site", "Интернет страницата на общината"),
    ("mayor", "От кмета или кметския наместник"),
    ("board", "Таблото за обяви"),
    ("neighbours", "От съседи и познати"),
]
MULTIPLE = [
    ("roads", "Пътищата"),
    ("water", "Водоснабдяването"),
    ("jobs", "Работните места"),
    ("transport", "Обществения транспорт"),
    ("health", "Здравеопазването"),
]
ROWS = [
    ("admin", "Административното обслужване"),
    ("info", "Информацията за решенията"),
    ("access", "Достъпа до кмета"),
    ("online", "Услугите по интернет"),
]
YES_NO = [("yes", "Да", 1), ("no", "Не", 0)]
TEXTS = [
    "Повече информация за решенията на общинския съвет.",
    "Ремонт на улиците в селото.",
    "Редовен автобус до Русе.",
    "По-често да идват служители от общината.",
]


def _layout():
    """The 30 questions: (code, kind, text, extra) in order."""
    questions = [
        ("Q1", "settlement", "В кое населено място живеете?", {}),
        ("Q2", "yes_no", "Участвали ли сте в обществено обсъждане?", {}),
        ("Q3", "short_text", "По каква тема беше обсъждането?", {"required": False}),
        ("Q4", "number", "На колко години сте?", {"min_value": 16, "max_value": 110}),
        ("Q5", "date", "Кога за последно посетихте общината?", {"required": False}),
    ]
    for n in range(6, 12):
        extra = {"allow_other": True} if n == 6 else {}
        questions.append((f"Q{n}", "single", f"Откъде научавате новините (въпрос {n})?", extra))
    for n in range(12, 16):
        extra = {"allow_other": True} if n == 12 else {}
        questions.append((f"Q{n}", "multiple", f"Кои са важните проблеми (въпрос {n})?", extra))
    for n in range(16, 22):
        questions.append((f"Q{n}", "scale", f"Как оценявате работата на общината ({n})?", {}))
    for n in range(22, 25):
        questions.append((f"Q{n}", "matrix", f"Доколко сте доволни от ({n}):", {}))
    for n in range(25, 28):
        questions.append((f"Q{n}", "yes_no", f"Бихте ли участвали в обсъждане ({n})?", {}))
    questions.append(("Q28", "number", "Колко души живеят в домакинството ви?", {}))
    questions.append(("Q29", "long_text", "Какво бихте предложили?", {"required": False}))
    questions.append(("Q30", "single", "Как предпочитате да ви търсят?", {}))
    return questions


def create_questionnaire(slug):
    """The questionnaire with its 30 questions, options and matrix rows (a few hundred rows)."""
    from ivanovo_portal.places.models import Settlement
    from surveys.models import Choice, MatrixRow, Question, Questionnaire, Quota, Section

    questionnaire = Questionnaire.objects.create(
        title="Бенчмарк: гражданите и общината",
        slug=slug,
        target_group="citizens_ngos",
        status=Questionnaire.Status.OPEN,
        quota_total=110,
        results_published=True,
    )
    sections = [
        Section.objects.create(questionnaire=questionnaire, title=title, position=i)
        for i, title in enumerate(["За вас", "Информация и проблеми", "Оценки"])
    ]
    for position, (code, kind, text, extra) in enumerate(_layout()):
        section = sections[0 if position < 5 else 1 if position < 15 else 2]
        question = Question.objects.create(
            section=section, code=code, kind=kind, text=text, position=position, **extra
        )
        options = {
            "single": [(c, label, None) for c, label in SINGLE],
            "multiple": [(c, label, None) for c, label in MULTIPLE],
            "scale": [(c, label, Decimal(c)) for c, label in SCALE],
            "matrix": [(c, label, Decimal(c)) for c, label in SCALE],
            "yes_no": YES_NO,
        }.get(kind, [])
        Choice.objects.bulk_create(
            Choice(question=question, code=c, label=label, value=value, position=i)
            for i, (c, label, value) in enumerate(options)
        )
        if kind == "matrix":
            MatrixRow.objects.bulk_create(
                MatrixRow(question=question, code=c, label=label, position=i)
                for i, (c, label) in enumerate(ROWS)
            )
    Quota.objects.bulk_create(
        Quota(questionnaire=questionnaire, settlement=s, target=9) for s in Settlement.objects.all()
    )
    return questionnaire


def _null(value):
    return "\\N" if value is None else str(value)


def _line(question, choice=None, row=None, number=None, text="", other="", date=None, place=None):
    """An answer's COPY line after its response id (tab-separated, ``\\N`` for NULL)."""
    return (
        f"\t{question}\t{_null(choice)}\t{_null(row)}\t{_null(number)}\t{text}\t{other}\t"
        f"{_null(date)}\t{_null(place)}\n"
    )


def _plan(question, settlements):
    """What a response may answer to ``question``, as ready-made line endings: building each line
    from pieces four million times would be most of the loading time."""
    pk, code, kind, choices, rows, allow_other = question
    others = [_line(pk, other=text) for text in TEXTS] if allow_other else []
    if kind == "settlement":
        return kind, [(place, _line(pk, place=place)) for place in settlements], others
    if kind == "matrix":
        by_row = [[_line(pk, choice=c, row=r, number=v) for c, v in choices] for r in rows]
        return kind, by_row, others
    if kind in {"number", "date", "short_text", "long_text"}:
        return kind, code, others
    return kind, [_line(pk, choice=c, number=v) for c, v in choices], others


def _answer_lines(response_id, plans, rng):
    """The settlement and the COPY lines of one response's answers."""
    rid = str(response_id)
    lines = []
    place = None
    for (kind, options, others), question in plans:
        if kind == "settlement":
            place, ending = rng.choice(options)
            lines.append(rid + ending)
        elif kind in {"yes_no", "single"}:
            if others and rng.random() < 0.05:
                lines.append(rid + rng.choice(others))
            else:
                lines.append(rid + rng.choice(options))
        elif kind == "multiple":
            lines += [rid + ending for ending in rng.sample(options, rng.randint(1, 3))]
            if others and rng.random() < 0.05:
                lines.append(rid + rng.choice(others))
        elif kind == "scale":
            lines.append(rid + options[min(4, int(rng.triangular(0, 5, 3.5)))])
        elif kind == "matrix":
            lines += [rid + row[min(4, int(rng.triangular(0, 5, 3)))] for row in options]
        elif kind == "number":
            number = rng.randint(18, 90) if options == "Q4" else rng.randint(1, 8)
            lines.append(rid + _line(question, number=number))
        elif kind == "date" and rng.random() < 0.5:
            day = datetime.date(2023, 1, 1) + datetime.timedelta(rng.randint(0, 180))
            lines.append(rid + _line(question, date=day))
        elif kind in {"short_text", "long_text"} and rng.random() < 0.25:
            lines.append(rid + _line(question, text=rng.choice(TEXTS)))
    return place, lines


def load_responses(questionnaire, count):
    """``count`` responses with their answers, written with two COPY statements. Foreign-key
    triggers are off for the load (``session_replication_role``): the rows are made consistent
    here, and checking millions of them one by one would take most of the time."""
    from django.db import connection

    from ivanovo_portal.places.models import Settlement
    from surveys.models import Question

    rng = random.Random(SEED)
    settlements = list(Settlement.objects.values_list("pk", flat=True))
    plans = []
    for q in Question.objects.filter(section__questionnaire=questionnaire).prefetch_related(
        "choices", "rows"
    ):
        choices = [(c.pk, c.value) for c in q.choices.all()]
        rows = [r.pk for r in q.rows.all()]
        plans.append(
            (_plan((q.pk, q.code, q.kind, choices, rows, q.allow_other), settlements), q.pk)
        )
    start = datetime.datetime(2023, 1, 10, 8, tzinfo=datetime.UTC)
    channels = ["online"] * 6 + ["paper"] * 3 + ["interview"]

    connection.ensure_connection()
    raw = connection.connection
    with raw.cursor() as cursor:
        cursor.execute("SELECT coalesce(max(id), 0) FROM surveys_response")
        first_id = cursor.fetchone()[0] + 1
    responses = []
    with raw.transaction(), raw.cursor() as cursor:
        cursor.execute("SET LOCAL session_replication_role = replica")
        # The answers' secondary indexes are built once after the load rather than row by row.
        cursor.execute(
            "SELECT indexname, indexdef FROM pg_indexes WHERE tablename = 'surveys_answer'"
            " AND indexname NOT LIKE '%%_pkey'"
        )
        indexes = cursor.fetchall()
        for name, _definition in indexes:
            cursor.execute(f'DROP INDEX "{name}"')
        # Answers first, written as they are made so that memory stays small; their responses
        # follow in the same transaction (no foreign-key check fires in between).
        with cursor.copy(
            "COPY surveys_answer (response_id, question_id, choice_id, row_id, number, text,"
            " other_text, date, settlement_id) FROM STDIN"
        ) as copy:
            batch = []
            for offset in range(count):
                response_id = first_id + offset
                place, lines = _answer_lines(response_id, plans, rng)
                batch.extend(lines)
                if len(batch) > 100_000:
                    copy.write("".join(batch))
                    batch = []
                channel = channels[offset % len(channels)]
                submitted = start + datetime.timedelta(minutes=offset * 2)
                form_number = f"P-{response_id}" if channel == "paper" else ""
                key = uuid.UUID(int=rng.getrandbits(128), version=4)
                responses.append(
                    f"{response_id}\t{questionnaire.pk}\t{_null(place)}\t{channel}\t{key}\t"
                    f"{form_number}\tt\t{submitted.isoformat()}\t[]\tf\t\n"
                )
            copy.write("".join(batch))
        with cursor.copy(
            "COPY surveys_response (id, questionnaire_id, settlement_id, channel, submission_key,"
            " form_number, consented, submitted_at, outside_conditions, suspect, discard_reason)"
            " FROM STDIN"
        ) as copy:
            copy.write("".join(responses))
        for _name, definition in indexes:
            cursor.execute(definition)
        cursor.execute(
            "SELECT setval(pg_get_serial_sequence('surveys_response', 'id'), %s)",
            [first_id + count - 1],
        )
    with raw.cursor() as cursor:
        # VACUUM too: the visibility map lets the counts use index-only scans, as they would on
        # a database that has been running for a while.
        cursor.execute("VACUUM ANALYZE surveys_response")
        cursor.execute("VACUUM ANALYZE surveys_answer")


def run():
    """Load the data (the benchmarks after this one find it ready) and report how long it took."""
    bench.setup()
    started = time.perf_counter()
    questionnaire_with_responses()
    seconds = time.perf_counter() - started
    return {"survey_data.load_100k_responses_s": bench.at_most(seconds, "s", MAX_LOAD_S)}


def questionnaire_with_responses(count=RESPONSES):
    """The benchmark questionnaire with ``count`` responses: made and loaded on the first call,
    found again on the next ones."""
    from surveys.models import Questionnaire

    slug = f"bench-{count}"
    existing = Questionnaire.objects.filter(slug=slug).first()
    if existing is not None and existing.responses.count() == count:
        return existing
    started = time.perf_counter()
    questionnaire = create_questionnaire(slug)
    load_responses(questionnaire, count)
    bench.log(f"{count} survey responses loaded in {time.perf_counter() - started:.0f} s")
    return questionnaire
