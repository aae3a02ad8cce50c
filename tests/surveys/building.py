"""Helpers for the builder's tests: its addresses, its error messages, and the forms it posts."""

from django.contrib.messages import get_messages
from django.urls import reverse


def url(name, questionnaire, *args):
    return reverse(f"surveys:{name}", args=[questionnaire.slug, *args])


def errors_of(response):
    return [str(m) for m in get_messages(response.wsgi_request) if m.level_tag == "error"]


def post_question(client, questionnaire, kind, section=None, **fields):
    section = section or questionnaire.sections.last()
    data = {"kind": kind, "section": section.pk, "text": f"Въпрос от тип {kind}", **fields}
    address = f"{url('question_add', questionnaire)}?kind={kind}&section={section.pk}"
    return client.post(address, data)


def question_data(question, **changes):
    """What the edit form posts when nothing is changed, with ``changes`` applied."""
    data = {
        "kind": question.kind,
        "section": question.section_id,
        "code": question.code,
        "text": question.text,
        "help_text": question.help_text,
        "widget": question.widget,
        "options": "\n".join(
            f"{c.code} | {c.label}" + (f" | {c.value}" if c.value is not None else "")
            for c in question.choices.all()
        ),
        "rows": "\n".join(f"{r.code} | {r.label}" for r in question.rows.all()),
        "condition_question": question.condition_question_id or "",
        "condition_choices": [c.pk for c in question.condition_choices.all()],
    }
    if question.required:
        data["required"] = "on"
    if question.allow_other:
        data["allow_other"] = "on"
    for bound in ("min_value", "max_value"):
        if getattr(question, bound) is not None:
            data[bound] = getattr(question, bound)
    data.update(changes)
    return {name: value for name, value in data.items() if value is not None}
