"""Where the surveys used a participation method, for the toolkit's "used here" (registered with
``ivanovo_portal.cases``): every questionnaire whose results are public is a case of the survey,
with its respondents as its public results page counts them — the figures frozen when they were
first published, under the same disclosure control."""

from django.db.models import Prefetch
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext, ngettext

from ivanovo_portal.cases import Case, Tally, count_figure, public_count, recommendation_tallies

from .models import AnalysisReport, Questionnaire, TargetGroup

METHOD = "survey"


def _day(moment, fallback):
    return timezone.localdate(moment) if moment else fallback


def _outcome(reports, tally):
    if not reports:
        return gettext("Results published; no analysis report yet.")
    return ngettext(
        "Analysis report published, with %(recommendations)d recommendation.",
        "Analysis report published, with %(recommendations)d recommendations.",
        tally.made,
    ) % {"recommendations": tally.made}


def _case(questionnaire, tallies):
    figures = questionnaire.public_figures
    reports = questionnaire.published_reports
    tally = sum((tallies.get(report.pk, Tally()) for report in reports), Tally())
    # A small total is withheld, as the public results page withholds every figure below it.
    respondents = public_count(figures["respondents"])
    opened = _day(questionnaire.opens_at, timezone.localdate(questionnaire.created_at))
    return Case(
        key=questionnaire.slug,
        method=METHOD,
        title=questionnaire.title,
        issue=questionnaire.description or questionnaire.title,
        places=(gettext("The whole municipality"),),
        starts_on=opened,
        ends_on=_day(questionnaire.closes_at, None),
        participants=respondents,
        # One questionnaire asks one respondent group: all its respondents are of that group.
        by_group=(count_figure(TargetGroup(questionnaire.target_group).label, respondents),),
        outcome=_outcome(reports, tally),
        what_changed=tally.what_changed,
        url=questionnaire.get_absolute_url(),
        results_url=reverse("surveys:public_results", args=[questionnaire.slug]),
        recommendations=tally.made,
    )


def questionnaire_cases():
    """The questionnaires with public results as cases, in three queries however many."""
    questionnaires = list(
        Questionnaire.objects.public()
        .filter(results_published=True, public_figures__isnull=False)
        .prefetch_related(
            Prefetch(
                "reports",
                queryset=AnalysisReport.objects.published(),
                to_attr="published_reports",
            )
        )
    )
    reports = {report.pk for q in questionnaires for report in q.published_reports}
    tallies = recommendation_tallies(AnalysisReport, reports)
    return [_case(questionnaire, tallies) for questionnaire in questionnaires]


def register():
    """Called from ``SurveysConfig.ready()``."""
    from ivanovo_portal.cases import Provider, cases

    cases.register("surveys", Provider((METHOD,), questionnaire_cases))
