"""Questionnaires as staff run them: creating, editing, copying, opening, closing, quotas and the
figures the public sees. Each operation is one transaction; a change that would corrupt answers
already given is refused (``Refused``) saying why."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from ivanovo_portal import slugs
from ivanovo_portal.audit.services import changed, log_action, tracked
from ivanovo_portal.refusals import Refused

from .. import selectors
from ..models import ConsentText, Question, Questionnaire, Quota, Section
from ..results import disclosure

Status = Questionnaire.Status
# What the history shows changing when a questionnaire opens, closes or shows its results.
RECORDED_FIELDS = ("status", "opens_at", "closes_at", "results_published")

# The most responses a quota may aim for: far beyond any municipality's, far below the database's
# integers (2,147,483,647).
MAX_RESPONSES = 100_000
# Words a questionnaire's slug must not be: the fixed first words of addresses under /surveys/
# and /surveys/manage/, which come before the questionnaires' own (see surveys.urls).
RESERVED_SLUGS = {
    "builder", "export", "exports", "manage", "new", "progress", "questionnaires", "reports",
    "results", "staff",
}  # fmt: skip


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
    record_consent_version(questionnaire)
    return questionnaire


@transaction.atomic
def update_questionnaire(questionnaire, *, slug="", **fields):
    """Change a questionnaire's texts, target group, dates and settings; a changed consent text
    is a new version of it. A draft's address is made afresh from a changed title."""
    questionnaire = locked(questionnaire)
    answered = selectors.has_responses(questionnaire)
    title = fields.get("title", questionnaire.title)
    retitled_draft = questionnaire.status == Status.DRAFT and title != questionnaire.title
    if not slug and retitled_draft and not answered:
        # A draft's address follows its title: nobody has been given it yet.
        slug = unique_slug(title, exclude=questionnaire)
    slug = slug or questionnaire.slug
    if answered:
        if fields.get("target_group", questionnaire.target_group) != questionnaire.target_group:
            raise Refused(
                _(
                    "People have already answered as this target group: the target group can no "
                    "longer be changed. Copy the questionnaire to ask another group."
                ),
                field="target_group",
            )
        if slug != questionnaire.slug:
            raise Refused(
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
    record_consent_version(questionnaire)
    return questionnaire


def check_dates(opens_at, closes_at):
    """Refuse a closing time that is not after the opening time."""
    if opens_at and closes_at and closes_at <= opens_at:
        raise Refused(_("The questionnaire must close after it opens."), field="closes_at")


@transaction.atomic
def open_questionnaire(questionnaire, *, opens_at=None, closes_at=None, user=None):
    """Take answers from ``opens_at`` (now if empty) until ``closes_at`` (until closed);
    ``user`` None is the system, as everywhere below."""
    questionnaire = locked(questionnaire)
    questions = Question.objects.filter(section__questionnaire=questionnaire)
    if not questions.exists():
        raise Refused(_("Add at least one question before opening the questionnaire."))
    # A response's settlement is its answer to a settlement question: without one, quotas by
    # settlement could never be counted.
    settlement_asked = questions.filter(kind=Question.Kind.SETTLEMENT).exists()
    if questionnaire.quotas.exists() and not settlement_asked:
        raise Refused(
            _(
                "The quotas are set by settlement: add a question of the type “%(kind)s” "
                "before opening the questionnaire."
            )
            % {"kind": Question.Kind.SETTLEMENT.label}
        )
    check_dates(opens_at, closes_at)
    if closes_at and closes_at <= timezone.now():
        raise Refused(_("The closing time has already passed."), field="closes_at")
    before = tracked(questionnaire, RECORDED_FIELDS)
    questionnaire.status = Status.OPEN
    questionnaire.opens_at = opens_at
    questionnaire.closes_at = closes_at
    questionnaire.save(update_fields=["status", "opens_at", "closes_at", "updated_at"])
    log_action(
        questionnaire,
        "questionnaire.opened",
        user=user,
        changes=changed(before, questionnaire),
    )
    return questionnaire


@transaction.atomic
def close_questionnaire(questionnaire, *, user=None):
    """Stop taking answers; the answers given stay."""
    questionnaire = locked(questionnaire)
    if questionnaire.status != Status.OPEN:
        raise Refused(_("Only an open questionnaire can be closed."))
    before = tracked(questionnaire, RECORDED_FIELDS)
    questionnaire.status = Status.CLOSED
    questionnaire.save(update_fields=["status", "updated_at"])
    log_action(
        questionnaire,
        "questionnaire.closed",
        user=user,
        changes=changed(before, questionnaire),
    )
    return questionnaire


@transaction.atomic
def publish_results(questionnaire, *, published=True, user=None):
    """Show the results to the public, or (``published=False``) hide them again. The public
    sees the figures frozen the first time they or a report of them were published."""
    questionnaire = locked(questionnaire)
    if published and questionnaire.status == Status.DRAFT:
        raise Refused(_("A draft has no results to publish: open the questionnaire first."))
    if published:
        questionnaire.public_figures = disclosure.freeze(questionnaire)
    before = tracked(questionnaire, RECORDED_FIELDS)
    questionnaire.results_published = published
    questionnaire.save(update_fields=["results_published", "updated_at"])
    log_action(
        questionnaire,
        "questionnaire.results_published" if published else "questionnaire.results_hidden",
        user=user,
        changes=changed(before, questionnaire),
    )
    return questionnaire


@transaction.atomic
def refresh_public_figures(questionnaire, *, user=None):
    """Show the public the counts as they stand now (paper forms came in late, say); refused
    while they differ from those published by 1 to 4 responses, which comparing the two would
    reveal. Published reports keep the figures they were published with."""
    questionnaire = locked(questionnaire)
    if questionnaire.public_figures is not None:
        changed = disclosure.changed_since(questionnaire, questionnaire.public_figures)
        if 0 < changed < disclosure.MINIMUM:
            raise Refused(
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
    questionnaire.public_figures = disclosure.take_public_figures(questionnaire)
    questionnaire.save(update_fields=["public_figures", "updated_at"])
    log_action(questionnaire, "questionnaire.figures_refreshed", user=user)
    return questionnaire


@transaction.atomic
def save_quotas(questionnaire, *, quota_total, targets, caps=()):
    """Set the total target and the target per settlement (``targets``: settlement → number;
    a settlement with 0 has no quota); online answers stop at the target of the settlements in
    ``caps``."""
    questionnaire = locked(questionnaire)
    planned = sum(targets.values())
    if planned > quota_total:
        raise Refused(
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
    record_consent_version(copy)
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
    for section in selectors.structure_of(original):
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
    for section in selectors.structure_of(original):
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


def locked(questionnaire):
    """The questionnaire read again with its row locked until the transaction ends."""
    return Questionnaire.objects.select_for_update().get(pk=questionnaire.pk)


@transaction.atomic
def record_consent_version(questionnaire):
    """Make the questionnaire's consent text its latest version unless it is already; to be called
    in the transaction that saves the text (with the questionnaire locked, once it exists)."""
    if not questionnaire.consent_text:
        return None
    latest = questionnaire.consent_versions.order_by("-version").first()
    if latest is not None and latest.text == questionnaire.consent_text:
        return latest
    return ConsentText.objects.create(
        questionnaire=questionnaire,
        version=latest.version + 1 if latest else 1,
        text=questionnaire.consent_text,
    )
