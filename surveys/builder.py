"""How staff build a questionnaire: every change is one transaction, and once people have answered,
a change that would corrupt their answers is refused with a ``BuilderError`` saying why.

Allowed at any time: fixing the wording of texts, labels and help, adding options and optional
questions, reordering, and changing dates, status and quotas. Refused once answers exist: deleting
answered questions, options or rows, changing a question's type or an option's code or value,
changing the condition an answered question was asked under, and narrowing bounds that answers
already exceed.
"""

import re
from decimal import Decimal

from django.db import transaction
from django.db.models import Count, Exists, Max, Min, OuterRef, Prefetch
from django.utils import timezone
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from ivanovo_portal import slugs

from . import consent, disclosure
from .models import (
    Answer,
    Choice,
    MatrixRow,
    Question,
    Questionnaire,
    Quota,
    ReportItem,
    Response,
    Section,
)

Kind = Question.Kind
Status = Questionnaire.Status

# Kinds an answer can be tested against in a condition: one answer, or a set of ticked options.
CONDITION_KINDS = {Kind.SINGLE, Kind.MULTIPLE, Kind.SCALE, Kind.YES_NO}
# Kinds whose options staff type in (yes/no gets its two options from the service).
OPTION_KINDS = {Kind.SINGLE, Kind.MULTIPLE, Kind.SCALE, Kind.MATRIX}
# Kinds whose options are points with a number each (for mean and median).
POINT_KINDS = {Kind.SCALE, Kind.MATRIX}
YES_NO_OPTIONS = [("yes", "Да", Decimal(1)), ("no", "Не", Decimal(0))]
# The most responses a quota may aim for: far beyond any municipality's, far below the database's
# integers (2,147,483,647).
MAX_RESPONSES = 100_000
# Words a questionnaire's slug must not be: the fixed first words of addresses under /surveys/
# and /surveys/manage/, which come before the questionnaires' own (see surveys.urls).
RESERVED_SLUGS = {
    "builder", "export", "exports", "manage", "new", "progress", "questionnaires", "reports",
    "results", "staff",
}  # fmt: skip


class BuilderError(Exception):
    """A change the builder refuses; ``field`` names the form field at fault, if one is."""

    def __init__(self, message, field=None):
        super().__init__(message)
        self.message = message
        self.field = field


# Reads


def questionnaires_for_staff():
    """Every questionnaire with its number of responses, for the staff's list (one query)."""
    return Questionnaire.objects.annotate(responses_count=Count("responses"))


def structure_of(questionnaire):
    """The questionnaire's sections with their questions, options, rows and conditions, in order;
    each question knows whether it has been answered (``answered``)."""
    questions = (
        Question.objects.annotate(answered=Exists(Answer.objects.filter(question=OuterRef("pk"))))
        .select_related("condition_question")
        .prefetch_related("choices", "rows", "condition_choices")
    )
    return list(
        questionnaire.sections.prefetch_related(
            Prefetch("questions", queryset=questions.order_by("position", "pk"))
        )
    )


def has_responses(questionnaire):
    """Whether anyone has answered the questionnaire yet (online, on paper or in an interview)."""
    return Response.objects.filter(questionnaire=questionnaire).exists()


# Addresses


def unique_slug(text, *, exclude=None):
    """An address made from ``text`` that no other questionnaire uses: “Гражданите и общината”
    gives “grazhdanite-i-obshtinata”, then “grazhdanite-i-obshtinata-2”."""
    others = Questionnaire.objects.exclude(pk=exclude.pk) if exclude else Questionnaire.objects
    return slugs.unique_slug(text, others, reserved=RESERVED_SLUGS, fallback="questionnaire")


# Questionnaires


@transaction.atomic
def create_questionnaire(*, user, title, slug="", **fields):
    """Start a questionnaire as a draft; its address comes from the title unless given. Its
    consent text, if any, is the text's first version."""
    questionnaire = Questionnaire.objects.create(
        title=title, slug=slug or unique_slug(title), created_by=user, **fields
    )
    consent.record_version(questionnaire)
    return questionnaire


