"""The public monitoring pages: who sees a round's scorecard, findings and open data at each
status, that nothing private leaks into them, their charts and tables, and bounded queries."""

import json
import re
from datetime import date, timedelta

import pytest
from django.test.html import parse_html
from django.urls import reverse
from django.utils import timezone

from ivanovo_portal.places.models import Settlement
from monitoring.models import (
    Criterion,
    Evidence,
    Membership,
    MonitoringReport,
    Observation,
    Reply,
    Round,
)
from tests.surveys.page_parsing import elements, text_of

from .conftest import CRITERIA, build_framework, build_round
from .test_scorecard import observe

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]

PERSONAS = ["anonymous", "resident", "monitor", "official", "staff"]
Status = Round.Status


@pytest.fixture
def finding(round_, monitor, centre):
    """T1 for the administration, verified 2, with a public and a private piece of evidence."""
    observation = observe(round_, "T1", centre, 2, monitor=monitor)
    Evidence.objects.create(
        observation=observation,
        kind=Evidence.Kind.LINK,
        description="Публичен регистър на заявленията",
        url="https://ivanovo.bg/register",
        capture=Evidence.Capture.CAPTURED,
        captured_at=timezone.now(),
        sha256="a" * 64,
        is_public=True,
    )
    Evidence.objects.create(
        observation=observation,
        kind=Evidence.Kind.FILE,
        description="Снимка с лицето на служителя",
        name="private-photo.jpg",
        sha256="b" * 64,
    )
    return observation


def at(round_, status):
    Round.objects.filter(pk=round_.pk).update(
        status=status, published_at=timezone.now() if status == Status.PUBLISHED else None
    )


def pages(round_, observation):
    return {
        "scorecard": reverse("monitoring:scorecard", args=[round_.slug]),
        "json": reverse("monitoring:scorecard_json", args=[round_.slug]),
        "finding": reverse(
            "monitoring:finding",
            args=[round_.slug, observation.settlement.slug, observation.criterion.code],
        ),
    }


def visit(client, request, persona, url):
    if persona != "anonymous":
        client.force_login(request.getfixturevalue(persona))
    return client.get(url)


# Who sees a round before publication: its members (the monitor and the coordinating staff) at
# every status, the municipality's official during the right of reply; after it, everybody.
SEES = {
    Status.PLANNED: {"monitor", "staff"},
    Status.FIELDWORK: {"monitor", "staff"},
    Status.VERIFICATION: {"monitor", "staff"},
    Status.REPLY: {"monitor", "staff", "official"},
    Status.PUBLISHED: set(PERSONAS),
}


@pytest.mark.parametrize("status", list(SEES))
@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize("page", ["scorecard", "json", "finding"])
def test_who_sees_a_round_at_each_status(client, request, round_, finding, status, persona, page):
    at(round_, status)
    response = visit(client, request, persona, pages(round_, finding)[page])
    assert response.status_code == (200 if persona in SEES[status] else 404)


@pytest.mark.parametrize("page", ["scorecard", "finding"])
def test_a_draft_says_so_and_a_published_round_does_not(client, staff, round_, finding, page):
    client.force_login(staff)
    url = pages(round_, finding)[page]
    assert "Draft — not public" in client.get(url).text
    at(round_, Status.PUBLISHED)
    assert "Draft — not public" not in client.get(url).text


def test_the_draft_counts_the_cells_verified_so_far(client, staff, round_, finding):
    client.force_login(staff)
    page = client.get(reverse("monitoring:scorecard", args=[round_.slug])).text
    applicable = 1 + 13 + 12 + 13  # T1 the administration, T2 and P2 everywhere, P1 the villages
    assert f"1 of {applicable} cells" in page


def test_the_public_never_sees_private_evidence_or_unconsented_names(
    client, round_, finding, monitor
):
    monitor.first_name, monitor.last_name = "Мария", "Петрова"
    monitor.save()
    at(round_, Status.PUBLISHED)
    urls = pages(round_, finding)
    texts = [client.get(url).content.decode() for url in urls.values()]
    for text in texts:
        assert "Снимка с лицето" not in text and "private-photo" not in text
        assert "b" * 64 not in text
        assert "Петрова" not in text
    finding_page = texts[2]
    assert "Публичен регистър на заявленията" in finding_page
    assert "a" * 64 in finding_page  # the captured page's checksum
    public_evidence = finding.evidence.get(is_public=True)
    assert reverse("monitoring:evidence_file", args=[public_evidence.pk]) in finding_page

    Membership.objects.filter(round=round_, user=monitor).update(name_public=True)
    assert "Мария Петрова" in client.get(urls["finding"]).text
    assert "Петрова" not in client.get(urls["json"]).text  # open data names nobody


