"""The campaign's figures for the project's indicators (activity 5), worked out live: the round
table and the conference held, the products disseminated, and how widely the campaign was
carried out across the settlements."""

from ivanovo_portal.documents.selectors import publications
from ivanovo_portal.meetings.models import Meeting
from ivanovo_portal.project import Activity

from .reach import held_meetings, settlements_reached


def campaign_round_table():
    """Round tables held: public, closed by staff once held."""
    return held_meetings().filter(kind=Meeting.Kind.ROUND_TABLE).count()


def campaign_conference():
    return held_meetings().filter(kind=Meeting.Kind.CONFERENCE).count()


def campaign_publications():
    """The products disseminated: the activities before the campaign (surveys, monitoring, the
    toolkit, consultations) with a document public in the publications library."""
    products = {Activity.SURVEYS, Activity.MONITORING, Activity.TOOLKIT, Activity.CONSULTATIONS}
    return len({publication.kind.activity for publication in publications()} & products)


def campaign_carried_out():
    """Settlements where the campaign put up posters, handed out leaflets or printed its
    bulletin."""
    return settlements_reached()


FIGURES = (
    "campaign_round_table",
    "campaign_conference",
    "campaign_publications",
    "campaign_carried_out",
)
