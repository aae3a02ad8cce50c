"""What each activity has found that concerns one settlement, for the campaign's village
bulletin: contributed by the apps that hold it, so that the campaign imports none of them.

An app registers a provider in its ``AppConfig.ready()``::

    from ivanovo_portal.places.bulletin import results

    def ready(self):
        results.register("consultations", settlement_results)

where ``settlement_results(settlement)`` returns ``[Result(label=..., value=...)]``, perhaps
none. A provider gives public figures only, as the app's own public pages show them (under
disclosure control), and says so in ``value`` where a figure is withheld.
"""

from dataclasses import dataclass

from ivanovo_portal.registry import Registry

results = Registry(
    "settlement results",
    hint="An app registers what it found about a settlement in its AppConfig.ready().",
)


@dataclass(frozen=True)
class Result:
    """One line of the bulletin's results: what was measured, its value as printed, and a note
    (the round or the consultation it comes from)."""

    label: str
    value: str
    note: str = ""


def results_for(settlement):
    """Every provider's results about ``settlement``, in the order the apps registered."""
    return [result for provider in results.values() for result in provider(settlement)]
