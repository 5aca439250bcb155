"""The service manual as a Word document (python-docx).

Word takes the font of Chinese text from the East Asian slot of a run's fonts
(`w:rFonts w:eastAsia`), not from the font name python-docx sets: the styles below set
both (SimSun / SimHei for Chinese, present on every Chinese Windows and replaced by
Noto CJK in LibreOffice; Calibri / Arial for Latin text).

The contents is a TOC field whose cached result is the list of headings, so it reads
well before Word updates it (the document asks Word to update fields on opening, which
adds the page numbers). The figure is the typst drawing of the PDF, as a PNG. Tables
are written as XML rows directly: python-docx's cell API is too slow for a register of
a thousand documents.
"""

from __future__ import annotations

import re
from io import BytesIO
from typing import Any

from docx import Document as Docx
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor
from docx.text.paragraph import Paragraph as DocxParagraph

from fuwu.core.compose import labelled
from fuwu.core.docx import BODY_FONTS, HEADING_FONTS, set_fonts
from fuwu.core.manual.blocks import Block, BulletList, Diagram, Heading, Paragraph, Span, Table

from . import diagram
from .build import ManualData

CODE_FONT = "Consolas"
TEXT_WIDTH_CM = 16.8
TWIPS_PER_CM = 567
GREY = RGBColor(0x5F, 0x5F, 0x5F)
ACCENT = RGBColor(0x20, 0x6B, 0xC4)
TABLE_STYLE = "Fuwu Table Text"


def _styles(document: Any, language: str) -> None:
    styles = document.styles
    set_fonts(styles["Normal"], *BODY_FONTS, language)
    styles["Normal"].font.size = Pt(10.5)
    for name in ("Title", "Subtitle", "Heading 1", "Heading 2", "Heading 3", "Caption"):
        set_fonts(styles[name], *HEADING_FONTS, language)
    styles["Heading 1"].font.size = Pt(16)
    styles["Heading 1"].font.color.rgb = ACCENT
    styles["Heading 2"].font.size = Pt(12.5)
    styles["Heading 3"].font.size = Pt(10.5)
    styles["Title"].font.color.rgb = ACCENT
    table_text = styles.add_style(TABLE_STYLE, WD_STYLE_TYPE.PARAGRAPH)
    table_text.base_style = styles["Normal"]
    table_text.font.size = Pt(9)
    table_text.paragraph_format.space_before = Pt(0)
    table_text.paragraph_format.space_after = Pt(0)


# -- text ------------------------------------------------------------------------------


def _runs(paragraph: DocxParagraph, spans: tuple[Span, ...] | list[Span]) -> None:
    for span in spans:
        if span.text == "\n":
            paragraph.add_run().add_break(WD_BREAK.LINE)
            continue
        run = paragraph.add_run(span.text)
        run.bold = span.bold or None
        run.italic = span.italic or None
        if span.code:
            run.font.name = CODE_FONT


def _shade_paragraph(paragraph: DocxParagraph, fill: str, border: str | None = None) -> None:
    ppr = paragraph._p.get_or_add_pPr()
    if border:
        borders = OxmlElement("w:pBdr")
        left = OxmlElement("w:left")
        for key, value in (("w:val", "single"), ("w:sz", "18"), ("w:space", "6")):
            left.set(qn(key), value)
        left.set(qn("w:color"), border)
        borders.append(left)
        ppr.append(borders)
    shading = OxmlElement("w:shd")
    for key, value in (("w:val", "clear"), ("w:color", "auto"), ("w:fill", fill)):
        shading.set(qn(key), value)
    ppr.append(shading)


def _paragraph(document: Any, block: Paragraph) -> None:
    if block.style == "code":
        paragraph = document.add_paragraph()
        _shade_paragraph(paragraph, "F5F5F5")
        run = paragraph.add_run("".join(s.text for s in block.spans))
        run.font.name = CODE_FONT
        run.font.size = Pt(9)
        return
    paragraph = document.add_paragraph(style="Quote" if block.style == "quote" else None)
    if block.style == "notice":
        _shade_paragraph(paragraph, "FFF8E6", border="F59F00")
    _runs(paragraph, block.spans)
    if block.style == "note":
        for run in paragraph.runs:
            run.font.size = Pt(9)
            run.font.color.rgb = GREY


def _list(document: Any, block: BulletList) -> None:
    counters: dict[int, int] = {}
    for item in block.items:
        level = min(item.level, 2)
        suffix = "" if level == 0 else f" {level + 1}"
        if block.ordered:
            counters[level] = counters.get(level, 0) + 1
            for deeper in [k for k in counters if k > level]:
                del counters[deeper]
            paragraph = document.add_paragraph(style=f"List{suffix}")
            paragraph.add_run(f"{counters[level]}.\t")
        else:
            paragraph = document.add_paragraph(style=f"List Bullet{suffix}")
        _runs(paragraph, item.spans)


