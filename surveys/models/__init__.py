"""The surveys' models, by concern: questionnaires and their structure, responses, reports."""

from .questionnaires import (
    Channel,
    Choice,
    MatrixRow,
    Question,
    Questionnaire,
    QuestionnaireQuerySet,
    Quota,
    Section,
    TargetGroup,
)
from .reports import AnalysisReport, AnalysisReportQuerySet, ReportItem
from .responses import (
    Answer,
    ConsentText,
    InvitationBatch,
    InvitationCode,
    NewAnswer,
    Response,
    ResponseQuerySet,
    given_on,
)

__all__ = [
    "AnalysisReport",
    "AnalysisReportQuerySet",
    "Answer",
    "Channel",
    "Choice",
    "ConsentText",
    "InvitationBatch",
    "InvitationCode",
    "MatrixRow",
    "NewAnswer",
    "Question",
    "Questionnaire",
    "QuestionnaireQuerySet",
    "Quota",
    "ReportItem",
    "Response",
    "ResponseQuerySet",
    "Section",
    "TargetGroup",
    "given_on",
]
