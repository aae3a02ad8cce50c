"""What the consultations found in one settlement, for the campaign's village bulletin
(registered with ``ivanovo_portal.places.bulletin.results``): the public discussions' meetings
held there, the people at them and the proposals from there, over every public consultation,
as the coverage page gives them to the public."""

from django.utils.translation import gettext

from ivanovo_portal.places.bulletin import Result

from .coverage import coverage


def settlement_results(settlement):
    """Three lines about the settlement once a consultation held a meeting there or had a
    proposal from there; none before."""
    cells = [
        next(row for row in item.rows if row.settlement.pk == settlement.pk)
        for item in coverage(exact=False).consultations
    ]
    held = sum(cell.held for cell in cells)
    proposals = sum(cell.proposals for cell in cells)
    if not (held or proposals):
        return []
    return [
        Result(gettext("Meetings of the public discussions held here"), str(held)),
        Result(gettext("People at them"), str(sum(cell.participants or 0 for cell in cells))),
        Result(
            gettext("Proposals from the settlement, of them accepted"),
            f"{proposals} / {sum(cell.accepted for cell in cells)}",
        ),
    ]