# -- tables: rows as XML ----------------------------------------------------------------


def _el(tag: str, **attrs: str) -> Any:
    element = OxmlElement(tag)
    for key, value in attrs.items():
        element.set(qn(f"w:{key}"), value)
    return element


def _cell(text: str, width: int, *, bold: bool = False, fill: str = "", grey: bool = False) -> Any:
    tc = _el("w:tc")
    tcpr = _el("w:tcPr")
    tcpr.append(_el("w:tcW", w=str(width), type="dxa"))
    if fill:
        tcpr.append(_el("w:shd", val="clear", color="auto", fill=fill))
    tc.append(tcpr)
    p = _el("w:p")
    ppr = _el("w:pPr")
    ppr.append(_el("w:pStyle", val=TABLE_STYLE.replace(" ", "")))
    p.append(ppr)
    for index, line in enumerate(text.split("\n")):
        r = _el("w:r")
        if bold or grey:
            rpr = _el("w:rPr")
            if bold:
                rpr.append(_el("w:b"))
            if grey:
                rpr.append(_el("w:color", val="5F5F5F"))
            r.append(rpr)
        if index:
            r.append(_el("w:br"))
        t = _el("w:t")
        t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
        t.text = line
        r.append(t)
        p.append(r)
    tc.append(p)
    return tc


def _table(document: Any, block: Table) -> None:
    count = block.column_count
    if not count:
        return
    total = sum(block.widths) or 1
    widths = [int(TEXT_WIDTH_CM * TWIPS_PER_CM * w / total) for w in block.widths]
    table = document.add_table(rows=0, cols=count)
    table.style = document.styles["Table Grid"]
    table.autofit = False  # a fixed layout: Word need not measure every cell
    tbl = table._tbl
    for col, width in zip(tbl.tblGrid.findall(qn("w:gridCol")), widths, strict=True):
        col.set(qn("w:w"), str(width))
    if block.columns:
        tr = _el("w:tr")
        trpr = _el("w:trPr")
        trpr.append(_el("w:tblHeader"))
        tr.append(trpr)
        for text, width in zip(block.columns, widths, strict=True):
            tr.append(_cell(text, width, bold=True, fill="F1F3F5"))
        tbl.append(tr)
    facts = not block.columns
    for row in block.rows:
        tr = _el("w:tr")
        trpr = _el("w:trPr")
        trpr.append(_el("w:cantSplit"))
        tr.append(trpr)
        for index, (text, width) in enumerate(zip(row, widths, strict=True)):
            tr.append(_cell(text, width, grey=facts and index == 0))
        tbl.append(tr)
    if block.caption:
        document.add_paragraph(block.caption, style="Caption")
    document.add_paragraph()  # Word glues consecutive tables together otherwise


# -- the figure ----------------------------------------------------------------------


def _diagram(document: Any, block: Diagram, language: str, figure: int, label: str) -> None:
    png = diagram.image(block.kind, block.data, language, fmt="png")
    document.add_picture(BytesIO(png), width=Cm(TEXT_WIDTH_CM - 0.3))
    if block.caption:
        caption = labelled(f"{label} {figure}", block.caption, language)
        document.add_paragraph(caption, style="Caption")


# -- fields, header, footer, contents ------------------------------------------------------


def _simple_field(paragraph: DocxParagraph, instruction: str, placeholder: str = "1") -> None:
    field = _el("w:fldSimple", instr=instruction)
    run = _el("w:r")
    text = _el("w:t")
    text.text = placeholder
    run.append(text)
    field.append(run)
    paragraph._p.append(field)


def _field_char(paragraph: DocxParagraph, kind: str) -> None:
    run = paragraph.add_run()
    run._r.append(_el("w:fldChar", fldCharType=kind))


def _page_of(paragraph: DocxParagraph, label: str) -> None:
    """ "Page %(page)s of %(total)s" with PAGE and NUMPAGES fields in its places."""
    for part in re.split(r"(%\(page\)s|%\(total\)s)", label):
        if part == "%(page)s":
            _simple_field(paragraph, "PAGE")
        elif part == "%(total)s":
            _simple_field(paragraph, "NUMPAGES")
        elif part:
            paragraph.add_run(part)


