"""Bring recommendations to any stage through the services, as people would."""

from datetime import date

from ivanovo_portal.project import Activity
from ivanovo_portal.recommendations import services
from ivanovo_portal.recommendations.models import Recommendation

LETTER_DATE = date(2023, 6, 2)


def write(user, title="Изнесени приемни на кмета в селата", **fields):
    fields.setdefault("text", "Кметът да провежда приемни дни в селата веднъж месечно.")
    fields.setdefault("rationale", "Възрастните жители трудно пътуват до Иваново.")
    fields.setdefault("activity", Activity.SURVEYS)
    return services.create_recommendation(user=user, title=title, **fields)


def approved(user, **fields):
    return services.approve(write(user, **fields), user=user, date=date(2023, 5, 25))


_letters = iter(range(1, 10_000))


def submitted(user, *recommendations, **fields):
    """A letter carrying ``recommendations`` (or one new approved recommendation)."""
    recommendations = recommendations or (approved(user, **fields),)
    return services.submit(
        recommendations,
        outgoing_number=f"{next(_letters)}",
        outgoing_date=LETTER_DATE,
        user=user,
    )


def filed(user, submission=None, **fields):
    submission = submission or submitted(user, **fields)
    return services.record_registry_entry(
        submission, number="94-00-312", date=date(2023, 6, 5), user=user
    )


def at_status(status, user, **fields):
    """A recommendation brought to ``status`` through the services, as people would."""
    Status = Recommendation.Status
    if status == Status.DRAFT:
        return write(user, **fields)
    if status == Status.APPROVED:
        return approved(user, **fields)
    submission = filed(user, **fields)
    recommendation = submission.recommendations.get()
    if status == Status.SUBMITTED:
        return recommendation
    decision = "" if status == Status.ANSWERED else status
    if status == Status.IMPLEMENTED:
        decision = Status.ACCEPTED
    recommendation = services.record_response(
        recommendation,
        text="Общината приема препоръката.",
        date=date(2023, 6, 28),
        reference="94-00-312-1",
        decision=decision,
        user=user,
    )
    if status == Status.IMPLEMENTED:
        recommendation = services.record_progress(recommendation, progress=100, user=user)
    return recommendation