@transaction.atomic
def update_questionnaire(questionnaire, *, slug="", **fields):
    """Change a questionnaire's texts, target group, dates and settings; a changed consent text
    is a new version of it. A draft's address is made afresh from a changed title."""
    questionnaire = _locked(questionnaire)
    answered = has_responses(questionnaire)
    title = fields.get("title", questionnaire.title)
    retitled_draft = questionnaire.status == Status.DRAFT and title != questionnaire.title
    if not slug and retitled_draft and not answered:
        # A draft's address follows its title: nobody has been given it yet.
        slug = unique_slug(title, exclude=questionnaire)
    slug = slug or questionnaire.slug
    if answered:
        if fields.get("target_group", questionnaire.target_group) != questionnaire.target_group:
            raise BuilderError(
                _(
                    "People have already answered as this target group: the target group can no "
                    "longer be changed. Copy the questionnaire to ask another group."
                ),
                field="target_group",
            )
        if slug != questionnaire.slug:
            raise BuilderError(
                _(
                    "People have already answered at this address and it may be printed on "
                    "invitations: it can no longer be changed."
                ),
                field="slug",
            )
    check_dates(fields.get("opens_at"), fields.get("closes_at"))
    questionnaire.slug = slug
    for name, value in fields.items():
        setattr(questionnaire, name, value)
    questionnaire.save()
    consent.record_version(questionnaire)
    return questionnaire


def check_dates(opens_at, closes_at):
    """Refuse a closing time that is not after the opening time."""
    if opens_at and closes_at and closes_at <= opens_at:
        raise BuilderError(_("The questionnaire must close after it opens."), field="closes_at")


@transaction.atomic
def open_questionnaire(questionnaire, *, opens_at=None, closes_at=None):
    """Take answers from ``opens_at`` (now if empty) until ``closes_at`` (until closed)."""
    questionnaire = _locked(questionnaire)
    questions = Question.objects.filter(section__questionnaire=questionnaire)
    if not questions.exists():
        raise BuilderError(_("Add at least one question before opening the questionnaire."))
    # A response's settlement is its answer to a settlement question: without one, quotas by
    # settlement could never be counted.
    settlement_asked = questions.filter(kind=Question.Kind.SETTLEMENT).exists()
    if questionnaire.quotas.exists() and not settlement_asked:
        raise BuilderError(
            _(
                "The quotas are set by settlement: add a question of the type “%(kind)s” "
                "before opening the questionnaire."
            )
            % {"kind": Question.Kind.SETTLEMENT.label}
        )
    check_dates(opens_at, closes_at)
    if closes_at and closes_at <= timezone.now():
        raise BuilderError(_("The closing time has already passed."), field="closes_at")
    questionnaire.status = Status.OPEN
    questionnaire.opens_at = opens_at
    questionnaire.closes_at = closes_at
    questionnaire.save(update_fields=["status", "opens_at", "closes_at", "updated_at"])
    return questionnaire


@transaction.atomic
def close_questionnaire(questionnaire):
    """Stop taking answers; the answers given stay."""
    questionnaire = _locked(questionnaire)
    if questionnaire.status != Status.OPEN:
        raise BuilderError(_("Only an open questionnaire can be closed."))
    questionnaire.status = Status.CLOSED
    questionnaire.save(update_fields=["status", "updated_at"])
    return questionnaire


@transaction.atomic
def publish_results(questionnaire, *, published=True):
    """Show the results to the public, or (``published=False``) hide them again. The public
    sees the figures frozen the first time they or a report of them were published."""
    questionnaire = _locked(questionnaire)
    if published and questionnaire.status == Status.DRAFT:
        raise BuilderError(_("A draft has no results to publish: open the questionnaire first."))
    if published:
        questionnaire.public_figures = disclosure.freeze(questionnaire)
    questionnaire.results_published = published
    questionnaire.save(update_fields=["results_published", "updated_at"])
    return questionnaire


@transaction.atomic
def refresh_public_figures(questionnaire):
    """Show the public the counts as they stand now (paper forms came in late, say); refused
    while they differ from those published by 1 to 4 responses, which comparing the two would
    reveal. Published reports keep the figures they were published with."""
    questionnaire = _locked(questionnaire)
    if questionnaire.public_figures is not None:
        changed = disclosure.changed_since(questionnaire, questionnaire.public_figures)
        if 0 < changed < disclosure.MINIMUM:
            raise BuilderError(
                ngettext(
                    "Only %(count)d response has changed since the figures were published: "
                    "update them once at least %(minimum)d have, so that no one's answers can "
                    "be recognised by comparing the two.",
                    "Only %(count)d responses have changed since the figures were published: "
                    "update them once at least %(minimum)d have, so that no one's answers can "
                    "be recognised by comparing the two.",
                    changed,
                )
                % {"count": changed, "minimum": disclosure.MINIMUM}
            )
    questionnaire.public_figures = disclosure.take_figures(questionnaire)
    questionnaire.save(update_fields=["public_figures", "updated_at"])
    return questionnaire


