"""Demo content for the surveys: the project's three questionnaires, 135 responses collected in
October–December 2022 in the 13 settlements, and the two analysis reports with recommendations.

The responses are written with the models, following the conventions of ``surveys.models``, and
in bulk: ``services.responses.submit_response`` stamps a response with the present moment and
refuses online answers to a closed questionnaire, while these are dated in 2022 and the
questionnaires are closed.
Everything is drawn from ``random.Random(2023)``, so every run makes the same demo.
"""

import random
from datetime import datetime, time, timedelta
from decimal import Decimal

from django.utils import timezone

from ivanovo_portal.places.models import Settlement
from ivanovo_portal.recommendations import services as register_services

from .. import selectors
from ..kinds import kind_of
from ..models import (
    Answer,
    Channel,
    Choice,
    MatrixRow,
    Question,
    Questionnaire,
    Quota,
    Response,
    Section,
)
from ..services import questionnaires, reports
from .data import (
    CLOSES,
    CONSENT,
    OPEN_ANSWERS,
    OPENS,
    OTHER_ANSWERS,
    QUESTIONNAIRES,
    REPORTS,
    SETTLEMENT_WEIGHTS,
)

# Seeding


def seed(accounts):
    """Create the three questionnaires with their responses and the two reports; does nothing
    when the questionnaires exist already."""
    slugs = [spec["slug"] for spec in QUESTIONNAIRES]
    if Questionnaire.objects.filter(slug__in=slugs).exists():
        return
    rng = random.Random(2023)
    settlements = {s.slug: s for s in Settlement.objects.all()}
    staff = accounts.staff
    questionnaires = {}
    for spec in QUESTIONNAIRES:
        questionnaire, questions = _create_questionnaire(spec, settlements, staff)
        _create_responses(spec, questionnaire, questions, settlements, staff, rng)
        questionnaires[spec["slug"]] = (questionnaire, questions)
    for spec in REPORTS:
        _create_report(spec, questionnaires, settlements, staff)
    _open_follow_up(questionnaires["grazhdani-i-npo-2022"][0], staff)


def _open_follow_up(questionnaire, staff):
    """An open copy of the citizens' questionnaire, asking again a year on: the demo's residents
    have something to answer, and the portal shows it outlives the project."""
    follow_up = questionnaires.copy_questionnaire(questionnaire, user=staff)
    questionnaires.update_questionnaire(
        follow_up,
        slug="grazhdani-i-npo-povtorno",
        title="Гражданите и НПО за работата на Община Иваново — повторно проучване",
    )
    questionnaires.open_questionnaire(follow_up)


def _aware(day, hour=10, minute=0):
    return timezone.make_aware(datetime.combine(day, time(hour, minute)))


def _create_questionnaire(spec, settlements, staff):
    questionnaire = Questionnaire.objects.create(
        title=spec["title"],
        slug=spec["slug"],
        description=spec["description"],
        target_group=spec["target_group"],
        status=Questionnaire.Status.CLOSED,
        opens_at=_aware(OPENS, 8),
        closes_at=_aware(CLOSES, 18),
        consent_text=CONSENT,
        results_published=True,
        quota_total=spec["quota_total"],
        created_by=staff,
    )
    questionnaires.record_consent_version(questionnaire)
    Quota.objects.bulk_create(
        Quota(questionnaire=questionnaire, settlement=settlements[slug], target=target)
        for slug, target in _shares(spec["quota_total"], SETTLEMENT_WEIGHTS).items()
    )
    questions = {}
    for position, (title, description, specs) in enumerate(spec["sections"]):
        section = Section.objects.create(
            questionnaire=questionnaire, title=title, description=description, position=position
        )
        for number, question_spec in enumerate(specs):
            questions[question_spec["code"]] = _create_question(section, number, question_spec)
    for code, question_spec in _with_conditions(spec):
        parent_code, choice_codes = question_spec["condition"]
        question = questions[code]
        question.condition_question = questions[parent_code]
        question.save(update_fields=["condition_question"])
        question.condition_choices.set(
            [c for c in question.condition_question.demo_choices if c.code in choice_codes]
        )
    return questionnaire, questions


def _with_conditions(spec):
    for _title, _description, specs in spec["sections"]:
        for question_spec in specs:
            if question_spec.get("condition"):
                yield question_spec["code"], question_spec


def _create_question(section, position, spec):
    fields = {
        name: spec[name]
        for name in ("help_text", "allow_other", "required", "widget", "min_value", "max_value")
        if name in spec
    }
    question = Question.objects.create(
        section=section,
        code=spec["code"],
        kind=spec["kind"],
        text=spec["text"],
        position=position,
        **fields,
    )
    question.demo_choices = Choice.objects.bulk_create(
        Choice(
            question=question,
            code=code,
            label=label,
            value=Decimal(value[0]) if value else None,
            position=number,
        )
        for number, (code, label, *value) in enumerate(spec["choices"])
    )
    question.demo_rows = MatrixRow.objects.bulk_create(
        MatrixRow(question=question, code=code, label=label, position=number)
        for number, (code, label) in enumerate(spec["rows"])
    )
    question.demo_spec = spec
    return question


def _shares(total, weights):
    """``total`` split over the keys of ``weights`` in proportion (largest remainders)."""
    whole = sum(weights.values())
    exact = {key: total * weight / whole for key, weight in weights.items()}
    shares = {key: int(value) for key, value in exact.items()}
    by_remainder = sorted(exact, key=lambda key: exact[key] - shares[key], reverse=True)
    for key in by_remainder[: total - sum(shares.values())]:
        shares[key] += 1
    return shares


