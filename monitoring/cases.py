"""Where civic monitoring used a participation method, for the toolkit's "used here" (registered
with ``ivanovo_portal.cases``): every published round is a case of civic monitoring, with its
monitors, its verified findings and the overall index its public scorecard shows."""

from django.db.models import Count, Q
from django.utils.formats import number_format
from django.utils.translation import gettext, ngettext

from ivanovo_portal.cases import (
    Case,
    Figure,
    Tally,
    count_figure,
    public_count,
    recommendation_tallies,
)

from .models import Membership, MonitoringReport, Observation, Round
from .scorecard import overall_figures

METHOD = "civic-monitoring"


def _outcome(report, tally):
    if report is None:
        return gettext("Scorecard published; no monitoring report yet.")
    return ngettext(
        "Monitoring report published, with %(recommendations)d recommendation.",
        "Monitoring report published, with %(recommendations)d recommendations.",
        tally.made,
    ) % {"recommendations": tally.made}


def _case(round_, figure, tallies):
    report = round_.public_report()
    tally = tallies.get(report.pk, Tally()) if report else Tally()
    # The report names how many monitored; a handful of people is not shown as a number here.
    monitors = public_count(round_.monitors)
    index = "—" if figure.shown is None else f"{number_format(figure.shown, 1)}\u00a0%"
    return Case(
        key=round_.slug,
        method=METHOD,
        title=round_.title,
        issue=round_.description or round_.version.framework.name,
        places=(gettext("The whole municipality"),),
        starts_on=round_.period_start,
        ends_on=round_.period_end,
        participants=monitors,
        by_group=(count_figure(gettext("Monitors"), monitors),),
        results=(
            Figure(gettext("Overall index"), index),
            Figure(gettext("Verified findings"), str(round_.findings)),
        ),
        outcome=_outcome(report, tally),
        what_changed=tally.what_changed,
        url=round_.get_absolute_url(),
        results_url=report.get_absolute_url() if report else "",
        recommendations=tally.made,
    )


def round_cases():
    """The published rounds as cases, in seven queries however many."""
    rounds = list(
        Round.objects.published()
        .select_related("report", "version__framework")
        .annotate(
            monitors=Count(
                "memberships",
                filter=Q(memberships__role=Membership.Role.MONITOR),
                distinct=True,
            ),
            findings=Count(
                "observations",
                filter=Q(observations__status=Observation.Status.VERIFIED),
                distinct=True,
            ),
        )
    )
    figures = overall_figures(rounds)
    reports = [r.report.pk for r in rounds if r.public_report()]
    tallies = recommendation_tallies(MonitoringReport, reports)
    return [_case(round_, figures[round_.pk], tallies) for round_ in rounds]


def register():
    """Called from ``MonitoringConfig.ready()``."""
    from ivanovo_portal.cases import Provider, cases

    cases.register("monitoring", Provider((METHOD,), round_cases))
