"""The consultations' models, by concern: the document and what belongs to it, and comments."""

from .comments import Comment, CommentQuerySet
from .documents import (
    SHORTEST_DAYS,
    USUAL_DAYS,
    Annex,
    Consultation,
    ConsultationMeeting,
    ConsultationQuerySet,
    ConsultationReport,
    MinutesPhoto,
    Section,
    Version,
)

__all__ = [
    "SHORTEST_DAYS",
    "USUAL_DAYS",
    "Annex",
    "Comment",
    "CommentQuerySet",
    "Consultation",
    "ConsultationMeeting",
    "ConsultationQuerySet",
    "ConsultationReport",
    "MinutesPhoto",
    "Section",
    "Version",
]
