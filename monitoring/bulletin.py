"""What the civic monitoring found in one settlement, for the campaign's village bulletin
(registered with ``ivanovo_portal.places.bulletin.results``): its index in the latest published
round beside the municipality's, as the public scorecard shows them."""

from django.utils.formats import number_format
from django.utils.translation import gettext

from ivanovo_portal.places.bulletin import Result

from .models import Round
from .scorecard import scorecard, settlement_label


def _percent(figure):
    return "—" if figure.shown is None else f"{number_format(figure.shown, 1)}\u00a0%"


def settlement_results(settlement):
    """The settlement's and the overall index of the latest published round; none before one."""
    round_ = Round.objects.published().order_by("-period_end", "-pk").first()
    if round_ is None:
        return []
    card = scorecard(round_)
    row = next(row for row in card.settlements if row.settlement.pk == settlement.pk)
    return [
        Result(
            gettext("Civic monitoring index: %(what)s") % {"what": settlement_label(settlement)},
            _percent(row.figure),
            round_.title,
        ),
        Result(
            gettext("Civic monitoring index of the whole municipality"),
            _percent(card.overall),
            round_.title,
        ),
    ]
