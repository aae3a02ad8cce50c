"""Activity 4's figures, counted live: discussions held (closed, or over with attendance), the
settlements they were held in, and the participants from NGOs, business, the media and citizens."""

import pytest

from consultations import indicators
from ivanovo_portal.indicators.registry import figures, value
from ivanovo_portal.meetings.models import Meeting
from ivanovo_portal.recommendations import indicators as register
from tests.meetings.conftest import build_meeting

from .statement_data import attend, close, settlement

pytestmark = pytest.mark.django_db
KEYS = ("consultations_held", "consultations_settlements", "consultation_participants")


@pytest.fixture
def discussions():
    """Held: two in Pirgovo (one closed, one over and closed) and one in Krasen, over with
    attendance but not closed. Not held: one over with nobody recorded, one to come, a round
    table, a cancelled and a draft discussion."""
    pirgovo = close(build_meeting(slug="pirgovo", days=-30))
    attend(pirgovo, "citizens", 3)
    attend(pirgovo, "ngos", 1)
    attend(pirgovo, "municipal-staff", 2)
    again = close(build_meeting(slug="pirgovo-again", days=-20))
    attend(again, "citizens", 1)
    krasen = build_meeting(slug="krasen", days=-2, settlement=settlement("krasen"))
    attend(krasen, "businesses", 2)
    attend(krasen, "media", 1)
    attend(krasen, "mayors", 1)
    build_meeting(slug="nobody", days=-3, settlement=settlement("mechka"))
    build_meeting(slug="to-come", days=5, settlement=settlement("mechka"))
    round_table = close(build_meeting(slug="round-table", days=-4, kind=Meeting.Kind.ROUND_TABLE))
    attend(round_table, "citizens", 4)
    for status in (Meeting.Status.CANCELLED, Meeting.Status.DRAFT):
        other = build_meeting(slug=status, days=-6, settlement=settlement("nisovo"), status=status)
        attend(other, "citizens", 5)


def test_discussions_held_count_closed_ones_and_those_over_with_attendance(discussions):
    assert value("consultations_held") == 3


def test_settlements_count_once_however_many_discussions(discussions):
    assert value("consultations_settlements") == 2


def test_participants_are_citizens_ngos_business_and_media_at_discussions_held(discussions):
    assert value("consultation_participants") == 3 + 1 + 1 + 2 + 1


def test_nothing_held_counts_zero(db):
    build_meeting(slug="to-come")

    assert [value(key) for key in KEYS] == [0, 0, 0]


def test_the_recommendations_given_are_the_register_s_figure():
    assert figures.get("consultation_recommendations_filed") is (
        register.consultation_recommendations_filed
    )


def test_each_figure_is_one_query(discussions, django_assert_num_queries):
    for key in KEYS:
        with django_assert_num_queries(1):
            getattr(indicators, key)()
