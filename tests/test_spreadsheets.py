"""The kernel's safe spreadsheet cells: text that could start a formula, numbers that stay
numbers."""

import io

import openpyxl
import pytest
from openpyxl import Workbook

from ivanovo_portal import spreadsheets


@pytest.mark.parametrize(
    "text",
    ["=1+1", "+1+1", "-1+1", "@SUM(1,1)", "\tcalc", "\r=1+1", "=cmd|' /C calc'!A0", "-", "+"],
)
def test_text_that_could_start_a_formula_gets_a_leading_quote(text):
    assert spreadsheets.neutralised(text) == "'" + text


@pytest.mark.parametrize("text", ["-9", "+3", "-2.5", "2,5", "Иваново", "a=1", "", "'=1"])
def test_plain_numbers_and_other_text_stay_as_typed(text):
    assert spreadsheets.neutralised(text) == text


def test_csv_lines_quote_every_field_and_write_numbers_through_the_given_function():
    lines = list(spreadsheets.csv_lines([["a", "b"], ["=1+1", -3, None]], value=lambda v: v))
    assert lines == ['\ufeff"a","b"\r\n', '"\'=1+1","-3",""\r\n']


def test_xlsx_rows_store_text_as_strings_and_numbers_as_numbers():
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("s")
    sheet.append(spreadsheets.xlsx_row(sheet, ["=1+1", "@A1", -3, 2.5, None, "x\x01y"]))
    output = io.BytesIO()
    workbook.save(output)
    cells = next(openpyxl.load_workbook(output)["s"].iter_rows())
    assert [(c.data_type, c.value) for c in cells] == [
        ("s", "=1+1"),
        ("s", "@A1"),
        ("n", -3),
        ("n", 2.5),
        ("n", None),
        ("s", "xy"),
    ]