def _create_responses(spec, questionnaire, questions, settlements, staff, rng):
    count = spec["responses"]
    # Each settlement's share of the sample follows its size, in random order over the period.
    places = [
        slug for slug, share in _shares(count, SETTLEMENT_WEIGHTS).items() for _ in range(share)
    ]
    rng.shuffle(places)
    channels = rng.choices(list(spec["channels"]), weights=list(spec["channels"].values()), k=count)
    days = (CLOSES - OPENS).days
    moments = sorted(
        _aware(
            OPENS + timedelta(days=rng.randrange(days + 1)), rng.randrange(8, 19), rng.randrange(60)
        )
        for _ in range(count)
    )
    responses = []
    paper_forms = 0
    agreed_to = selectors.current_consent(questionnaire)
    # Forms and interview notes are typed in up to two weeks after they were filled in. A
    # generator of their own leaves the answers drawn from ``rng`` as they were.
    delays = random.Random(spec["slug"])
    for place, channel, moment in zip(places, channels, moments, strict=True):
        form_number = ""
        filled_on = None
        if channel == Channel.PAPER:
            paper_forms += 1
            form_number = f"{spec['form_prefix']}-{paper_forms:03d}"
        if channel != Channel.ONLINE:
            typed_on = timezone.localdate(moment)
            filled_on = max(OPENS, typed_on - timedelta(days=delays.randint(1, 14)))
        responses.append(
            Response(
                questionnaire=questionnaire,
                settlement=settlements[place],
                channel=channel,
                form_number=form_number,
                entered_by=None if channel == Channel.ONLINE else staff,
                consented=True,
                consent_version=agreed_to,
                submitted_at=moment,
                filled_on=filled_on,
            )
        )
    Response.objects.bulk_create(responses)
    answers = []
    for response in responses:
        chosen = {}
        for question in questions.values():
            answers += _answer(spec, response, question, chosen, rng)
    Answer.objects.bulk_create(answers, batch_size=1000)


def _answer(spec, response, question, chosen, rng):
    """The demo answer rows of ``response`` to ``question``; ``chosen`` collects the options
    picked so far, for the conditions of later questions."""
    weights = question.demo_spec["weights"]
    choices = question.demo_choices
    condition = question.demo_spec.get("condition")
    if condition and not chosen.get(condition[0], set()) & set(condition[1]):
        return []
    row = {"response": response, "question": question}
    kind = kind_of(question)
    if kind.column == "settlement_id":
        return [Answer(**row, settlement=response.settlement)]
    if kind.rows:
        return [
            Answer(**row, row=matrix_row, choice=choice, number=choice.value)
            for matrix_row, row_weights in zip(question.demo_rows, weights, strict=True)
            for choice in rng.choices(choices, weights=row_weights)
        ]
    if kind.many:
        picked = [choice for choice, p in zip(choices, weights, strict=False) if rng.random() < p]
        other = question.allow_other and rng.random() < weights[-1]
        if not picked and not other:
            picked = [rng.choices(choices, weights=weights[: len(choices)])[0]]
        chosen[question.code] = {choice.code for choice in picked}
        rows = [Answer(**row, choice=choice) for choice in picked]
        if other:
            rows.append(Answer(**row, other_text=_other(spec, question, rng)))
        return rows
    if kind.options:
        options = choices + ([None] if question.allow_other else [])
        choice = rng.choices(options, weights=weights)[0]
        if choice is None:
            return [Answer(**row, other_text=_other(spec, question, rng))]
        chosen[question.code] = {choice.code}
        number = choice.value if kind.points else None
        return [Answer(**row, choice=choice, number=number)]
    if kind.column == "number":
        low, high, mode = weights
        return [Answer(**row, number=Decimal(round(rng.triangular(low, high, mode))))]
    if kind.text:
        if rng.random() >= weights:
            return []
        return [Answer(**row, text=rng.choice(OPEN_ANSWERS[spec["slug"]]))]
    raise ValueError(f"The demo has no answers for {question.kind}")


def _other(spec, question, rng):
    return rng.choice(OTHER_ANSWERS[(spec["slug"], question.code)])


def _create_report(spec, questionnaires, settlements, staff):
    chosen = [questionnaires[slug] for slug in spec["questionnaires"]]
    report = reports.create_report(
        user=staff,
        questionnaires=[questionnaire for questionnaire, _questions in chosen],
        title=spec["title"],
        slug=spec["slug"],
        introduction=spec["introduction"],
        methodology_note=spec["methodology_note"],
        conclusions=spec["conclusions"],
    )
    questions = chosen[0][1]
    summaries = spec.get("answers_summaries", {})
    for code, commentary in spec["items"]:
        reports.add_item(
            report,
            question=questions[code],
            commentary=commentary,
            answers_summary=summaries.get(code, ""),
            user=staff,
        )
    published = timezone.make_aware(spec["published"])
    for title, text, rationale, slugs in spec["recommendations"]:
        recommendation = register_services.create_recommendation(
            source=report,
            user=staff,
            title=title,
            text=text,
            rationale=rationale,
            settlements=[settlements[slug] for slug in slugs],
            date=published.date(),
        )
        register_services.approve(
            recommendation, user=staff, date=published.date() + timedelta(days=7)
        )
    reports.publish(report, user=staff, at=published)