def test_members_see_private_evidence_marked_as_such(client, round_, finding, monitor):
    client.force_login(monitor)
    page = client.get(pages(round_, finding)["finding"]).text
    assert "Снимка с лицето на служителя" in page
    assert "not public" in page


def test_the_finding_shows_the_criterion_its_scale_and_the_score(client, round_, finding):
    at(round_, Status.PUBLISHED)
    page = client.get(pages(round_, finding)["finding"]).text
    assert "Въпрос T1?" in page and "ЗДОИ, чл. 15" in page
    assert "2 – изцяло" in page and "Изпълнено е изцяло и в срок." in page
    assert "Констатация по T1." in page
    assert "The municipal administration" in page


def test_the_finding_shows_the_reply_or_that_there_was_none_or_it_was_late(
    client, round_, finding, official
):
    Round.objects.filter(pk=round_.pk).update(reply_deadline=date(2026, 12, 14))
    at(round_, Status.PUBLISHED)
    url = pages(round_, finding)["finding"]
    assert "The municipality did not reply." in client.get(url).text

    reply = Reply.objects.create(
        observation=finding, text="Регистърът е обновен.", official=official
    )
    page = client.get(url).text
    assert "Регистърът е обновен." in page and "replied late" not in page

    Reply.objects.filter(pk=reply.pk).update(
        answered_at=timezone.make_aware(timezone.datetime(2026, 12, 20, 10))
    )
    assert "replied late" in client.get(url).text


def test_a_finding_of_a_criterion_or_settlement_not_in_the_round_is_not_found(
    client, round_, finding, village
):
    at(round_, Status.PUBLISHED)
    for args in [
        (round_.slug, village.slug, "T1"),  # T1 is scored for the administration only
        (round_.slug, finding.settlement.slug, "Z9"),
        (round_.slug, "nowhere", "T1"),
        ("no-round", finding.settlement.slug, "T1"),
    ]:
        assert client.get(reverse("monitoring:finding", args=args)).status_code == 404


def test_the_scorecard_shows_the_figures_charts_with_tables_and_links_to_findings(
    client, round_, finding, monitor, village
):
    observe(round_, "P2", village, 1, monitor=monitor)  # 3 of 6: 50 %
    at(round_, Status.PUBLISHED)
    response = client.get(reverse("monitoring:scorecard", args=[round_.slug]))
    page = response.text
    assert "7 points of a weighted maximum of 10." in page  # T1 4/4 + P2 3/6 = 7/10 = 70 %
    assert ">70%</p>" in page
    tree = parse_html(page)
    charts = [e for e, _a in elements(tree) if e.name == "svg"]
    assert len(charts) == 2
    for chart in charts:
        attributes = dict(chart.attributes)
        assert attributes["role"] == "img"
        title_id, desc_id = attributes["aria-labelledby"].split()
        assert f'id="{title_id}"' in page and f'id="{desc_id}"' in page
    assert "T. Прозрачност: 100%; P. Участие: 50%" in page  # the area chart's description
    captions = [text_of(e) for e, _a in elements(tree) if e.name == "caption"]
    assert "The index by area" in captions
    assert "The index by what was monitored" in captions
    assert any(caption.startswith("Final score of every criterion") for caption in captions)
    assert pages(round_, finding)["finding"] in page
    assert reverse("monitoring:finding", args=[round_.slug, village.slug, "P2"]) in page


def test_the_scorecard_shows_the_change_since_the_previous_round(
    client, round_, framework_version, monitor, centre
):
    earlier = build_round(framework_version, slug="round-2025", status=Status.PUBLISHED)
    Round.objects.filter(pk=earlier.pk).update(
        period_start=date(2025, 9, 1), period_end=date(2025, 11, 30)
    )
    observe(earlier, "T1", centre, 1, monitor=monitor)  # 50 %
    observe(round_, "T1", centre, 2, monitor=monitor)  # 100 %
    at(round_, Status.PUBLISHED)
    page = client.get(reverse("monitoring:scorecard", args=[round_.slug])).text
    assert "Change since Наблюдение 2026 (50%): 50.0 percentage points." in page
    assert "+50.0" in page


def test_open_data_has_the_figures_cells_and_criteria(client, round_, finding):
    at(round_, Status.PUBLISHED)
    data = json.loads(client.get(reverse("monitoring:scorecard_json", args=[round_.slug])).text)
    assert data["round"]["slug"] == round_.slug
    assert data["framework"]["version"] == 1
    assert data["overall"] == {
        "points": 4,
        "maximum": 4,
        "percent": 100.0,
        "previous_percent": None,
    }
    assert [c["code"] for c in data["criteria"]] == [code for _a, code, *_ in CRITERIA]
    assert data["criteria"][0]["scale"][2] == {
        "value": 2,
        "label": "изцяло",
        "descriptor": "Изпълнено е изцяло и в срок.",
    }
    cell = {"criterion": "T1", "settlement": "ivanovo", "score": 2, "not_applicable": False}
    assert cell in data["cells"]
    assert len(data["cells"]) == 1 + 13 + 12 + 13
    text = json.dumps(data)
    assert "a" * 64 not in text and "ivanovo.bg/register" not in text  # not even public evidence