@transaction.atomic
def save_quotas(questionnaire, *, quota_total, targets, caps=()):
    """Set the total target and the target per settlement (``targets``: settlement → number;
    a settlement with 0 has no quota); online answers stop at the target of the settlements in
    ``caps``."""
    questionnaire = _locked(questionnaire)
    planned = sum(targets.values())
    if planned > quota_total:
        raise BuilderError(
            _(
                "The settlements' targets add up to %(planned)s, more than the total of "
                "%(total)s. Raise the total or lower the settlements' targets."
            )
            % {"planned": planned, "total": quota_total},
            field="quota_total",
        )
    questionnaire.quota_total = quota_total
    questionnaire.save(update_fields=["quota_total", "updated_at"])
    for settlement, target in targets.items():
        if target:
            Quota.objects.update_or_create(
                questionnaire=questionnaire,
                settlement=settlement,
                defaults={"target": target, "cap": settlement in caps},
            )
        else:
            Quota.objects.filter(questionnaire=questionnaire, settlement=settlement).delete()
    return questionnaire


@transaction.atomic
def copy_questionnaire(questionnaire, *, user):
    """A new draft with the same sections, questions, options, rows, conditions and quotas,
    independent of the original; answers and invitations are not copied."""
    original = questionnaire
    copy = Questionnaire.objects.create(
        title=gettext("%(title)s (copy)") % {"title": original.title},
        slug=unique_slug(f"{original.slug}-copy"),
        description=original.description,
        target_group=original.target_group,
        consent_text=original.consent_text,
        invitation_only=original.invitation_only,
        quota_total=original.quota_total,
        copied_from=original,
        created_by=user,
    )
    consent.record_version(copy)
    Quota.objects.bulk_create(
        Quota(
            questionnaire=copy,
            settlement_id=quota.settlement_id,
            target=quota.target,
            cap=quota.cap,
        )
        for quota in original.quotas.all()
    )
    questions, choices = {}, {}
    for section in structure_of(original):
        section_copy = Section.objects.create(
            questionnaire=copy,
            title=section.title,
            description=section.description,
            position=section.position,
        )
        for question in section.questions.all():
            question_copy = _clone(question, section=section_copy, condition_question=None)
            questions[question.pk] = question_copy
            for choice in question.choices.all():
                choices[choice.pk] = _clone(choice, question=question_copy)
            for row in question.rows.all():
                _clone(row, question=question_copy)
    for section in structure_of(original):
        for question in section.questions.all():
            if question.condition_question_id:
                question_copy = questions[question.pk]
                question_copy.condition_question = questions[question.condition_question_id]
                question_copy.save(update_fields=["condition_question"])
                question_copy.condition_choices.set(
                    choices[choice.pk] for choice in question.condition_choices.all()
                )
    return copy


def _clone(instance, **changes):
    fields = {
        field.attname: getattr(instance, field.attname)
        for field in instance._meta.concrete_fields
        if not field.primary_key
    }
    for name, value in changes.items():
        fields.pop(f"{name}_id", None)
        fields[name] = value
    return type(instance).objects.create(**fields)


def _locked(questionnaire):
    return Questionnaire.objects.select_for_update().get(pk=questionnaire.pk)


# Sections


@transaction.atomic
def add_section(questionnaire, *, title, description=""):
    """Add a section (a page) at the end of the questionnaire."""
    questionnaire = _locked(questionnaire)
    last = questionnaire.sections.aggregate(last=Max("position"))["last"]
    return Section.objects.create(
        questionnaire=questionnaire,
        title=title,
        description=description,
        position=0 if last is None else last + 1,
    )


@transaction.atomic
def update_section(section, *, title, description=""):
    """Change a section's title and description."""
    section.title = title
    section.description = description
    section.save(update_fields=["title", "description"])
    return section


@transaction.atomic
def delete_section(section):
    """Remove a section with its questions, unless one of them cannot be deleted."""
    _locked(section.questionnaire)
    for question in section.questions.all():
        _check_deletable(question, outside=section)
    Question.objects.filter(section=section).update(condition_question=None)
    Question.objects.filter(section=section).delete()
    section.delete()


@transaction.atomic
def move_section(section, direction):
    """Move a section one place ``"up"`` or ``"down"``."""
    questionnaire = _locked(section.questionnaire)
    _swap(list(questionnaire.sections.all()), section, direction)
    _check_order(questionnaire)


