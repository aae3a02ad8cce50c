"""The consultations' demo: the 2023 consultation of the development plan's update with its 13
village meetings, proposals through every channel, the справка and the reports with their
recommendations in the register; the next plan's consultation open now."""

import io
from datetime import date

import pytest
from django.core.management import call_command
from django.db import connection
from django.db.models import Count
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from consultations.models import (
    Comment,
    Consultation,
    ConsultationMeeting,
    ConsultationReport,
    Section,
    Version,
)
from consultations.statement import publish_refusal
from ivanovo_portal.places.models import Settlement
from ivanovo_portal.project import Activity
from ivanovo_portal.recommendations.models import Recommendation

MODELS = (Consultation, Version, Section, ConsultationMeeting, Comment, ConsultationReport)
PLAN = "piro-2021-2027-aktualizatsiya"
NEXT_PLAN = "piro-2028-2034"
Channel = Comment.Channel
Decision = Comment.Decision


@pytest.fixture
def seeded(demo_for_module, db):
    """The demo, seeded once for the module."""


@pytest.fixture
def plan(seeded):
    return Consultation.objects.get(slug=PLAN)


def test_seeding_twice_makes_the_same_rows(seeded):
    counts = {model: model.objects.count() for model in (*MODELS, Recommendation)}
    call_command("seed_demo", stdout=io.StringIO())
    assert {model: model.objects.count() for model in (*MODELS, Recommendation)} == counts
    assert counts[Consultation] == 2


def test_the_13_village_meetings_are_the_plans_one_per_settlement(plan):
    linked = plan.consultation_meetings.select_related("meeting")
    assert linked.count() == 13
    assert {link.meeting.settlement_id for link in linked} == set(
        Settlement.objects.values_list("pk", flat=True)
    )
    assert {timezone.localtime(link.meeting.starts_at).year for link in linked} == {2023}
    with_minutes = linked.exclude(minutes_published_at=None)
    assert with_minutes.count() == 11
    assert not with_minutes.filter(discussion="").exists()
    assert not linked.filter(agenda="").exists()
    coming = ConsultationMeeting.objects.filter(consultation__slug=NEXT_PLAN)
    assert {link.meeting.slug for link in coming} == {
        "obsazhdane-mechka-2027",
        "obsazhdane-krasen-2027",
    }


def test_the_plan_has_a_draft_a_revision_and_the_text_adopted_with_stable_keys(plan):
    draft, revision, adopted = plan.versions.order_by("number")
    assert [v.kind for v in (draft, revision, adopted)] == ["draft", "revision", "adopted"]
    assert all(v.changelog for v in (draft, revision, adopted))
    keys = set(draft.sections.values_list("key", flat=True))
    assert 10 <= len(keys) <= 15
    assert set(revision.sections.values_list("key", flat=True)) == keys | {"uchastie"}
    changed = revision.sections.exclude(
        text__in=draft.sections.values_list("text", flat=True)
    ).exclude(key="uchastie")
    assert changed.count() == 5
    assert plan.adopted_on == date(2023, 6, 29)


def test_proposals_came_through_every_channel_and_the_commented_draft(plan):
    comments = plan.comments.all()
    assert set(comments.values_list("channel", flat=True)) == set(Channel.values)
    assert not comments.exclude(section=None).exclude(section__version__number=1).exists()
    at_meetings = comments.filter(channel=Channel.MEETING)
    assert not at_meetings.filter(meeting=None).exists()
    assert not comments.exclude(channel=Channel.MEETING).exclude(meeting=None).exists()
    assert not comments.exclude(channel=Channel.ONLINE).filter(entered_by=None).exists()
    assert not comments.filter(channel=Channel.ONLINE, entered_by__isnull=False).exists()
    # The moderated comments' e-mail addresses are no longer needed.
    assert not comments.exclude(email="").exists()


def test_a_comment_with_personal_data_was_not_published_and_its_author_told(plan):
    rejected = plan.comments.get(status=Comment.Status.REJECTED)
    assert rejected.rejection == Comment.Rejection.PERSONAL_DATA
    assert rejected.moderation_note and rejected.author_told_at and rejected.moderated_by
    assert rejected.decision == Decision.NONE


def test_the_справка_is_complete_and_was_published_in_time(plan):
    published = plan.comments.published()
    assert published.count() == 32
    assert not published.filter(decision=Decision.NONE).exists()
    assert not published.filter(
        decision__in=[Decision.NOT_ACCEPTED, Decision.PARTLY], decision_reason=""
    ).exists()
    assert set(published.values_list("decision", flat=True)) == set(Decision.values) - {""}
    assert publish_refusal(plan) == ""
    published_on = timezone.localtime(plan.statement_published_at).date()
    assert plan.closes_on < published_on <= plan.statement_due_on
    decided = published.values_list("decided_at", flat=True)
    assert all(
        plan.closes_on < timezone.localtime(moment).date() < published_on for moment in decided
    )


def test_the_reports_are_published_with_their_recommendations_filed(plan):
    whole = plan.reports.get(meeting=None)
    on_a_meeting = plan.reports.exclude(meeting=None).get()
    assert on_a_meeting.meeting.meeting.slug == "obsazhdane-pirgovo-2023"
    for report, count in ((whole, 3), (on_a_meeting, 2)):
        assert report.is_public()
        recommendations = Recommendation.objects.from_source(report)
        assert recommendations.count() == count
        assert set(recommendations.values_list("activity", flat=True)) == {Activity.CONSULTATIONS}
        assert set(recommendations.values_list("status", flat=True)) == {
            Recommendation.Status.FILED
        }
        assert recommendations.first().public_source_url == report.get_absolute_url()


def test_the_next_plan_is_open_with_comments_awaiting_confirmation_and_moderation(seeded):
    consultation = Consultation.objects.get(slug=NEXT_PLAN)
    assert consultation.opens_on <= timezone.localdate() <= consultation.closes_on
    by_status = dict(consultation.comments.values_list("status").annotate(n=Count("pk")).order_by())
    assert by_status == {"published": 3, "pending": 1, "unconfirmed": 1}
    waiting = consultation.comments.exclude(status=Comment.Status.PUBLISHED)
    assert not waiting.filter(email="").exists()
    assert not consultation.comments.exclude(decision=Decision.NONE).exists()


def test_the_demo_consultation_page_takes_as_few_queries_with_many_more_comments(plan, client):
    url = reverse("consultations:detail", args=[plan.slug])

    def queries():
        client.get(url)  # warm up: the session, caches
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        return len(captured)

    few = queries()
    sections = list(plan.versions.order_by("-number").first().sections.all())
    Comment.objects.bulk_create(
        Comment(
            consultation=plan,
            section=sections[number % len(sections)],
            text=f"Предложение {number}",
            author_name=f"Жител {number}",
            channel=Channel.PAPER,
            status=Comment.Status.PUBLISHED,
        )
        for number in range(200)
    )
    assert queries() == few <= 10
