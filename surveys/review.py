"""What staff review before they publish: responses sent in bursts (``surveys.abuse`` marks them
suspect), grouped by the gaps between them, and what was discarded."""

from collections import Counter
from datetime import timedelta

from django.db.models import Count
from django.db.models.functions import TruncDate

from .models import Channel, Response

# A burst goes on while each response came within this long of the one before.
BURST_GAP = timedelta(minutes=15)


class Burst:
    """Suspect responses sent close together: their number, time span, channels and settlements."""

    def __init__(self, first):
        self.responses = [first]

    @property
    def first(self):
        return self.responses[0].submitted_at

    @property
    def last(self):
        return self.responses[-1].submitted_at

    @property
    def count(self):
        return len(self.responses)

    def channels(self):
        """(label, number) per channel, the most frequent first."""
        counts = Counter(response.channel for response in self.responses)
        return [(Channel(code).label, number) for code, number in counts.most_common()]

    def settlements(self):
        """(settlement or None, number) per settlement, the most frequent first."""
        counts = Counter(response.settlement for response in self.responses)
        return counts.most_common()


def bursts_of(questionnaire):
    """The questionnaire's suspect responses still counted, grouped into bursts, the latest burst
    first. Grouped here rather than in the database: the grouping follows the gaps between
    consecutive responses, and suspect responses are a small part of all."""
    responses = (
        Response.objects.counted()
        .filter(questionnaire=questionnaire, suspect=True)
        .select_related("settlement")
        .order_by("submitted_at", "pk")
    )
    bursts = []
    for response in responses:
        if bursts and response.submitted_at - bursts[-1].last <= BURST_GAP:
            bursts[-1].responses.append(response)
        else:
            bursts.append(Burst(response))
    return bursts[::-1]


def burst_responses(questionnaire, *, first, last):
    """The suspect responses still counted that were sent from ``first`` to ``last``."""
    return Response.objects.counted().filter(
        questionnaire=questionnaire, suspect=True, submitted_at__range=(first, last)
    )


def suspect_count(questionnaire):
    """How many responses sent in bursts still count, waiting for staff to look at them."""
    return Response.objects.counted().filter(questionnaire=questionnaire, suspect=True).count()


def discards_of(questionnaire):
    """What staff discarded: the number per day, staff member and reason, the latest first."""
    return (
        Response.objects.filter(questionnaire=questionnaire, discarded_at__isnull=False)
        .values("discard_reason", "discarded_by__first_name", "discarded_by__last_name")
        .annotate(day=TruncDate("discarded_at"), count=Count("pk"))
        .order_by("-day", "discard_reason")
    )