def test_the_index_lists_published_rounds_with_their_index_and_rounds_under_way_without(
    client, round_, framework_version, monitor, centre, staff
):
    published = build_round(framework_version, slug="round-2025", status=Status.PUBLISHED)
    observe(published, "T1", centre, 1, monitor=monitor)  # 50 %
    observe(round_, "T1", centre, 2, monitor=monitor)  # would be 100 %, not shown
    MonitoringReport.objects.create(
        round=published,
        title="Доклад 2025",
        slug="doklad-2025",
        status=MonitoringReport.Status.PUBLISHED,
    )
    build_round(framework_version, slug="planned", status=Status.PLANNED)
    page = client.get(reverse("monitoring:index")).text
    assert reverse("monitoring:scorecard", args=["round-2025"]) in page
    assert "Overall index: <strong>50%</strong>" in page
    assert reverse("monitoring:report", args=["doklad-2025"]) in page
    assert reverse("monitoring:framework", args=[framework_version.framework.slug, 1]) in page
    assert "now at the stage: Fieldwork" in page
    assert "Overall index: <strong>100%" not in page
    assert reverse("monitoring:scorecard", args=[round_.slug]) not in page
    assert reverse("monitoring:scorecard", args=["planned"]) not in page


def _many(framework_version, monitor, *, criteria, rounds):
    """``rounds`` published rounds of a framework of ``criteria`` criteria, every cell scored."""
    version = build_framework(
        slug=f"many-{criteria}",
        criteria=[
            (area, f"{code}{n}", scope, weight, allows_na)
            for n in range(criteria // len(CRITERIA))
            for area, code, scope, weight, allows_na in CRITERIA
        ],
    )
    settlements = list(Settlement.objects.all())
    made = []
    for number in range(rounds):
        round_ = build_round(
            version, slug=f"many-{criteria}-{number}", status=Status.PUBLISHED, members=[]
        )
        Round.objects.filter(pk=round_.pk).update(period_start=date(2020 + number, 1, 1))
        Observation.objects.bulk_create(
            Observation(
                round=round_,
                criterion=criterion,
                settlement=settlement,
                monitor=monitor,
                status=Observation.Status.VERIFIED,
                score=number % 3,
                final_score=number % 3,
            )
            for criterion in Criterion.objects.filter(area__version=version)
            for settlement in settlements
            if criterion.applies_to(settlement)
        )
        made.append(round_)
    return made


def test_the_public_pages_take_as_few_queries_for_many_criteria_as_for_few(
    client, framework_version, monitor, django_assert_max_num_queries
):
    few = _many(framework_version, monitor, criteria=4, rounds=2)
    many = _many(framework_version, monitor, criteria=36, rounds=3)
    counts = {}
    for name, made in [("few", few), ("many", many)]:
        with django_assert_max_num_queries(10) as scorecard_queries:
            assert (
                client.get(reverse("monitoring:scorecard", args=[made[-1].slug])).status_code == 200
            )
        with django_assert_max_num_queries(10) as json_queries:
            assert (
                client.get(reverse("monitoring:scorecard_json", args=[made[-1].slug])).status_code
                == 200
            )
        counts[name] = len(scorecard_queries), len(json_queries)
    assert counts["few"] == counts["many"]
    with django_assert_max_num_queries(15):
        page = client.get(reverse("monitoring:index")).text
    assert len(re.findall(r"Overall index:", page)) == 5


def test_the_index_takes_as_few_queries_for_many_rounds_as_for_one(
    client, framework_version, monitor, django_assert_max_num_queries
):
    _many(framework_version, monitor, criteria=4, rounds=1)
    with django_assert_max_num_queries(15) as one:
        client.get(reverse("monitoring:index"))
    _many(framework_version, monitor, criteria=8, rounds=4)
    with django_assert_max_num_queries(15) as five:
        client.get(reverse("monitoring:index"))
    assert len(one) == len(five)


def test_a_round_in_the_future_is_never_the_previous_one(client, round_, framework_version):
    later = build_round(framework_version, slug="later", status=Status.PUBLISHED)
    Round.objects.filter(pk=later.pk).update(period_start=round_.period_start + timedelta(days=1))
    at(round_, Status.PUBLISHED)
    page = client.get(reverse("monitoring:scorecard", args=[round_.slug])).text
    assert "No earlier round of this framework has been published" in page
