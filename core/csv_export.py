"""The one way the portal writes CSV: every cell safe to open in a spreadsheet.

Excel and LibreOffice run a cell that starts with `=`, `+`, `-` or `@` as a formula, and one that
starts with a tab or carriage return may become one after trimming; `=HYPERLINK(...)` in a plan title
would become a working link in a civil servant's spreadsheet (OWASP: CSV injection). Such text gets a
leading apostrophe, which spreadsheets read as "this cell is text" and do not show.

The rule follows the type of the value, not its look. Text (titles, names, indicators, anything a
person typed) is always neutralised, even text like "-3.5". Numbers the portal itself writes as
`int`, `float` or `Decimal` (baseline values, counts, shares) stay numbers, so a negative baseline
of -3.5 arrives as -3.5. Exports therefore pass numbers as numbers, never as formatted text.
"""

import csv
from collections.abc import Iterable
from decimal import Decimal

from django.http import HttpResponse

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_cell(value) -> str | int | float | Decimal:
    """The value as a cell: numbers as they are, None as empty, text with a formula start neutralised."""
    if value is None:
        return ""
    if isinstance(value, int | float | Decimal) and not isinstance(value, bool):
        return value
    text = str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def write_csv(stream, rows: Iterable[Iterable], *, delimiter: str = ",", byte_order_mark: bool = False) -> None:
    """Write `rows` (the header first) to a text stream, every cell through `spreadsheet_cell`."""
    if byte_order_mark:
        stream.write("\ufeff")  # lets Excel recognise UTF-8
    writer = csv.writer(stream, delimiter=delimiter, lineterminator="\r\n")
    for row in rows:
        writer.writerow([spreadsheet_cell(value) for value in row])


def csv_response(
    rows: Iterable[Iterable],
    *,
    filename: str,
    delimiter: str = ",",
    byte_order_mark: bool = False,
    content_type: str = "text/csv; charset=utf-8",
) -> HttpResponse:
    """A downloadable CSV file of `rows`."""
    response = HttpResponse(content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    write_csv(response, rows, delimiter=delimiter, byte_order_mark=byte_order_mark)
    return response
