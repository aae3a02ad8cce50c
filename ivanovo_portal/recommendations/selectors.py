"""Reads of the register for the public pages, the back office and the home page."""

from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, Prefetch

from ivanovo_portal.audit.selectors import history_of
from ivanovo_portal.documents.models import GeneratedDocument

from .models import Attachment, Recommendation, RegistrySubmission, TimelineEntry
from .pdf import LETTER_KIND


def public_recommendations():
    """Non-draft recommendations with what a list shows, newest first."""
    return Recommendation.objects.public().prefetch_related("settlements")


def latest_public(limit=5, activity=None):
    """The most recently approved recommendations, of one activity if given: for the home page
    and the activities' own pages."""
    queryset = Recommendation.objects.public()
    if activity:
        queryset = queryset.for_activity(activity)
    return list(queryset.order_by("-approved_at", "-pk").prefetch_related("settlements")[:limit])


def recommendations_of(source):
    """The recommendations written from ``source``, by number, with their settlements."""
    return (
        Recommendation.objects.from_source(source)
        .order_by("number")
        .prefetch_related("settlements")
    )


def status_counts(queryset):
    """How many recommendations of ``queryset`` are at each status, in the statuses' order."""
    counts = dict(
        queryset.order_by()
        .values_list("status")
        .annotate(total=Count("pk"))
        .values_list("status", "total")
    )
    return [
        (status, label, counts[status])
        for status, label in Recommendation.Status.choices
        if counts.get(status)
    ]


def recommendations_visible_to(user):
    """What ``user`` may see in the back office: all for those who write them, else no drafts."""
    queryset = Recommendation.objects.prefetch_related("settlements")
    if user.has_perm("recommendations.change_recommendation"):
        return queryset
    return queryset.public()


def recommendation_for_page(pk, user):
    """One recommendation with its timeline and letters; drafts only for those who write them."""
    queryset = Recommendation.objects.select_related("approved_by", "source_type").prefetch_related(
        "settlements",
        Prefetch(
            "timeline",
            queryset=TimelineEntry.objects.order_by("date", "created_at", "pk").prefetch_related(
                "corrections"
            ),
        ),
        Prefetch("submissions", queryset=RegistrySubmission.objects.order_by("-outgoing_date")),
    )
    if not user.has_perm("recommendations.change_recommendation"):
        queryset = queryset.public()
    return queryset.filter(pk=pk).first()


def history(recommendation):
    """The audit history of a recommendation with that of its letters and their files."""
    return history_of(
        recommendation,
        RegistrySubmission.objects.filter(recommendations=recommendation),
        Attachment.objects.filter(submission__recommendations=recommendation),
    )


def letter_of(submission):
    """The generated registry letter of a submission, or None before it was requested."""
    return (
        GeneratedDocument.objects.filter(
            kind=LETTER_KIND,
            content_type=ContentType.objects.get_for_model(RegistrySubmission),
            object_id=submission.pk,
        )
        .order_by("-pk")
        .first()
    )


def submissions_with_counts():
    """Every letter with how many recommendations it carries, newest first."""
    return RegistrySubmission.objects.annotate(total=Count("recommendations")).order_by(
        "-outgoing_date", "-pk"
    )


def filed_letter_of(recommendation):
    """The filed letter among a recommendation's prefetched letters, or None."""
    return next((letter for letter in recommendation.submissions.all() if letter.is_filed), None)


def public_attachments(submission):
    """The files of a letter that anyone may read: the replies, and a scan staff published."""
    return list(submission.attachments.filter(is_public=True))


def attachments_for(submission, user):
    """The files of a letter this user may read: all of them for those who may see private ones."""
    if user.has_perm("recommendations.view_attachment"):
        return list(submission.attachments.select_related("uploaded_by"))
    return public_attachments(submission)