def _header_footer(section: Any, data: ManualData) -> None:
    section.different_first_page_header_footer = True  # the title page has none
    running = (
        f"{data.document_number} · {data.labels['version']} {data.version}"
        if data.controlled
        else f"{data.labels['uncontrolled']} · {data.generated}"
    )
    header = section.header.paragraphs[0]
    header.text = f"{data.organization} · {data.title}\t\t{running}"
    footer = section.footer.paragraphs[0]
    footer.add_run(f"SB/T 10382-2004 · {data.date}\t\t")
    _page_of(footer, data.labels["page_of"])
    for paragraph in (header, footer):
        for run in paragraph.runs:
            run.font.size = Pt(8)
            run.font.color.rgb = GREY


def _contents(document: Any, data: ManualData) -> None:
    document.add_paragraph(data.labels["contents"], style="TOC Heading")
    entries = data.headings()
    first = document.add_paragraph()
    _field_char(first, "begin")
    instruction = first.add_run()
    text = _el("w:instrText")
    text.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    text.text = ' TOC \\o "1-2" \\h \\z \\u '
    instruction._r.append(text)
    _field_char(first, "separate")
    paragraph = first
    for index, (level, number, title) in enumerate(entries):
        if index:
            paragraph = document.add_paragraph()
        run = paragraph.add_run(f"{number}  {title}")
        if level == 1:
            run.bold = True
        else:
            paragraph.paragraph_format.left_indent = Cm(0.8)
        paragraph.paragraph_format.space_after = Pt(2)
    _field_char(paragraph, "end")
    hint = document.add_paragraph()
    run = hint.add_run(data.labels["toc_hint"])
    run.italic = True
    run.font.size = Pt(8)
    run.font.color.rgb = GREY


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


def _update_fields_on_open(document: Any) -> None:
    """Word offers to update the fields (the contents' page numbers) on opening."""
    settings = document.settings.element
    field = _el("w:updateFields", val="true")
    for child in settings:
        if child.tag.rsplit("}", 1)[-1] in SETTINGS_AFTER_UPDATE_FIELDS:
            child.addprevious(field)
            return
    settings.append(field)


# -- the title page ----------------------------------------------------------------------


def _title_page(document: Any, data: ManualData) -> None:
    standard = document.add_paragraph()
    run = standard.add_run(data.standard)
    run.font.size = Pt(9)
    run.font.color.rgb = GREY
    for _ in range(5):
        document.add_paragraph()
    document.add_paragraph(data.title, style="Title")
    document.add_paragraph(data.title_other, style="Subtitle")
    organization = document.add_paragraph()
    run = organization.add_run(data.organization)
    run.bold = True
    run.font.size = Pt(18)
    for label, value in ((data.labels["version"], data.version), (data.labels["date"], data.date)):
        line = document.add_paragraph()
        line.add_run(labelled(label, "", data.language)).font.color.rgb = GREY
        line.add_run(value)
    for _ in range(4):
        document.add_paragraph()
    heading = document.add_paragraph()
    heading.add_run(data.labels["approval"]).bold = True
    _table(document, Table(rows=tuple(data.approval), widths=(1, 2.4)))
    note = document.add_paragraph()
    run = note.add_run(data.approval_note)
    run.font.size = Pt(8.5)
    run.font.color.rgb = GREY


# -- the manual ------------------------------------------------------------------------


def _block(document: Any, block: Block, data: ManualData, figures: list[int]) -> None:
    if isinstance(block, Heading):
        if block.level == 2:
            document.add_heading(f"{block.number}  {block.title}", level=2)
        else:
            document.add_heading(block.title, level=3)
    elif isinstance(block, Paragraph):
        _paragraph(document, block)
    elif isinstance(block, BulletList):
        _list(document, block)
    elif isinstance(block, Table):
        _table(document, block)
    elif isinstance(block, Diagram):
        figures[0] += 1
        _diagram(document, block, data.language, figures[0], data.labels["figure"])


def render(data: ManualData) -> bytes:
    document = Docx()
    _styles(document, data.language)
    section = document.sections[0]
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    section.left_margin = section.right_margin = Cm(2.1)
    section.top_margin, section.bottom_margin = Cm(2.4), Cm(2.2)
    properties = document.core_properties
    properties.title = f"{data.title} · {data.organization}"
    properties.author = data.organization
    properties.subject = data.standard
    properties.language = "zh-CN" if data.language.startswith("zh") else "en"
    _header_footer(section, data)
    _title_page(document, data)
    document.add_page_break()
    _contents(document, data)
    figures = [0]
    for built in data.sections:
        heading = document.add_heading(f"{built.number}  {built.title}", level=1)
        heading.paragraph_format.page_break_before = True
        for block in built.blocks:
            _block(document, block, data, figures)
    _update_fields_on_open(document)
    buffer = BytesIO()
    document.save(buffer)
    return buffer.getvalue()
