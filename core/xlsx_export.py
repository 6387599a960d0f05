"""The one way the portal writes Excel workbooks (.xlsx), beside `core.csv_export` for CSV.

A Dutch Excel opens a comma-separated UTF-8 file as one column of garbled text ("FryslÃ¢n"); a
workbook has neither problem. Every sheet gets a bold, frozen header row with a filter, columns wide
enough to read, numbers as numbers and dates as dates.

Text stays text. openpyxl stores a string that starts with "=" as a formula, so `=HYPERLINK(...)` in
a plan title would become a working link in a civil servant's spreadsheet; every text cell is typed
as a string after its value is set, whatever it starts with. Unlike the CSV, no apostrophe is needed
(or shown): the cell's type says it is text.
"""

import io
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

from django.http import HttpResponse
from django.utils import timezone
from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DATE_FORMAT = "d-m-yyyy"  # Excel's own codes: shown the Dutch way, whatever the reader's settings
DATETIME_FORMAT = "d-m-yyyy hh:mm"
MIN_WIDTH, MAX_WIDTH = 8, 60
SHEET_TITLE_UNSAFE = str.maketrans(dict.fromkeys("[]:*?/\\", " "))


@dataclass(frozen=True)
class Sheet:
    title: str
    header: list[str]
    rows: Iterable[Iterable]


def _write_cell(cell, value) -> int:
    """Put `value` in `cell` with the right type; returns its width in characters."""
    if value is None or value == "":
        return 0
    if isinstance(value, bool):
        cell.value = value
        return 5
    if isinstance(value, int | float | Decimal):
        cell.value = value
        return len(str(value))
    if isinstance(value, datetime):
        # Excel has no time zones: the time as the portal shows it, in the Netherlands.
        cell.value = timezone.localtime(value).replace(tzinfo=None) if timezone.is_aware(value) else value
        cell.number_format = DATETIME_FORMAT
        return 16
    if isinstance(value, date):
        cell.value = value
        cell.number_format = DATE_FORMAT
        return 10
    text = ILLEGAL_CHARACTERS_RE.sub("", str(value))
    cell.value = text
    cell.data_type = "s"  # after the value: openpyxl would otherwise store "=..." as a formula
    return max((len(line) for line in text.splitlines()), default=0)


def _add_sheet(workbook: Workbook, sheet: Sheet) -> None:
    worksheet = workbook.create_sheet(sheet.title.translate(SHEET_TITLE_UNSAFE)[:31])
    widths = [len(str(name)) for name in sheet.header]
    bold = Font(bold=True)
    for column, name in enumerate(sheet.header, start=1):
        cell = worksheet.cell(row=1, column=column)
        _write_cell(cell, name)
        cell.font = bold
    row_number = 1
    for row_number, row in enumerate(sheet.rows, start=2):
        for column, value in enumerate(row, start=1):
            width = _write_cell(worksheet.cell(row=row_number, column=column), value)
            if column > len(widths):
                widths.append(width)
            else:
                widths[column - 1] = max(widths[column - 1], width)
    for column, width in enumerate(widths, start=1):
        worksheet.column_dimensions[get_column_letter(column)].width = min(max(width + 2, MIN_WIDTH), MAX_WIDTH)
    worksheet.freeze_panes = "A2"
    if sheet.header:
        worksheet.auto_filter.ref = f"A1:{get_column_letter(len(sheet.header))}{max(row_number, 1)}"


def write_xlsx(sheets: Iterable[Sheet]) -> bytes:
    """A workbook with one worksheet per sheet, in order."""
    workbook = Workbook()
    workbook.remove(workbook.active)
    for sheet in sheets:
        _add_sheet(workbook, sheet)
    stream = io.BytesIO()
    workbook.save(stream)
    return stream.getvalue()


def xlsx_response(sheets: Iterable[Sheet], *, filename: str) -> HttpResponse:
    """A downloadable workbook."""
    response = HttpResponse(write_xlsx(sheets), content_type=CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