def _swap(items, item, direction):
    """Swap ``item`` with its neighbour and number the list 0, 1, 2… again."""
    index = next(i for i, other in enumerate(items) if other.pk == item.pk)
    other = index - 1 if direction == "up" else index + 1
    if 0 <= other < len(items):
        items[index], items[other] = items[other], items[index]
    for position, each in enumerate(items):
        if each.position != position:
            each.position = position
            each.save(update_fields=["position"])


# Questions


def order_key(question, *, section=None):
    """Where a question stands in the questionnaire; a question not yet saved comes last in its
    section."""
    section = section or question.section
    return (
        section.position,
        section.pk,
        question.position if question.pk else float("inf"),
        question.pk or float("inf"),
    )


def check_condition(question, condition_question, condition_choices, *, section=None):
    """Refuse a condition unless it points to an earlier single choice, multiple choice, scale
    or yes/no question of the same questionnaire and names some of its options."""
    condition_choices = list(condition_choices or ())
    if condition_question is None:
        if condition_choices:
            raise BuilderError(
                _("Choose the question whose answer the options belong to."),
                field="condition_question",
            )
        return
    section = section or question.section
    if condition_question.section.questionnaire_id != section.questionnaire_id:
        raise BuilderError(
            _("The condition must refer to a question of this questionnaire."),
            field="condition_question",
        )
    if condition_question.kind not in CONDITION_KINDS:
        raise BuilderError(
            _(
                "A condition can only depend on a single choice, multiple choice, rating scale "
                "or yes/no question."
            ),
            field="condition_question",
        )
    if order_key(condition_question) >= order_key(question, section=section):
        raise BuilderError(
            _("A condition can only depend on a question asked earlier."),
            field="condition_question",
        )
    if not condition_choices:
        raise BuilderError(
            _("Choose the answers that show this question."), field="condition_choices"
        )
    if any(choice.question_id != condition_question.pk for choice in condition_choices):
        raise BuilderError(
            _("Choose only answers of %(code)s.") % {"code": condition_question.code},
            field="condition_choices",
        )


def check_code(section, code, *, exclude=None):
    """Refuse a question code another question of the questionnaire has."""
    others = Question.objects.filter(section__questionnaire_id=section.questionnaire_id, code=code)
    if exclude is not None:
        others = others.exclude(pk=exclude.pk)
    if others.exists():
        raise BuilderError(
            _("Another question of this questionnaire already has the code %(code)s.")
            % {"code": code},
            field="code",
        )


def next_code(questionnaire):
    """The code after the highest “Q<number>” of the questionnaire: Q1, Q2… (Q6 after Q5)."""
    codes = Question.objects.filter(section__questionnaire=questionnaire).values_list(
        "code", flat=True
    )
    numbers = [int(code[1:]) for code in codes if re.fullmatch(r"Q\d{1,6}", code)]
    return f"Q{max(numbers, default=0) + 1}"


def check_bounds(min_value, max_value):
    """Refuse a smallest number above the largest."""
    if min_value is not None and max_value is not None and min_value > max_value:
        raise BuilderError(
            _("The smallest number cannot be larger than the largest."), field="max_value"
        )


@transaction.atomic
def add_question(
    section,
    *,
    kind,
    text,
    code="",
    options=(),
    rows=(),
    condition_question=None,
    condition_choices=(),
    **fields,
):
    """Add a question at the end of ``section`` with its options (``(code, label, value)``) and
    matrix rows (``(code, label)``); yes/no gets its two options here."""
    questionnaire = _locked(section.questionnaire)
    code = code or next_code(questionnaire)
    check_code(section, code)
    check_bounds(fields.get("min_value"), fields.get("max_value"))
    if fields.get("required", True) and has_responses(questionnaire):
        raise BuilderError(
            _(
                "People have already answered this questionnaire, so a new question can only be "
                "optional: untick “required”."
            ),
            field="required",
        )
    last = section.questions.aggregate(last=Max("position"))["last"]
    question = Question(
        section=section,
        kind=kind,
        text=text,
        code=code,
        position=0 if last is None else last + 1,
        **fields,
    )
    check_condition(question, condition_question, condition_choices, section=section)
    _check_options(kind, options, rows)
    question.condition_question = condition_question
    question.save()
    question.condition_choices.set(condition_choices)
    _save_options(question, YES_NO_OPTIONS if kind == Kind.YES_NO else options, rows)
    return question


