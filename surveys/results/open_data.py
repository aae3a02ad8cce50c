"""The results as open data (JSON) for anyone: aggregates under disclosure control, nothing
anyone typed.

No free text at all, no form numbers, nobody who entered a form. Its fields:

- ``questionnaire``: ``title``, ``slug``, ``target_group``;
- ``respondents``; ``by_channel`` (channel code → responses); ``by_settlement`` (slug → name and
  responses);
- ``questions``: per question ``code``, ``text``, ``type``, ``answered`` (respondents who answered),
  ``options`` (``code``, ``label``, ``count``, ``percent`` of those who answered; the option code
  ``other`` counts "other, please specify"), ``mean``, ``median``, ``min``, ``max`` for scales and
  numbers, ``rows`` for a matrix (each with ``code``, ``label``, ``answered``, ``options``,
  ``mean``, ``median``), ``first_date`` and ``last_date`` for dates.
"""

from ivanovo_portal.disclosure import MINIMUM

from ..kinds import kind_of
from .disclosure import public_results
from .figures import results_for


def _number(value):
    return float(value) if value is not None else None


def _options(rows):
    return [
        {"code": row.code, "label": str(row.label), "count": row.count, "percent": row.percent}
        for row in rows
    ]


def open_data(questionnaire, *, public=True):
    """The results as plain data: aggregates only, no texts and nothing personal. The public's
    are the views of ``disclosure.public_results``, withheld figures as null; staff (``public``
    false) read the exact figures of every respondent."""
    data = {
        "questionnaire": {
            "title": questionnaire.title,
            "slug": questionnaire.slug,
            "target_group": questionnaire.target_group,
        },
    }
    if not public:
        return data | _view_data(results_for(questionnaire, texts=False))
    published = public_results(questionnaire)
    whole, *areas = published.views
    return data | {
        "disclosure": {
            "minimum": MINIMUM,
            "note": (
                f"null marks a figure withheld: fewer than {MINIMUM} people, or one from which "
                "such a number could be worked out; numbers come in ranges without their extremes"
            ),
        },
        **_view_data(whole.results),
        "areas": [
            {
                "slug": view.area.slug,
                "label": str(view.area.label),
                "settlements": list(view.area.names),
                **_view_data(view.results),
            }
            for view in areas
        ],
    }


def _view_data(results):
    questions = []
    for result in results:
        item = {
            "code": result.code,
            "text": result.question.text,
            "type": result.kind,
            "answered": result.answered,
        }
        if result.is_matrix:
            item["rows"] = [
                {
                    "code": row.code,
                    "label": row.label,
                    "answered": row.answered,
                    "options": _options(row.cells),
                    "mean": _number(row.mean),
                    "median": _number(row.median),
                }
                for row in result.matrix
            ]
        elif not result.is_text:
            item["options"] = _options(result.rows)
        if result.has_statistics:
            item.update(
                mean=_number(result.mean),
                median=_number(result.median),
                min=_number(result.minimum),
                max=_number(result.maximum),
            )
        if kind_of(result.question).dated:
            item.update(
                first_date=result.first_date and result.first_date.isoformat(),
                last_date=result.last_date and result.last_date.isoformat(),
            )
        questions.append(item)
    return {
        "respondents": results.respondents,
        "by_channel": {row.code: row.count for row in results.by_channel},
        "by_settlement": {
            row.code or "unknown": {"name": str(row.label), "count": row.count}
            for row in results.by_settlement
        },
        "questions": questions,
    }
