"""Activity 3's figures, live: the toolkit published once an edition's book is ready, and the
held conferences at which an edition was presented."""

from datetime import timedelta

import pytest
from django.utils import timezone

from ivanovo_portal.documents.models import GeneratedDocument
from ivanovo_portal.indicators.registry import value
from ivanovo_portal.meetings.models import Meeting
from ivanovo_portal.refusals import Refused
from tests.meetings.conftest import build_meeting
from toolkit.book import BOOK_KIND, CARDS_KIND
from toolkit.services.editions import publish_edition, record_presentation

from .content import method_content, save

pytestmark = pytest.mark.django_db


@pytest.fixture
def edition(staff):
    save(method_content(), user=staff)
    return publish_edition(user=staff, note="Първо издание")


def _render(edition, kind):
    GeneratedDocument.objects.filter(toolkit_edition=edition, kind=kind).update(
        status=GeneratedDocument.Status.READY, file="documents/toolkit.pdf"
    )


def _conference(**fields):
    return build_meeting(
        slug=f"konferentsiya-{Meeting.objects.count()}",
        kind=Meeting.Kind.CONFERENCE,
        days=-30,
        **fields,
    )


def test_the_toolkit_is_published_once_its_book_is_ready(edition):
    assert value("toolkit_published") == 0
    _render(edition, CARDS_KIND)
    assert value("toolkit_published") == 0

    _render(edition, BOOK_KIND)

    assert value("toolkit_published") == 1


def test_a_presentation_counts_once_the_conference_is_held(edition, staff):
    conference = _conference()
    record_presentation(edition, conference, user=staff)
    assert value("toolkit_presented") == 0

    Meeting.objects.filter(pk=conference.pk).update(closed_at=timezone.now())

    assert value("toolkit_presented") == 1


def test_a_cancelled_or_other_meeting_cannot_be_where_it_was_presented(edition, staff):
    closed = timezone.now() - timedelta(days=1)
    cancelled = _conference(status=Meeting.Status.CANCELLED, closed_at=closed)
    round_table = build_meeting(kind=Meeting.Kind.ROUND_TABLE, days=-30, closed_at=closed)

    for meeting in (cancelled, round_table):
        with pytest.raises(Refused) as refusal:
            record_presentation(edition, meeting, user=staff)
        assert refusal.value.field == "meeting"

    assert value("toolkit_presented") == 0
