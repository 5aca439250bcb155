"""The conformity report as a Word document (python-docx).

Word picks the font of Chinese text from the East Asian slot of a run's fonts
(`w:rFonts w:eastAsia`), not from the font name python-docx sets. The styles below
set both, so Chinese renders in SimSun / SimHei (present on every Chinese Windows;
LibreOffice substitutes Noto CJK for them) and Latin text in Calibri / Arial.
"""

from __future__ import annotations

from io import BytesIO
from typing import Any

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor
from docx.table import _Cell

from fuwu.core.compose import labelled
from fuwu.core.docx import BODY_FONTS, HEADING_FONTS, set_fonts

from .data import ReportData

STATUSES = ("conforming", "nonconforming", "not_assessed", "excluded")
FILLS = {
    "conforming": "D3F2D8",
    "nonconforming": "F8D7D7",
    "not_assessed": "E9ECEF",
    "excluded": "FFFFFF",
}


def _shade(cell: _Cell, fill: str) -> None:
    tcpr = cell._tc.get_or_add_tcPr()
    shading = OxmlElement("w:shd")
    shading.set(qn("w:val"), "clear")
    shading.set(qn("w:color"), "auto")
    shading.set(qn("w:fill"), fill)
    tcpr.append(shading)


def _repeat_header(row: Any) -> None:
    trpr = row._tr.get_or_add_trPr()
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    trpr.append(header)


def _table(
    document: Any, headers: list[str], rows: list[list[str]], widths: list[float]
) -> tuple[Any, list[_Cell]]:
    """A table built in one go (python-docx's add_row re-reads the grid on every call)."""
    table = document.add_table(rows=len(rows) + 1, cols=len(headers))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    cells = table._cells  # row-major, computed once
    columns = len(headers)
    for i, text in enumerate(headers):
        cell = cells[i]
        cell.text = text
        cell.paragraphs[0].runs[0].bold = True
        _shade(cell, "F1F3F5")
    _repeat_header(table.rows[0])
    for r, values in enumerate(rows, start=1):
        for c, text in enumerate(values):
            cells[r * columns + c].text = text
    for c, width in enumerate(widths):
        for r in range(len(rows) + 1):
            cells[r * columns + c].width = Cm(width)
    return table, cells


def render(data: ReportData) -> bytes:
    document = Document()
    language = data.language
    styles = document.styles
    set_fonts(styles["Normal"], *BODY_FONTS, language)
    styles["Normal"].font.size = Pt(10)
    for name in ("Title", "Heading 1", "Heading 2"):
        set_fonts(styles[name], *HEADING_FONTS, language)
    L = data.labels
    section = document.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    for side in ("left_margin", "right_margin"):
        setattr(section, side, Cm(1.8))
    document.core_properties.title = f"{data.title} · {data.organization}"
    document.core_properties.author = data.organization
    document.core_properties.language = "zh-CN" if language.startswith("zh") else "en"

    # Title page
    document.add_paragraph(data.standard).runs[0].font.color.rgb = RGBColor(0x5A, 0x5A, 0x5A)
    document.add_paragraph(data.title, style="Title")
    document.add_paragraph(data.organization, style="Heading 1")
    info = document.add_paragraph()
    info.add_run(labelled(L["generated"], "", language)).bold = True
    info.add_run(data.generated)
    score = document.add_paragraph()
    score.add_run(labelled(L["score"], "", language)).bold = True
    score.add_run(data.score_text).font.size = Pt(20)
    document.add_paragraph(L["score_note"]).runs[0].italic = True
    document.add_paragraph(
        " · ".join(f"{data.status_labels[s]} {data.counts[s]}" for s in STATUSES)
    )
    document.add_heading(L["scope"], level=2)
    document.add_paragraph(data.scope or L["no_scope"])
    document.add_page_break()

    document.add_heading(L["summary"], level=1)
    _table(
        document,
        [L["clause"], L["process"], L["score"], *(data.status_labels[s] for s in STATUSES)],
        [
            [
                p.ref,
                p.label,
                f"{p.score} %" if p.score is not None else "—",
                *(str(p.counts[s]) for s in STATUSES),
            ]
            for p in data.processes
        ],
        [1.2, 5.0, 2.0, 2.2, 2.2, 2.2, 2.2],
    )

    document.add_heading(L["clauses"], level=1)
    document.add_paragraph(L["clauses_note"]).runs[0].italic = True
    rows = [
        [("    " if c.item else "") + c.ref, c.title, c.status_label, "\n".join(c.reasons)]
        for c in data.clauses
    ]
    _table_obj, cells = _table(
        document,
        [L["clause"], L["title_column"], L["status"], L["reasons"]],
        rows,
        [2.0, 5.0, 2.6, 7.8],
    )
    for r, clause in enumerate(data.clauses, start=1):
        _shade(cells[r * 4 + 2], FILLS[clause.status])
        if not clause.item:
            cells[r * 4].paragraphs[0].runs[0].bold = True

    document.add_heading(L["exclusions"], level=1)
    if data.exclusions:
        _table(
            document,
            [L["clause"], L["title_column"], L["justification"], L["decided_by"], L["decided_on"]],
            [
                [e.ref, e.title, e.justification, e.decided_by, e.decided_on]
                for e in data.exclusions
            ],
            [1.8, 4.0, 7.0, 2.4, 2.2],
        )
    else:
        document.add_paragraph(L["no_exclusions"])

    buffer = BytesIO()
    document.save(buffer)
    return buffer.getvalue()
