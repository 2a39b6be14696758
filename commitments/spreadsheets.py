"""Reading a spreadsheet of commitments (CSV or XLSX) into rows of text, keyed
by the lower-cased header of the first row; the columns are the open data's."""

import csv
import datetime
import io
from typing import IO

from openpyxl import load_workbook

Row = dict[str, str]


class SpreadsheetError(ValueError):
    pass


def _text(value) -> str:
    # A date cell in Excel comes as a datetime; as the open data writes it.
    if isinstance(value, datetime.datetime | datetime.date):
        return value.strftime("%Y-%m-%d")
    return "" if value is None else str(value).strip()


def _rows(table: list[list]) -> list[Row]:
    if not table:
        return []
    header = [_text(cell).lower() for cell in table[0]]
    return [
        {name: _text(cell) for name, cell in zip(header, cells, strict=False) if name}
        for cells in table[1:]
        if any(_text(cell) for cell in cells)
    ]


def spreadsheet_rows(*, file: IO[bytes], name: str) -> list[Row]:
    """The rows of a .csv (UTF-8, with or without BOM, comma or semicolon as
    Excel writes it per locale) or an .xlsx file (its first sheet)."""
    if name.lower().endswith(".xlsx"):
        try:
            sheet = load_workbook(file, read_only=True, data_only=True).worksheets[0]
        except Exception as error:  # openpyxl raises many kinds for a bad file
            raise SpreadsheetError(str(error)) from error
        return _rows([list(row) for row in sheet.iter_rows(values_only=True)])
    try:
        text = io.TextIOWrapper(file, encoding="utf-8-sig").read()
    except UnicodeDecodeError as error:
        raise SpreadsheetError(str(error)) from error
    first_line = text.partition("\n")[0]
    delimiter = ";" if first_line.count(";") > first_line.count(",") else ","
    return _rows(list(csv.reader(io.StringIO(text), delimiter=delimiter)))