def _check_options(kind, options, rows):
    if kind in OPTION_KINDS and not options:
        raise BuilderError(_("Give the options, one per line."), field="options")
    if kind == Kind.MATRIX and not rows:
        raise BuilderError(_("Give the rows of the matrix, one per line."), field="rows")
    if kind in POINT_KINDS and any(value is None for _code, _label, value in options):
        raise BuilderError(_("Give every point of the scale a number."), field="options")
    for name, items in (("options", options), ("rows", rows)):
        codes = [item[0] for item in items]
        if len(codes) != len(set(codes)):
            raise BuilderError(_("Each line needs a code of its own."), field=name)


@transaction.atomic
def update_question(
    question,
    *,
    section,
    kind,
    text,
    code="",
    options=(),
    rows=(),
    condition_question=None,
    condition_choices=(),
    **fields,
):
    """Change a question, its options and rows; refuse what would corrupt the answers given."""
    _locked(question.section.questionnaire)
    question = Question.objects.select_related("section").get(pk=question.pk)
    answered = question.answers.exists()
    code = code or question.code
    check_code(section, code, exclude=question)
    check_bounds(fields.get("min_value"), fields.get("max_value"))
    if kind != question.kind:
        _check_kind_change(question, kind, answered)
    if answered:
        _check_answered_question(question, fields, condition_question, condition_choices)
    if section.pk != question.section_id:
        last = section.questions.aggregate(last=Max("position"))["last"]
        question.section = section
        question.position = 0 if last is None else last + 1
    check_condition(question, condition_question, condition_choices, section=section)
    if kind == Kind.YES_NO:
        options = YES_NO_OPTIONS
        if question.kind == Kind.YES_NO:
            options = [(c.code, c.label, c.value) for c in question.choices.all()]
    if kind not in OPTION_KINDS | {Kind.YES_NO}:
        options = ()
    if kind != Kind.MATRIX:
        rows = ()
    _check_options(kind, options, rows)
    question.kind, question.text, question.code = kind, text, code
    question.condition_question = condition_question
    for name, value in fields.items():
        setattr(question, name, value)
    question.save()
    question.condition_choices.set(condition_choices)
    _save_options(question, options, rows)
    _check_order(section.questionnaire)
    return question


def _check_kind_change(question, kind, answered):
    if answered:
        raise BuilderError(
            _(
                "People have already answered this question: its type can no longer be changed. "
                "Add a new question instead."
            ),
            field="kind",
        )
    if kind not in CONDITION_KINDS and question.dependent_questions.exists():
        raise BuilderError(
            _(
                "Other questions are shown depending on the answer to this one: remove their "
                "conditions before changing its type."
            ),
            field="kind",
        )


def _check_answered_question(question, fields, condition_question, condition_choices):
    if (
        question.allow_other
        and not fields.get("allow_other", True)
        and question.answers.filter(choice=None).exclude(other_text="").exists()
    ):
        raise BuilderError(
            _("Some people have written an “other” answer: the option must stay."),
            field="allow_other",
        )
    if condition_question != question.condition_question or {
        choice.pk for choice in condition_choices
    } != set(question.condition_choices.values_list("pk", flat=True)):
        raise BuilderError(
            _(
                "People have already answered this question under its present condition: the "
                "condition can no longer be changed."
            ),
            field="condition_question",
        )
    if question.kind != Kind.NUMBER:
        return
    given = question.answers.aggregate(low=Min("number"), high=Max("number"))
    if given["low"] is None:
        return
    low, high = fields.get("min_value"), fields.get("max_value")
    too_high = low is not None and given["low"] < low
    if too_high or (high is not None and given["high"] > high):
        raise BuilderError(
            _(
                "Answers from %(low)s to %(high)s have already been given: the bounds must "
                "include them."
            )
            % {"low": plain_number(given["low"]), "high": plain_number(given["high"])},
            field="min_value" if too_high else "max_value",
        )


def plain_number(number):
    """10.00 → “10”, 2.50 → “2.5”."""
    return f"{Decimal(number).normalize():f}"


def _save_options(question, options, rows):
    """Make the question's options and rows those given, matched by code: a known code keeps its
    row (and its answers), a new one is added, a missing one is deleted if nothing uses it."""
    _sync(
        question,
        Choice,
        [
            {"code": code, "label": label, "value": value, "position": position}
            for position, (code, label, value) in enumerate(options)
        ],
        field="options",
    )
    _sync(
        question,
        MatrixRow,
        [
            {"code": code, "label": label, "position": position}
            for position, (code, label) in enumerate(rows)
        ],
        field="rows",
    )


