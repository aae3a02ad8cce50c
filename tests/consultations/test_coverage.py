"""The coverage across the settlements: meetings held and planned, participants by group (the
public's under disclosure control, the staff's exact), proposals made and accepted; clashes of
overlapping meetings for staff only."""

from datetime import timedelta

import pytest
from django.urls import reverse

from consultations.coverage import coverage
from ivanovo_portal.disclosure import MINIMUM
from ivanovo_portal.meetings.models import Meeting
from ivanovo_portal.places.models import StakeholderGroup
from tests.meetings.conftest import build_meeting

from .conftest import build_consultation
from .statement_data import Decision, attend, close, decided, link, proposal, settlement

pytestmark = pytest.mark.django_db


def url():
    """The page's address in the active language."""
    return reverse("consultations:coverage")


def group_index(slug):
    return [group.slug for group in StakeholderGroup.objects.all()].index(slug)


def row(item, slug):
    return next(cell for cell in item.rows if cell.settlement.slug == slug)


@pytest.fixture
def covered(consultation):
    """Pirgovo: one meeting held and closed (7 citizens, 6 NGOs, 2 businesses), one planned;
    Krasen: one held, not yet closed (3 citizens); a cancelled one that counts nowhere."""
    held = close(build_meeting(slug="pirgovo-held", days=-3))
    attend(held, "citizens", 7)
    attend(held, "ngos", 6)
    attend(held, "businesses", 2)
    planned = build_meeting(slug="pirgovo-planned", days=20)
    krasen = build_meeting(slug="krasen-held", days=-1, settlement=settlement("krasen"))
    attend(krasen, "citizens", 3)
    cancelled = build_meeting(slug="cancelled", days=-2, status=Meeting.Status.CANCELLED)
    for meeting in (held, planned, krasen, cancelled):
        link(consultation, meeting)
    return consultation


def test_meetings_held_and_planned_are_counted_by_settlement(covered):
    item = coverage(exact=False).consultations[0]

    assert len(item.rows) == 13
    assert (row(item, "pirgovo").held, row(item, "pirgovo").planned) == (1, 1)
    assert (row(item, "krasen").held, row(item, "krasen").planned) == (1, 0)
    assert (item.total.held, item.total.planned) == (2, 1)
    assert item.settlements_held == 2


def test_the_public_reads_closed_meetings_under_disclosure_control(covered):
    item = coverage(exact=False).consultations[0]
    pirgovo = row(item, "pirgovo")

    assert pirgovo.participants == 15
    assert pirgovo.by_group[group_index("citizens")] == 7
    assert pirgovo.by_group[group_index("businesses")] is None  # 2 people
    # 15 − 7 − 6 would give the 2 away: the next smallest is withheld too.
    assert pirgovo.by_group[group_index("ngos")] is None
    assert row(item, "krasen").by_group is None  # not closed: nothing published yet
    for cell in [*item.rows, item.total]:
        for count in cell.by_group or []:
            assert count is None or count == 0 or count >= MINIMUM


def test_staff_read_the_exact_counts(covered):
    item = coverage(exact=True).consultations[0]

    assert row(item, "pirgovo").by_group[group_index("businesses")] == 2
    assert row(item, "krasen").by_group[group_index("citizens")] == 3
    assert item.total.participants == 18


def test_proposals_made_and_accepted_count_in_the_author_s_or_the_meeting_s_settlement(covered):
    meeting_link = covered.consultation_meetings.get(meeting__slug="krasen-held")
    decided(proposal(covered, settlement=settlement("pirgovo")), Decision.ACCEPTED)
    decided(proposal(covered, settlement=settlement("pirgovo")), Decision.PARTLY, "Отчасти.")
    decided(proposal(covered, settlement=settlement("pirgovo")), Decision.NOT_ACCEPTED, "Не.")
    proposal(covered, channel="meeting", meeting=meeting_link)
    proposal(covered)  # no settlement: in the total only
    proposal(covered, settlement=settlement("pirgovo"), status="pending", email="a@example.org")

    item = coverage(exact=False).consultations[0]

    assert (row(item, "pirgovo").proposals, row(item, "pirgovo").accepted) == (3, 2)
    assert (row(item, "krasen").proposals, row(item, "krasen").accepted) == (1, 0)
    assert (item.total.proposals, item.total.accepted) == (5, 2)


def test_the_page_withholds_small_cells_from_the_public_and_shows_staff_everything(
    client, covered, staff, english
):
    public = client.get(url()).content.decode()
    client.force_login(staff)
    exact = client.get(url()).content.decode()

    cell = '<td class="text-end">withheld</td>'
    assert cell in public and cell not in exact
    assert covered.title in public


def overlapping():
    first = build_meeting(slug="first", days=5)
    second = build_meeting(
        slug="second",
        days=5,
        title="Кръгла маса в Красен",
        kind=Meeting.Kind.ROUND_TABLE,
        settlement=settlement("krasen"),
    )
    second.starts_at = first.starts_at + timedelta(hours=1)
    second.ends_at = first.ends_at + timedelta(hours=1)
    second.save()
    build_meeting(slug="later", days=6, title="По-късно обсъждане")
    return first, second


def test_clashes_of_overlapping_meetings_are_found(db):
    first, second = overlapping()

    clashes = coverage(exact=True).clashes

    assert [(clash.first, clash.second) for clash in clashes] == [(first, second)]
    assert not clashes[0].same_place


def test_clashes_are_shown_to_staff_only(client, staff, official, english):
    overlapping()
    client.force_login(staff)
    assert "Кръгла маса в Красен" in client.get(url()).content.decode()

    for user in (official, None):
        if user:
            client.force_login(user)
        else:
            client.logout()
        html = client.get(url()).content.decode()
        assert "Кръгла маса в Красен" not in html
        assert "Meetings at the same time" not in html


def test_the_page_reads_one_or_many_consultations_in_the_same_queries(
    client, covered, django_assert_max_num_queries
):
    def queries():
        with django_assert_max_num_queries(100) as captured:
            assert client.get(url()).status_code == 200
        return len(captured)

    few = queries()
    for number in range(4):
        other = build_consultation(slug=f"other-{number}")
        meeting = close(build_meeting(slug=f"other-{number}", days=-5))
        attend(meeting, "media", 5)
        link(other, meeting)
        proposal(other, settlement=settlement("pirgovo"))
    assert queries() == few
