"""The toolkit's demo: every method of ``toolkit.content`` as its first version, the first
edition of the book published a week before the project's conference, and presented there once
the conference has been held (the meetings' demo holds and closes it)."""

from datetime import timedelta

from ..models import Edition, Method, MethodVersion
from ..services.editions import held_conferences, publish_edition, record_presentation
from ..services.loading import load_methods

EDITION_NOTE = "Първо издание на инструментариума."


def seed(accounts):
    """Load the methods, publish edition 1 if there is none and record where it was presented;
    what exists already is left as it is."""
    staff = accounts.staff
    load_methods(user=staff)
    edition = Edition.objects.order_by("number").first()
    conference = held_conferences().order_by("starts_at").first()
    if edition is None and Method.objects.exists():
        edition = publish_edition(user=staff, note=EDITION_NOTE)
        if conference is not None:
            # Dated as the project published it, ahead of the conference where it was presented.
            edition.published_at = conference.starts_at - timedelta(days=7)
            edition.save(update_fields=["published_at"])
            # And the methods it prints as written before it, not on the day the demo was made.
            written = edition.published_at - timedelta(days=30)
            MethodVersion.objects.filter(editions=edition).update(saved_at=written)
            Method.objects.update(created_at=written, updated_at=written)
    if edition is not None and edition.presented_at is None and conference is not None:
        record_presentation(edition, conference, user=staff)
