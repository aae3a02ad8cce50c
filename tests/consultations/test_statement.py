"""The справка: a decision with reasons on every proposal, by staff or officials where allowed;
published only complete and after the comment period; due and flagged when late; its page."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from consultations.models import Comment
from consultations.services import statement as services
from consultations.statement import STATEMENTS_TO_PUBLISH, due_of, statement_of
from ivanovo_portal.audit.models import Entry
from ivanovo_portal.refusals import Refused

from .conftest import build_consultation
from .statement_data import Decision, closed_consultation, decided, proposal

pytestmark = pytest.mark.django_db


def decide_url(comment):
    return reverse("consultations:decide", args=[comment.pk])


def statement_url(consultation):
    return reverse("consultations:statement", args=[consultation.slug])


@pytest.mark.parametrize("decision", [Decision.NOT_ACCEPTED, Decision.PARTLY])
def test_a_proposal_not_or_partly_accepted_needs_its_reasons(
    consultation, staff, english, decision
):
    comment = proposal(consultation)

    with pytest.raises(Refused, match="Give the reasons") as refusal:
        services.decide(comment, user=staff, decision=decision, reason="  ")

    assert refusal.value.field == "reason"
    comment.refresh_from_db()
    assert comment.decision == ""


@pytest.mark.parametrize("decision", [Decision.ACCEPTED, Decision.TAKEN_INTO_ACCOUNT])
def test_an_accepted_or_noted_proposal_may_go_without_reasons(consultation, staff, decision):
    comment = services.decide(proposal(consultation), user=staff, decision=decision, reason="")

    assert comment.decision == decision
    assert comment.decided_by == staff and comment.decided_at is not None


def test_the_decision_is_recorded_in_the_history(consultation, staff):
    comment = services.decide(
        proposal(consultation), user=staff, decision=Decision.NOT_ACCEPTED, reason="Противоречи."
    )

    entry = Entry.objects.get(action="consultations.decision_recorded")
    assert entry.object_id == comment.pk
    assert entry.actor == staff
    assert entry.changes["decision_reason"] == ["", "Противоречи."]


def test_a_decision_must_be_chosen(consultation, staff, english):
    with pytest.raises(Refused, match="Choose the decision") as refusal:
        services.decide(proposal(consultation), user=staff, decision="", reason="")
    assert refusal.value.field == "decision"


def test_no_decision_on_a_proposal_awaiting_moderation(consultation, staff, english):
    pending = proposal(consultation, status=Comment.Status.PENDING, email="a@example.org")

    with pytest.raises(Refused, match="only on a published proposal"):
        services.decide(pending, user=staff, decision=Decision.ACCEPTED, reason="")


def test_officials_decide_only_where_staff_let_them(official, english):
    kept = proposal(build_consultation(slug="kept"))
    shared = proposal(build_consultation(slug="shared", officials_decide=True))

    with pytest.raises(Refused, match="Only the project team"):
        services.decide(kept, user=official, decision=Decision.ACCEPTED, reason="")
    services.decide(shared, user=official, decision=Decision.ACCEPTED, reason="")

    shared.refresh_from_db()
    assert shared.decided_by == official


def test_the_decision_page_is_for_those_who_may_decide(
    client, consultation, staff, official, resident, outsider
):
    comment = proposal(consultation)
    client.force_login(staff)
    assert client.get(decide_url(comment)).status_code == 200
    for user in (official, resident, outsider):
        client.force_login(user)
        assert client.get(decide_url(comment)).status_code == 403, user
    client.logout()
    assert client.get(decide_url(comment)).status_code == 302


def test_an_official_records_a_decision_where_allowed(client, official):
    comment = proposal(build_consultation(officials_decide=True))
    client.force_login(official)

    response = client.post(
        decide_url(comment), {"decision": Decision.PARTLY, "reason": "Частично, за 23 часа."}
    )

    assert response.status_code == 302
    assert response["Location"].endswith(f"#proposal-{comment.pk}")
    comment.refresh_from_db()
    assert (comment.decision, comment.decision_reason) == (Decision.PARTLY, "Частично, за 23 часа.")


def test_a_missing_reason_is_shown_by_its_field_and_nothing_is_saved(
    client, consultation, staff, english
):
    comment = proposal(consultation)
    client.force_login(staff)

    response = client.post(decide_url(comment), {"decision": Decision.NOT_ACCEPTED, "reason": ""})

    assert response.status_code == 400
    assert "Give the reasons" in str(response.context["form"].errors["reason"])
    comment.refresh_from_db()
    assert comment.decision == ""


def test_publishing_is_refused_before_the_comment_period_closes(consultation, staff, english):
    decided(proposal(consultation))

    with pytest.raises(Refused, match="after the comment period"):
        services.publish_statement(consultation, user=staff)

    consultation.refresh_from_db()
    assert consultation.statement_published_at is None


def test_publishing_is_refused_while_a_proposal_has_no_decision(staff, english):
    consultation = closed_consultation()
    decided(proposal(consultation, text="Първо"))
    proposal(consultation, text="Второ")
    proposal(consultation, text="Трето", section=None)

    with pytest.raises(Refused, match="2 proposals have no decision yet"):
        services.publish_statement(consultation, user=staff)


def test_publishing_is_refused_while_a_comment_awaits_moderation(staff, english):
    consultation = closed_consultation()
    decided(proposal(consultation))
    proposal(consultation, status=Comment.Status.PENDING, email="a@example.org")

    with pytest.raises(Refused, match="1 comment still awaits moderation"):
        services.publish_statement(consultation, user=staff)


def test_a_complete_statement_is_published_and_then_no_longer_changes(
    staff, english, django_capture_on_commit_callbacks, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    consultation = closed_consultation()
    comment = decided(proposal(consultation), Decision.NOT_ACCEPTED, "Противоречи на закона.")
    proposal(consultation, status=Comment.Status.REJECTED, rejection="offensive")

    with django_capture_on_commit_callbacks(execute=True):
        services.publish_statement(consultation, user=staff)

    consultation.refresh_from_db()
    assert consultation.statement_published_at is not None
    assert Entry.objects.filter(action="consultations.statement_published").exists()
    with pytest.raises(Refused, match="no longer change"):
        services.decide(comment, user=staff, decision=Decision.ACCEPTED, reason="")


def test_the_statement_is_late_once_due_and_unpublished():
    today = timezone.localdate()
    consultation = closed_consultation(statement_due_on=today - timedelta(days=1))
    on_time = closed_consultation(slug="on-time", statement_due_on=today)

    assert due_of(consultation).late
    assert not due_of(on_time).late
    consultation.statement_published_at = timezone.now()
    assert not due_of(consultation).late


def test_the_page_flags_a_late_statement_to_the_public(client, english):
    due = timezone.localdate() - timedelta(days=3)
    consultation = closed_consultation(statement_due_on=due)
    proposal(consultation, text="Текст, който още не е публичен.")

    html = client.get(statement_url(consultation)).content.decode()

    assert "Late" in html and f"{due:%d.%m.%Y}" in html
    assert "Текст, който още не е публичен." not in html


def test_staff_and_officials_read_the_working_copy_with_what_is_missing(client, official, english):
    consultation = closed_consultation()
    decided(proposal(consultation, text="Решено."))
    proposal(consultation, text="Нерешено.")
    client.force_login(official)

    html = client.get(statement_url(consultation)).content.decode()

    assert "Working copy" in html
    assert "1 proposal has no decision yet." in html
    assert "Решено." in html and "Нерешено." in html
    assert decide_url(Comment.objects.first()) not in html  # officials_decide is off


def test_the_published_statement_lists_every_proposal_with_its_decision(
    client, staff, resident, english
):
    consultation = closed_consultation(allows_anonymous=True)
    decided(proposal(consultation, text="По целия документ.", section=None), Decision.ACCEPTED)
    decided(
        proposal(consultation, text="Анонимно.", author_name="", anonymous=True),
        Decision.NOT_ACCEPTED,
        "Извън обхвата на наредбата.",
    )
    decided(proposal(consultation, text="Отчетено.", author_name="НЧ „Светлина“"), "noted")
    proposal(consultation, text="Скрито.", status=Comment.Status.REJECTED, rejection="spam")
    services.publish_statement(consultation, user=staff)
    client.force_login(resident)

    html = client.get(statement_url(consultation)).content.decode()

    for text in ("По целия документ.", "Анонимно.", "Отчетено.", "Извън обхвата на наредбата."):
        assert text in html
    assert "Скрито." not in html
    assert "Anonymous citizen" in html and "НЧ „Светлина“" in html
    assert "The whole document" in html and "Чл. 2 Шум" in html
    assert "Working copy" not in html


def test_counts_by_decision_and_channel(staff):
    consultation = closed_consultation()
    decided(proposal(consultation, channel="online"), Decision.ACCEPTED)
    decided(proposal(consultation, channel="phone"), Decision.ACCEPTED)
    decided(proposal(consultation, channel="paper"), Decision.PARTLY, "Частично.")
    proposal(consultation, channel="paper", status=Comment.Status.REJECTED, rejection="spam")

    statement = statement_of(consultation)

    by_decision = {line.value: line.count for line in statement.by_decision}
    by_channel = {line.value: line.count for line in statement.by_channel}
    assert by_decision == {"": 0, "accepted": 2, "partly": 1, "not_accepted": 0, "noted": 0}
    assert by_channel == {"online": 1, "meeting": 0, "paper": 1, "phone": 1, "email": 0}


def test_a_draft_consultation_s_statement_is_not_found_by_the_public(client, staff):
    consultation = build_consultation(status="draft")

    assert client.get(statement_url(consultation)).status_code == 404
    client.force_login(staff)
    assert client.get(statement_url(consultation)).status_code == 200


def test_the_statement_page_reads_few_or_many_proposals_in_the_same_queries(
    client, staff, django_assert_max_num_queries
):
    consultation = closed_consultation()
    client.force_login(staff)

    def queries():
        with django_assert_max_num_queries(100) as captured:
            assert client.get(statement_url(consultation)).status_code == 200
        return len(captured)

    decided(proposal(consultation))
    few = queries()
    for number in range(20):
        decided(proposal(consultation, text=f"Предложение {number}", channel="phone"))
    assert queries() == few


def test_staff_and_officials_find_the_statements_to_publish_with_the_late_ones_flagged(
    staff, official
):
    today = timezone.localdate()
    late = closed_consultation(slug="late", statement_due_on=today - timedelta(days=2))
    proposal(late)
    decided(proposal(late))
    due = closed_consultation(slug="due", statement_due_on=today + timedelta(days=20))
    done = closed_consultation(slug="done", statement_published_at=timezone.now())
    build_consultation(slug="still-open")

    for user in (staff, official):
        items = STATEMENTS_TO_PUBLISH.items(user)
        assert [item.url for item in items] == [statement_url(late), statement_url(due)]
        assert [item.overdue for item in items] == [True, False]
    assert statement_url(done) not in [item.url for item in items]
    assert "1" in items[0].detail and "0" in items[1].detail
    assert staff.has_perm(STATEMENTS_TO_PUBLISH.permission)
    assert official.has_perm(STATEMENTS_TO_PUBLISH.permission)
