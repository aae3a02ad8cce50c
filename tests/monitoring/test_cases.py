"""Civic monitoring's cases for the toolkit: every published round, with its monitors, findings
and overall index as its public scorecard shows them."""

import pytest
from django.utils import timezone

from monitoring import cases as provider
from monitoring.models import Membership, MonitoringReport, Round
from tests.conftest import make_user

from .conftest import build_round

pytestmark = pytest.mark.django_db


def published(round_):
    Round.objects.filter(pk=round_.pk).update(
        status=Round.Status.PUBLISHED, published_at=timezone.now()
    )
    return Round.objects.get(pk=round_.pk)


def test_a_published_round_is_a_case_of_civic_monitoring(round_):
    published(round_)

    [case] = provider.round_cases()

    assert (case.key, case.method, case.title) == (round_.slug, "civic-monitoring", round_.title)
    assert (case.starts_on, case.ends_on) == (round_.period_start, round_.period_end)
    assert [figure.value for figure in case.results] == ["—", "0"]
    assert case.url.endswith(f"/rounds/{round_.slug}/")
    assert case.results_url == ""


def test_its_published_report_is_its_outcome(round_, staff):
    round_ = published(round_)
    report = MonitoringReport.objects.create(
        round=round_, title="Доклад", slug="doklad", status=MonitoringReport.Status.PUBLISHED
    )

    [case] = provider.round_cases()

    assert case.results_url == report.get_absolute_url()
    assert "0" in case.outcome


def test_a_round_in_fieldwork_is_no_case(round_):
    assert provider.round_cases() == []


def test_fewer_than_five_monitors_are_not_shown_as_a_number(round_):
    published(round_)

    [case] = provider.round_cases()

    assert case.participants is None
    assert [figure.value for figure in case.by_group] == ["не се показва"]


def test_five_monitors_are_counted(framework_version):
    people = [(make_user(f"monitor{n}"), Membership.Role.MONITOR) for n in range(5)]
    published(build_round(framework_version, members=people))

    [case] = provider.round_cases()

    assert case.participants == 5
