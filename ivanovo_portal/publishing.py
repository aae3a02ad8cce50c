"""Publishing a source the public reads (an activity's report): one way for every app to put it
before the public, dated now, or take it back to a draft, with the step in the audit history."""

from django.utils import timezone

from ivanovo_portal.audit.services import changed, log_action, tracked

RECORDED_FIELDS = ("status", "published_at")


def set_published(source, published, *, user, action):
    """Make ``source`` (a model with ``Status.PUBLISHED``/``DRAFT`` and ``published_at``) public
    now or a draft again, recorded as ``action``. The caller holds its row locked."""
    before = tracked(source, RECORDED_FIELDS)
    source.status = source.Status.PUBLISHED if published else source.Status.DRAFT
    source.published_at = timezone.now() if published else None
    source.save(update_fields=["status", "published_at", "updated_at"])
    log_action(source, action, user=user, changes=changed(before, source))
