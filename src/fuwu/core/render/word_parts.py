"""The pieces of Word documents python-docx has no API for, written as XML: table rows
(python-docx's cell API is too slow for a register of a thousand documents), shading,
fields (page numbers, the contents) and "update fields on opening"."""

from __future__ import annotations

import re
from typing import Any

from docx.enum.text import WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt, RGBColor
from docx.text.paragraph import Paragraph as DocxParagraph

from .blocks import BADGES, Cell, Span, spans_of

CODE_FONT = "Consolas"
TABLE_STYLE = "Fuwu Table Text"
GREY = RGBColor(0x5F, 0x5F, 0x5F)
SIZES = {"small": 8.5, "large": 20.0}


def el(tag: str, **attrs: str) -> Any:
    element = OxmlElement(tag)
    for key, value in attrs.items():
        element.set(qn(f"w:{key}"), value)
    return element


def runs(paragraph: DocxParagraph, spans: tuple[Span, ...]) -> None:
    """The spans as runs of `paragraph` (a line break inside a span is kept)."""
    for span in spans:
        for index, line in enumerate(span.text.split("\n")):
            if index:
                paragraph.add_run().add_break(WD_BREAK.LINE)
            if not line:
                continue
            run = paragraph.add_run(line)
            run.bold = span.bold or None
            run.italic = span.italic or None
            if span.code:
                run.font.name = CODE_FONT
            if span.grey:
                run.font.color.rgb = GREY
            if span.size in SIZES:
                run.font.size = Pt(SIZES[span.size])
            if span.badge:
                run._r.get_or_add_rPr().append(
                    el("w:shd", val="clear", color="auto", fill=BADGES[span.badge][1])
                )


def shade_paragraph(paragraph: DocxParagraph, fill: str, border: str | None = None) -> None:
    ppr = paragraph._p.get_or_add_pPr()
    if border:
        borders = el("w:pBdr")
        borders.append(el("w:left", val="single", sz="18", space="6", color=border))
        ppr.append(borders)
    ppr.append(el("w:shd", val="clear", color="auto", fill=fill))


def _run_xml(span: Span, line: str, first: bool) -> Any:
    """A run of one line; `first`: no line break before it."""
    r = el("w:r")
    rpr = el("w:rPr")
    if span.bold:
        rpr.append(el("w:b"))
    if span.italic:
        rpr.append(el("w:i"))
    if span.grey:
        rpr.append(el("w:color", val="5F5F5F"))
    if span.size in SIZES:
        rpr.append(el("w:sz", val=str(int(SIZES[span.size] * 2))))
    if len(rpr):
        r.append(rpr)
    if not first:
        r.append(el("w:br"))
    t = el("w:t")
    t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    t.text = line
    r.append(t)
    return r


def cell_xml(
    value: Cell, width: int, *, bold: bool = False, grey: bool = False, indent: bool = False
) -> Any:
    """A table cell: its runs, shaded in a badge's pale colour when it holds one."""
    spans = spans_of(value)
    if bold or grey:
        spans = tuple(
            Span(s.text, s.bold or bold, s.italic, s.code, s.grey or grey, s.size, s.badge)
            for s in spans
        )
    tc = el("w:tc")
    tcpr = el("w:tcPr")
    tcpr.append(el("w:tcW", w=str(width), type="dxa"))
    badge = next((s.badge for s in spans if s.badge), "")
    fill = "F1F3F5" if bold and not badge else (BADGES[badge][1] if badge else "")
    if fill:
        tcpr.append(el("w:shd", val="clear", color="auto", fill=fill))
    tc.append(tcpr)
    p = el("w:p")
    ppr = el("w:pPr")
    ppr.append(el("w:pStyle", val=TABLE_STYLE.replace(" ", "")))
    if indent:
        ppr.append(el("w:ind", left="227"))
    p.append(ppr)
    for span in spans:
        for index, line in enumerate(span.text.split("\n")):
            p.append(_run_xml(span, line, index == 0))
    tc.append(p)
    return tc


# -- fields -------------------------------------------------------------------------------


def simple_field(paragraph: DocxParagraph, instruction: str, placeholder: str = "1") -> None:
    field = el("w:fldSimple", instr=instruction)
    run = el("w:r")
    text = el("w:t")
    text.text = placeholder
    run.append(text)
    field.append(run)
    paragraph._p.append(field)


def field_char(paragraph: DocxParagraph, kind: str) -> None:
    paragraph.add_run()._r.append(el("w:fldChar", fldCharType=kind))


def with_page_fields(paragraph: DocxParagraph, text: str) -> None:
    """`text` with PAGE and NUMPAGES fields in place of "%(page)s" and "%(total)s"."""
    for part in re.split(r"(%\(page\)s|%\(total\)s)", text):
        if part == "%(page)s":
            simple_field(paragraph, "PAGE")
        elif part == "%(total)s":
            simple_field(paragraph, "NUMPAGES")
        elif part:
            paragraph.add_run(part)


# The elements w:updateFields must come before in w:settings (the schema's order).
SETTINGS_AFTER_UPDATE_FIELDS = {
    "hdrShapeDefaults",
    "footnotePr",
    "endnotePr",
    "compat",
    "docVars",
    "rsids",
    "mathPr",
    "attachedSchema",
    "themeFontLang",
    "clrSchemeMapping",
    "doNotIncludeSubdocsInStats",
    "doNotAutoCompressPictures",
    "forceUpgrade",
    "captions",
    "readModeInkLockDown",
    "smartTagType",
    "schemaLibrary",
    "shapeDefaults",
    "doNotEmbedSmartTags",
    "decimalSymbol",
    "listSeparator",
}


def update_fields_on_open(document: Any) -> None:
    """Word offers to update the fields (the contents' page numbers) on opening."""
    settings = document.settings.element
    field = el("w:updateFields", val="true")
    for child in settings:
        if child.tag.rsplit("}", 1)[-1] in SETTINGS_AFTER_UPDATE_FIELDS:
            child.addprevious(field)
            return
    settings.append(field)
