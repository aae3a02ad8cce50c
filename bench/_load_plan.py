"""What the load test's users do (``bench/load.py``): the public pages they read, weighted, and the
fields of every page of the open questionnaires and of the registration form, read from the demo
and written to a file for the Locust users (``bench/_locustfile.py``)."""

import json

import bench

# Public pages besides those of each object: the home page is read most.
LANDINGS = [
    "/surveys/",
    "/consultations/",
    "/consultations/coverage/",
    "/monitoring/",
    "/toolkit/",
    "/toolkit/methods/",
    "/campaign/",
    "/campaign/events/",
    "/campaign/bulletins/",
    "/news/",
    "/events/",
    "/recommendations/",
    "/publications/",
    "/indicators/",
]


def write_plan(path):
    """What the users read and how they fill the forms, from the demo (see _locustfile.py)."""
    from ivanovo_portal.meetings import listings
    from ivanovo_portal.meetings.models import Meeting
    from ivanovo_portal.places.forms import OUTSIDE
    from ivanovo_portal.places.models import Settlement, StakeholderGroup
    from ivanovo_portal.project import Activity
    from surveys.models import Questionnaire

    questionnaires = Questionnaire.objects.open().filter(invitation_only=False)
    meetings = [
        m.slug for m in Meeting.objects.public() if listings.registration_state(m) == "open"
    ]
    if not questionnaires or not meetings:
        raise RuntimeError(
            "The demo has no open questionnaire or no meeting open for registration."
        )
    plan = {
        "reads": reads(),
        "questionnaires": [
            {"slug": q.slug, "pages": questionnaire_pages(q)} for q in questionnaires
        ],
        "meetings": meetings,
        "settlements": [str(pk) for pk in Settlement.objects.values_list("pk", flat=True)]
        + [OUTSIDE],
        "groups": [str(pk) for pk in StakeholderGroup.objects.values_list("pk", flat=True)],
        "topics": list(Activity.values),
    }
    path.write_text(json.dumps(plan, ensure_ascii=False), encoding="utf-8")
    bench.log(
        f"{sum(len(paths) for _weight, paths in plan['reads'])} public pages; questionnaires "
        f"{[q['slug'] for q in plan['questionnaires']]}; meetings {meetings}"
    )
    return plan


def reads():
    """The public pages in groups, each weighted by how often residents read one of its pages on a
    day with the campaign running: (weight, paths)."""
    from django.urls import reverse

    from campaign.models import Article, Event
    from consultations.models import Consultation
    from ivanovo_portal.meetings.models import Meeting
    from ivanovo_portal.places.models import Settlement
    from monitoring.models import MonitoringReport, Round
    from surveys.models import AnalysisReport, Questionnaire
    from toolkit.models import Method

    def pages(objects):
        return [item.get_absolute_url() for item in objects if item.is_public()]

    results = Questionnaire.objects.filter(results_published=True)
    groups = [
        (20, ["/"]),
        (30, LANDINGS),
        (10, [article.get_absolute_url() for article in Article.objects.published()]),
        (8, pages(Meeting.objects.public())),
        (8, [reverse("surveys:public_results", args=[q.slug]) for q in results]),
        (6, [method.get_absolute_url() for method in Method.objects.all()]),
        (4, [reverse("campaign:bulletin", args=[s.slug]) for s in Settlement.objects.all()]),
        (4, pages(Consultation.objects.public())),
        (3, pages(Event.objects.select_related("meeting"))),
        (3, pages(Round.objects.published())),
        (2, pages(MonitoringReport.objects.all())),
        (2, pages(AnalysisReport.objects.published())),
    ]
    return [(weight, paths) for weight, paths in groups if paths]


def questionnaire_pages(questionnaire):
    """The fields of each page of ``questionnaire`` as its answering forms define them: name, its
    question's (a matrix has a field per row), shape (``one``, ``many``, ``number``, ``date``,
    ``text``), the values offered, bounds, whether required, and the condition on an earlier
    answer."""
    from django import forms

    from surveys import selectors
    from surveys.forms.question_fields import OTHER, NumberField, fields_of

    answering = selectors.for_answering(questionnaire)
    sections, settlements = answering.sections, answering.settlements
    full = getattr(settlements, "full", {})
    pages = []
    for section in sections:
        specs, fields = fields_of(section, settlements)
        page = []
        for question, name, _other, rows in specs:
            condition = None
            if question.condition_question_id:
                codes = [choice.code for choice in selectors.condition_choices_of(question)]
                condition = {"name": f"q{question.condition_question_id}", "values": codes}
            for field_name in [row_name for _row, row_name in rows] or [name]:
                field = fields[field_name]
                spec = {
                    "name": field_name,
                    "question": name,
                    "required": question.required,
                    "condition": condition,
                }
                if isinstance(field, forms.ChoiceField):
                    offered = [str(value) for value, _label in field.choices]
                    spec["values"] = [
                        v for v in offered if v not in {"", OTHER} | set(map(str, full))
                    ]
                    many = isinstance(field, forms.MultipleChoiceField)
                    spec["shape"] = "many" if many else "one"
                elif isinstance(field, NumberField):
                    low, high = question.min_value, question.max_value
                    spec |= {
                        "shape": "number",
                        "min": int(low) if low is not None else 0,
                        "max": int(high) if high is not None else 100,
                    }
                elif isinstance(field, forms.DateField):
                    spec["shape"] = "date"
                else:
                    spec |= {"shape": "text", "max_length": field.max_length}
                page.append(spec)
        pages.append(page)
    return pages
