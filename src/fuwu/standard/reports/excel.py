"""The conformity report as an Excel workbook: summary, clauses, exclusions."""

from __future__ import annotations

from io import BytesIO

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.worksheet.worksheet import Worksheet

from fuwu.core.exports import append_as_data

from .data import ReportData

STATUSES = ("conforming", "nonconforming", "not_assessed", "excluded")
FILLS = {
    "conforming": "D3F2D8",
    "nonconforming": "F8D7D7",
    "not_assessed": "E9ECEF",
    "excluded": "FFFFFF",
}
BOLD = Font(bold=True)
WRAP = Alignment(wrap_text=True, vertical="top")


def _header(sheet: Worksheet, values: list[str], widths: list[int]) -> None:
    append_as_data(sheet, values)
    for cell in sheet[sheet.max_row]:
        cell.font = BOLD
        cell.fill = PatternFill("solid", fgColor="F1F3F5")
    sheet.freeze_panes = f"A{sheet.max_row + 1}"  # a string: .cell() would create the row
    for index, width in enumerate(widths):
        sheet.column_dimensions[chr(ord("A") + index)].width = width


def render(data: ReportData) -> bytes:
    L = data.labels
    book = Workbook()
    summary = book.active
    summary.title = L["summary_sheet"][:31]
    append_as_data(summary, [data.title])
    summary["A1"].font = Font(bold=True, size=14)
    append_as_data(summary, [data.standard])
    append_as_data(summary, [L["organization"], data.organization])
    append_as_data(summary, [L["generated"], data.generated])
    append_as_data(summary, [L["score"], data.score if data.score is not None else "—"])
    append_as_data(summary, [L["scope"], data.scope or L["no_scope"]])
    for status in STATUSES:
        append_as_data(summary, [data.status_labels[status], data.counts[status]])
    append_as_data(summary, [])
    _header(
        summary,
        [L["clause"], L["process"], L["score"], *(data.status_labels[s] for s in STATUSES)],
        [22, 40, 12, 14, 14, 14, 14],
    )
    summary.freeze_panes = None
    for p in data.processes:
        append_as_data(summary, [p.ref, p.label, p.score, *(p.counts[s] for s in STATUSES)])

    clauses = book.create_sheet(L["clauses_sheet"][:31])
    _header(
        clauses,
        [L["clause"], L["title_column"], L["process"], L["status"], L["reasons"]],
        [12, 44, 30, 16, 90],
    )
    for c in data.clauses:
        append_as_data(clauses, [c.ref, c.title, c.process, c.status_label, "\n".join(c.reasons)])
        row = clauses[clauses.max_row]
        row[3].fill = PatternFill("solid", fgColor=FILLS[c.status])
        row[4].alignment = WRAP
        if not c.item:
            row[0].font = BOLD
    clauses.auto_filter.ref = f"A1:E{clauses.max_row}"

    exclusions = book.create_sheet(L["exclusions_sheet"][:31])
    _header(
        exclusions,
        [L["clause"], L["title_column"], L["justification"], L["decided_by"], L["decided_on"]],
        [12, 40, 80, 20, 14],
    )
    for e in data.exclusions:
        append_as_data(exclusions, [e.ref, e.title, e.justification, e.decided_by, e.decided_on])
        exclusions[exclusions.max_row][2].alignment = WRAP

    buffer = BytesIO()
    book.save(buffer)
    return buffer.getvalue()