def _sync(question, model, wanted, *, field):
    existing = {item.code: item for item in model.objects.filter(question=question)}
    answered = set(
        Answer.objects.filter(question=question)
        .values_list("choice__code" if model is Choice else "row__code", flat=True)
        .distinct()
    )
    gone = [item for code, item in existing.items() if code not in {w["code"] for w in wanted}]
    for item in gone:
        if item.code in answered:
            raise BuilderError(
                _(
                    "“%(label)s” (code %(code)s) has already been chosen in answers: it cannot be "
                    "removed and its code cannot change."
                )
                % {"label": item.label, "code": item.code},
                field=field,
            )
        if model is Choice:
            _check_not_a_condition(item, field)
    for values in wanted:
        item = existing.get(values["code"])
        if item is None:
            model.objects.create(question=question, **values)
            continue
        if model is Choice and item.code in answered and _differs(item.value, values["value"]):
            raise BuilderError(
                _(
                    "“%(label)s” (code %(code)s) has already been chosen in answers: its number "
                    "cannot change."
                )
                % {"label": item.label, "code": item.code},
                field=field,
            )
        changed = [name for name, value in values.items() if getattr(item, name) != value]
        if changed:
            for name in changed:
                setattr(item, name, values[name])
            item.save(update_fields=changed)
    model.objects.filter(pk__in=[item.pk for item in gone]).delete()


def _differs(old, new):
    if old is None or new is None:
        return old is not new
    return Decimal(old) != Decimal(new)


def _check_not_a_condition(choice, field):
    dependent = Question.objects.filter(condition_choices=choice).first()
    if dependent is not None:
        raise BuilderError(
            _("Question %(code)s is shown depending on “%(label)s”: change its condition first.")
            % {"code": dependent.code, "label": choice.label},
            field=field,
        )


def _check_deletable(question, *, outside=None):
    if question.answers.exists():
        raise BuilderError(
            _(
                "People have already answered %(code)s: it cannot be deleted. Make it optional "
                "or change its wording instead."
            )
            % {"code": question.code}
        )
    dependents = question.dependent_questions.all()
    if outside is not None:
        dependents = dependents.exclude(section=outside)
    dependent = dependents.first()
    if dependent is not None:
        raise BuilderError(
            _("Question %(code)s is shown depending on %(source)s: change its condition first.")
            % {"code": dependent.code, "source": question.code}
        )
    if ReportItem.objects.filter(question=question).exists():
        raise BuilderError(
            _("%(code)s is part of an analysis report: remove it from the report first.")
            % {"code": question.code}
        )


@transaction.atomic
def delete_question(question):
    """Remove a question nobody has answered and nothing depends on."""
    _locked(question.section.questionnaire)
    _check_deletable(question)
    question.delete()


@transaction.atomic
def move_question(question, direction):
    """Move a question one place ``"up"`` or ``"down"``; past the edge of its section it goes to
    the end of the previous section or the start of the next."""
    questionnaire = _locked(question.section.questionnaire)
    question = Question.objects.select_related("section").get(pk=question.pk)
    siblings = list(question.section.questions.order_by("position", "pk"))
    index = next(i for i, other in enumerate(siblings) if other.pk == question.pk)
    at_edge = index == 0 if direction == "up" else index == len(siblings) - 1
    sections = list(questionnaire.sections.all())
    here = next(i for i, section in enumerate(sections) if section.pk == question.section_id)
    there = here - 1 if direction == "up" else here + 1
    if at_edge and 0 <= there < len(sections):
        neighbours = list(sections[there].questions.order_by("position", "pk"))
        question.section = sections[there]
        if direction == "up":
            neighbours.append(question)
        else:
            neighbours.insert(0, question)
        for position, each in enumerate(neighbours):
            each.position = position
            each.save(update_fields=["section", "position"] if each is question else ["position"])
    else:
        _swap(siblings, question, direction)
    _check_order(questionnaire)


def _check_order(questionnaire):
    """Refuse an order in which a question's condition depends on a later question."""
    questions = {
        question.pk: question
        for question in Question.objects.filter(section__questionnaire=questionnaire)
        .select_related("section")
        .order_by()
    }
    for question in questions.values():
        source = questions.get(question.condition_question_id)
        if source is not None and order_key(source) >= order_key(question):
            raise BuilderError(
                _(
                    "%(code)s is shown depending on the answer to %(source)s, so it must come "
                    "after it."
                )
                % {"code": question.code, "source": source.code}
            )
