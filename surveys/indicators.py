"""The surveys' figures for the project's indicators (registered when the app is ready)."""

from .models import AnalysisReport, Questionnaire, Response, TargetGroup


def survey_questionnaire_types():
    """Kinds of questionnaire in use (not drafts), one per target group: a second round for the
    same group, such as the demo's follow-up, is the same kind."""
    return Questionnaire.objects.public().order_by().values("target_group").distinct().count()


def survey_respondents():
    return Response.objects.counted().count()


def survey_target_groups():
    return (
        Response.objects.counted()
        .order_by()
        .values("questionnaire__target_group")
        .distinct()
        .count()
    )


def _published_reports_on(target_group):
    return (
        AnalysisReport.objects.published()
        .filter(questionnaires__target_group=target_group)
        .distinct()
        .count()
    )


def survey_report_citizens():
    return _published_reports_on(TargetGroup.CITIZENS_NGOS)


def survey_report_business():
    return _published_reports_on(TargetGroup.BUSINESSES)
