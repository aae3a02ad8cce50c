"""The consultations' cases for the toolkit: each public consultation as a public discussion
(meetings held, attendance by group as published) and, once open, an online consultation."""

import pytest

from consultations import cases as provider
from consultations.models import Comment, Consultation
from ivanovo_portal.places.models import StakeholderGroup
from tests.meetings.conftest import build_meeting

from .conftest import build_consultation
from .statement_data import Decision, attend, close, decided, link, proposal

pytestmark = pytest.mark.django_db


def by_method(cases):
    return {case.method: case for case in cases}


@pytest.fixture
def discussed(consultation):
    """A meeting in Pirgovo held and closed: 7 citizens, 6 NGOs, 2 businesses; two online
    proposals, one accepted, and one made at the meeting."""
    held = close(build_meeting(slug="pirgovo-held", days=-3))
    attend(held, "citizens", 7)
    attend(held, "ngos", 6)
    attend(held, "businesses", 2)
    link(consultation, held)
    decided(proposal(consultation), Decision.ACCEPTED)
    proposal(consultation, text="Второ предложение.")
    proposal(consultation, text="От срещата.", channel=Comment.Channel.MEETING)
    return consultation


def test_a_public_consultation_is_a_public_discussion_with_its_meetings(discussed):
    cases = by_method(provider.consultation_cases())
    case = cases["public-discussion"]

    assert case.key == discussed.slug
    assert case.places == ("Пиргово",)
    assert (case.starts_on, case.ends_on) == (discussed.opens_on, discussed.closes_on)
    assert case.participants == 15
    assert [figure.value for figure in case.results] == ["1", "3"]
    assert len(case.by_group) == StakeholderGroup.objects.count()
    assert "1" in case.what_changed


def test_comments_taken_online_make_an_online_consultation(discussed):
    case = by_method(provider.consultation_cases())["online-consultation"]

    assert case.key == f"online-{discussed.slug}"
    assert case.participants is None
    assert [figure.value for figure in case.results] == ["2", "1"]


def test_a_group_of_fewer_than_five_is_not_shown_as_a_number(discussed):
    case = by_method(provider.consultation_cases())["public-discussion"]

    businesses = StakeholderGroup.objects.get(slug="businesses").display_name
    shown = {figure.label: figure.value for figure in case.by_group}
    assert shown[businesses] == "не се показва"
    assert "2" not in shown.values()


def test_a_draft_consultation_is_no_case(db):
    build_consultation(status=Consultation.Status.DRAFT)

    assert provider.consultation_cases() == []


def test_a_consultation_still_to_open_takes_no_comments_online_yet(db):
    build_consultation(opened_days_ago=-5)

    assert [case.method for case in provider.consultation_cases()] == ["public-discussion"]
