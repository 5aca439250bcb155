"""CSV and Excel exports of any queryset, column by column."""

from __future__ import annotations

import csv
from collections.abc import Callable, Iterable, Iterator
from datetime import datetime
from io import BytesIO
from typing import Any

from django.http import HttpResponse, StreamingHttpResponse
from django.utils import timezone
from django.utils.encoding import force_str
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.cell import Cell
from openpyxl.styles import Font

from .text import printable

Column = tuple[str, Any, Callable[[Any], Any]]  # (key, label, value getter)


def cell(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, bool):
        return force_str(_("Yes") if value else _("No"))
    if isinstance(value, datetime):
        return timezone.localtime(value).strftime("%Y-%m-%d %H:%M")
    if isinstance(value, (int, float)):
        return value
    # Old rows may hold control characters, which Excel's XML cannot: print the rest.
    return printable(force_str(value))


def csv_cell(value: Any) -> Any:
    """A spreadsheet opening the CSV would run text that starts like a formula: keep it
    text (OWASP "CSV injection"). The Excel export marks such cells as text instead."""
    value = cell(value)
    if isinstance(value, str) and value[:1] in FORMULA_STARTS:
        return "'" + value
    return value


FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def append_as_data(sheet: Any, values: list[Any]) -> list[Cell]:
    """Append a row to an openpyxl sheet and return its cells; text starting with "="
    is data, never a formula (the Excel side of the CSV guard above). The cells are
    made here because finding the row again (`sheet[sheet.max_row]`) scans every cell
    of the sheet: a quadratic export."""
    cells = [Cell(sheet, value=value) for value in values]
    sheet.append(cells)
    for written in cells:
        if written.data_type == "f":
            written.data_type = "s"
    return cells


class _Echo:
    def write(self, value: str) -> str:
        return value


def csv_response(
    filename: str, columns: list[Column], rows: Iterable[Any]
) -> StreamingHttpResponse:
    writer = csv.writer(_Echo())

    def lines() -> Iterator[str]:
        # The BOM makes Excel read UTF-8 (Chinese) correctly.
        yield "\ufeff" + writer.writerow([printable(force_str(label)) for _, label, _ in columns])
        for row in rows:
            yield writer.writerow([csv_cell(get(row)) for _, _, get in columns])

    response = StreamingHttpResponse(lines(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}.csv"'
    return response


def xlsx_response(
    filename: str, title: str, columns: list[Column], rows: Iterable[Any]
) -> HttpResponse:
    book = Workbook(write_only=False)
    sheet = book.active
    sheet.title = printable(force_str(title))[:31] or "Export"
    sheet.append([printable(force_str(label)) for _, label, _ in columns])
    for c in sheet[1]:
        c.font = Font(bold=True)
    for row in rows:
        append_as_data(sheet, [cell(get(row)) for _, _, get in columns])
    sheet.freeze_panes = "A2"
    for letter_cells in sheet.columns:
        width = max((len(str(c.value or "")) for c in letter_cells[:200]), default=8)
        sheet.column_dimensions[letter_cells[0].column_letter].width = min(max(width + 2, 8), 60)
    buffer = BytesIO()
    book.save(buffer)
    response = HttpResponse(
        buffer.getvalue(),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = f'attachment; filename="{filename}.xlsx"'
    return response
