"""The recommendations register: what the project recommends to the municipality, the letters
that carry them to the municipal registry, and the public timeline of what became of them."""

from .letter import Attachment, RegistrySubmission, RegistrySubmissionQuerySet
from .recommendation import Recommendation, RecommendationQuerySet, TimelineEntry

__all__ = [
    "Attachment",
    "Recommendation",
    "RecommendationQuerySet",
    "RegistrySubmission",
    "RegistrySubmissionQuerySet",
    "TimelineEntry",
]
