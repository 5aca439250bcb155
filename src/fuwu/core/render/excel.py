"""A Document as an Excel workbook (openpyxl): its tables, as data.

The first sheet (`Document.sheet`, else the title) holds the title block and every
table or list of facts without a sheet of its own; a table with `sheet` gets its own
sheet, with its header frozen and filtered. Headings, paragraphs and figures of the
body are left out: a workbook is for the figures in the tables. Text that starts like
a formula stays text (fuwu.core.exports.append_as_data); text goes through
`printable()` (Excel's XML cannot hold control characters).
"""

from __future__ import annotations

from io import BytesIO
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from ..exports import append_as_data
from ..text import printable
from .blocks import BADGES, Block, Cell, Facts, Heading, Paragraph, Table, plain
from .document import Document

BOLD = Font(bold=True)
WRAP = Alignment(wrap_text=True, vertical="top")
HEADER_FILL = PatternFill("solid", fgColor="F1F3F5")
CHARACTERS_PER_UNIT = 190  # a table's relative widths share about this many characters


def _value(cell: Cell) -> Any:
    """A cell's value: a number stays a number, so that a sheet can sum it."""
    if isinstance(cell, (int, float)):
        return cell
    return printable(plain(cell))


def _sheet_name(name: str, taken: list[str]) -> str:
    # Excel: at most 31 characters, none of []:*?/\ and unique in the workbook.
    clean = "".join(c for c in printable(name) if c not in "[]:*?/\\")[:31] or "Sheet"
    candidate, n = clean, 2
    while candidate in taken:
        candidate = f"{clean[:28]} {n}"
        n += 1
    return candidate


def _style_row(cells: list[Any], values: list[Cell], *, indent: bool = False) -> None:
    for written, value in zip(cells, values, strict=False):
        if isinstance(value, (int, float)):
            continue
        if isinstance(value, str):
            if "\n" in value:
                written.alignment = WRAP
            continue
        if any(span.bold for span in value):
            written.font = BOLD
        badge = next((span.badge for span in value if span.badge), "")
        if badge:
            written.fill = PatternFill("solid", fgColor=BADGES[badge][1])
        if "\n" in plain(value):
            written.alignment = WRAP
    if indent and cells:
        first = cells[0]
        first.alignment = Alignment(indent=1, vertical="top")


def _table(sheet: Worksheet, table: Table, *, own_sheet: bool) -> None:
    if table.columns:
        for written in append_as_data(sheet, [printable(c) for c in table.columns]):
            written.font = BOLD
            written.fill = HEADER_FILL
        if own_sheet:
            sheet.freeze_panes = f"A{sheet.max_row + 1}"  # a string: .cell() would add a row
            total = sum(table.widths) or 1
            for index, width in enumerate(table.widths, start=1):
                chars = max(8, min(90, round(CHARACTERS_PER_UNIT * width / total)))
                sheet.column_dimensions[get_column_letter(index)].width = chars
    for number, row in enumerate(table.rows):
        cells = append_as_data(sheet, [_value(c) for c in row])
        _style_row(cells, list(row), indent=number in table.indented)
    if own_sheet and table.columns:
        last = get_column_letter(max(table.column_count, 1))
        sheet.auto_filter.ref = f"A1:{last}{max(sheet.max_row, 1)}"


def _first_sheet_block(sheet: Worksheet, block: Block, *, cover: bool) -> None:
    if isinstance(block, Facts):
        for label, value in block.rows:
            append_as_data(sheet, [printable(plain(label)), _value(value)])[0].font = BOLD
    elif isinstance(block, Table):
        _table(sheet, block, own_sheet=False)
        append_as_data(sheet, [])
    elif cover and isinstance(block, Heading):
        append_as_data(sheet, [printable(block.title)])[0].font = BOLD
    elif cover and isinstance(block, Paragraph):
        append_as_data(sheet, [printable(block.text())])


def render(document: Document) -> bytes:
    book = Workbook()
    first = book.active
    first.title = _sheet_name(document.sheet or document.title, [])
    append_as_data(first, [printable(document.title)])
    first["A1"].font = Font(bold=True, size=14)
    for line in (document.lead, document.name, document.subtitle):
        if line:
            append_as_data(first, [printable(line)])
    for block in (*document.cover, *document.cover_foot):
        _first_sheet_block(first, block, cover=True)
    append_as_data(first, [])
    first.column_dimensions["A"].width = 28
    first.column_dimensions["B"].width = 40
    for block in document.blocks:
        if isinstance(block, Table) and block.sheet:
            sheet = book.create_sheet(_sheet_name(block.sheet, book.sheetnames))
            _table(sheet, block, own_sheet=True)
        else:
            _first_sheet_block(first, block, cover=False)
    book.properties.title = printable(document.title)
    book.properties.creator = printable(document.author) or None
    book.properties.contentStatus = document.status or None
    book.properties.language = "zh-CN" if document.chinese else "en"
    buffer = BytesIO()
    book.save(buffer)
    return buffer.getvalue()
