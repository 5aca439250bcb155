"""The specification sheet as a Word document (python-docx).

Chinese text takes its font from the East Asian slot of the styles' fonts: the service
manual's helper sets both slots (SimSun / SimHei for Chinese, Calibri / Arial for Latin
text), so the sheet looks like the manual in Word and in LibreOffice.
"""

from __future__ import annotations

from io import BytesIO
from typing import Any

from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor
from docx.table import _Cell

# One place sets Word's East Asian fonts (the service manual's renderer).
from fuwu.core.docx import BODY_FONTS, HEADING_FONTS, set_fonts

from .data import SheetCategory, SheetData, SheetPart, SheetSpecification

GREY = RGBColor(0x5F, 0x5F, 0x5F)
ACCENT = RGBColor(0x20, 0x6B, 0xC4)
TEXT_WIDTH_CM = 17.4


def _shade(cell: _Cell, fill: str) -> None:
    shading = OxmlElement("w:shd")
    for key, value in (("w:val", "clear"), ("w:color", "auto"), ("w:fill", fill)):
        shading.set(qn(key), value)
    cell._tc.get_or_add_tcPr().append(shading)


def _repeat_header(row: Any) -> None:
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    row._tr.get_or_add_trPr().append(header)


def _styles(document: Any, language: str) -> None:
    styles = document.styles
    set_fonts(styles["Normal"], *BODY_FONTS, language)
    styles["Normal"].font.size = Pt(9.5)
    for name in ("Title", "Subtitle", "Heading 1", "Heading 2", "Heading 3"):
        set_fonts(styles[name], *HEADING_FONTS, language)
    styles["Title"].font.size = Pt(20)
    styles["Title"].font.color.rgb = ACCENT
    styles["Heading 1"].font.size = Pt(13)
    styles["Heading 1"].font.color.rgb = ACCENT
    styles["Heading 2"].font.size = Pt(10.5)
    styles["Heading 3"].font.size = Pt(9.5)


def _page(document: Any, sheet: SheetData) -> None:
    section = document.sections[0]
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    section.left_margin = section.right_margin = Cm(1.8)
    header = section.header.paragraphs[0]
    header.text = f"{sheet.organization} · {sheet.title} · {sheet.subtitle} · {sheet.generated}"
    footer = section.footer.paragraphs[0]
    footer.text = sheet.labels["uncontrolled"]
    for paragraph in (header, footer):
        for run in paragraph.runs:
            run.font.size = Pt(7.5)
            run.font.color.rgb = GREY
    properties = document.core_properties
    properties.title = f"{sheet.title} · {sheet.subtitle}"
    properties.author = sheet.organization
    properties.language = "zh-CN" if sheet.language.startswith("zh") else "en"


def _cell_text(cell: _Cell, text: str, *, bold: bool = False, size: float = 8.5) -> None:
    paragraph = cell.paragraphs[0]
    run = paragraph.add_run(text)
    run.bold = bold or None
    run.font.size = Pt(size)


def _facts(document: Any, rows: list[tuple[str, str]]) -> None:
    table = document.add_table(rows=len(rows), cols=2)
    table.alignment = WD_TABLE_ALIGNMENT.LEFT
    for (label, value), row in zip(rows, table.rows, strict=True):
        _cell_text(row.cells[0], label)
        row.cells[0].paragraphs[0].runs[0].font.color.rgb = GREY
        _cell_text(row.cells[1], value, size=9.5)
        row.cells[0].width, row.cells[1].width = Cm(4), Cm(TEXT_WIDTH_CM - 4)


def _items(document: Any, spec: SheetSpecification, category: SheetCategory) -> None:
    columns = spec.columns
    total = sum(spec.widths)
    widths = [TEXT_WIDTH_CM * w / total for w in spec.widths]
    table = document.add_table(rows=len(category.items) + 1, cols=len(columns))
    table.style = "Table Grid"
    cells = table._cells  # row-major, read once
    for c, label in enumerate(columns):
        _cell_text(cells[c], label, bold=True)
        _shade(cells[c], "F1F3F5")
    _repeat_header(table.rows[0])
    for r, item in enumerate(category.items, start=1):
        row = cells[r * len(columns) : (r + 1) * len(columns)]
        _cell_text(row[0], item.number)
        _cell_text(row[1], item.text, size=9)
        if item.detail:
            run = row[1].add_paragraph().add_run(item.detail)
            run.font.size, run.font.color.rgb = Pt(7.5), GREY
        for cell, value in zip(row[2:], item.cells, strict=True):
            _cell_text(cell, value)
    for r in range(len(category.items) + 1):
        for c, width in enumerate(widths):
            cells[r * len(columns) + c].width = Cm(width)


def _category(
    document: Any, sheet: SheetData, spec: SheetSpecification, c: SheetCategory, level: int
) -> None:
    document.add_heading(f"{c.label} ({c.clause})", level=level)
    if c.not_applicable:
        paragraph = document.add_paragraph()
        label = paragraph.add_run(sheet.labels["not_applicable"] + sheet.labels["colon"])
        label.italic = True
        paragraph.add_run(c.not_applicable)
    elif not c.items:
        document.add_paragraph("—")
    else:
        _items(document, spec, c)


def _part(
    document: Any, sheet: SheetData, spec: SheetSpecification, part: SheetPart, level: int
) -> None:
    if part.facts:
        _facts(document, part.facts)
    if part.note:
        run = document.add_paragraph().add_run(part.note)
        run.bold = part.warning or None
        run.font.color.rgb = RGBColor(0xB3, 0x5C, 0x00) if part.warning else GREY
    for category in part.categories:
        _category(document, sheet, spec, category, level)


def render(sheet: SheetData) -> bytes:
    document = Document()
    _styles(document, sheet.language)
    _page(document, sheet)
    lead = document.add_paragraph("SB/T 10382-2004 · 4.4.3")
    lead.runs[0].font.color.rgb = GREY
    document.add_paragraph(sheet.title, style="Title")
    document.add_heading(sheet.subtitle, level=1)
    _facts(document, sheet.facts)
    for spec in sheet.specifications:
        document.add_heading(f"{spec.label} ({spec.clause})", level=1)
        _part(document, sheet, spec, spec.standard, 2)
        if spec.addendum is not None:
            document.add_heading(spec.addendum.title, level=2)
            _part(document, sheet, spec, spec.addendum, 3)
    buffer = BytesIO()
    document.save(buffer)
    return buffer.getvalue()
