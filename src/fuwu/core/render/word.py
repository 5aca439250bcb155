"""A Document as Word (python-docx).

Word takes the font of Chinese text from the East Asian slot of a run's fonts
(`w:rFonts w:eastAsia`), not from the font name python-docx sets: the styles set both
(fuwu.core.docx: SimSun / SimHei for Chinese, present on every Chinese Windows and
replaced by Noto CJK in LibreOffice; Calibri / Arial for Latin text).

The contents is a TOC field whose cached result is the list of headings, so it reads
well before Word updates it (the document asks Word to update fields on opening, which
adds the page numbers). Figures are PNGs drawn by typst.
"""

from __future__ import annotations

from io import BytesIO
from typing import Any

from docx import Document as Docx
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.style import WD_STYLE_TYPE
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor

from ..compose import labelled
from ..docx import BODY_FONTS, HEADING_FONTS, set_fonts
from . import figures
from .blocks import (
    Block,
    BulletList,
    Diagram,
    Facts,
    Figure,
    Heading,
    PageBreak,
    Paragraph,
    Table,
    plain,
    spans_of,
)
from .document import Document
from .word_parts import (
    CODE_FONT,
    GREY,
    TABLE_STYLE,
    cell_xml,
    el,
    field_char,
    runs,
    shade_paragraph,
    update_fields_on_open,
    with_page_fields,
)

TEXT_WIDTH_CM = 17.0
TWIPS_PER_CM = 567
ACCENT = RGBColor(0x20, 0x6B, 0xC4)


def _styles(document: Any, language: str) -> None:
    styles = document.styles
    set_fonts(styles["Normal"], *BODY_FONTS, language)
    styles["Normal"].font.size = Pt(10)
    for name in ("Title", "Subtitle", "Heading 1", "Heading 2", "Heading 3", "Caption"):
        set_fonts(styles[name], *HEADING_FONTS, language)
    styles["Title"].font.color.rgb = ACCENT
    styles["Heading 1"].font.size = Pt(15)
    styles["Heading 1"].font.color.rgb = ACCENT
    styles["Heading 2"].font.size = Pt(12)
    styles["Heading 3"].font.size = Pt(10.5)
    table_text = styles.add_style(TABLE_STYLE, WD_STYLE_TYPE.PARAGRAPH)
    table_text.base_style = styles["Normal"]
    table_text.font.size = Pt(9)
    table_text.paragraph_format.space_before = Pt(0)
    table_text.paragraph_format.space_after = Pt(0)


class Writer:
    """Draws the blocks one after the other into a python-docx document."""

    def __init__(self, document: Document) -> None:
        self.source = document
        self.docx = Docx()
        self.figures = 0

    # -- blocks ---------------------------------------------------------------------------

    def block(self, block: Block) -> None:
        if isinstance(block, Heading):
            title = f"{block.number}  {block.title}" if block.number else block.title
            heading = self.docx.add_heading(title, level=min(max(block.level, 1), 3))
            if block.note:
                heading.add_run(f" {block.note}").font.color.rgb = GREY
        elif isinstance(block, Paragraph):
            self.paragraph(block)
        elif isinstance(block, BulletList):
            self.bullets(block)
        elif isinstance(block, Table):
            self.table(block.printed())
        elif isinstance(block, Facts):
            self.facts(block)
        elif isinstance(block, PageBreak):
            self.docx.add_page_break()
        elif isinstance(block, (Figure, Diagram)):
            self.figure(block)

    def paragraph(self, block: Paragraph) -> None:
        if block.style == "code":
            paragraph = self.docx.add_paragraph()
            shade_paragraph(paragraph, "F5F5F5")
            run = paragraph.add_run("".join(s.text for s in block.spans))
            run.font.name = CODE_FONT
            run.font.size = Pt(9)
            return
        paragraph = self.docx.add_paragraph(style="Quote" if block.style == "quote" else None)
        if block.style == "notice":
            shade_paragraph(paragraph, "FFF8E6", border="F59F00")
        runs(paragraph, block.spans)
        if block.style == "note":
            for run in paragraph.runs:
                run.font.size = Pt(9)
                run.font.color.rgb = GREY

    def bullets(self, block: BulletList) -> None:
        counters: dict[int, int] = {}
        for item in block.items:
            level = min(item.level, 2)
            suffix = "" if level == 0 else f" {level + 1}"
            if block.ordered:
                counters[level] = counters.get(level, 0) + 1
                for deeper in [k for k in counters if k > level]:
                    del counters[deeper]
                paragraph = self.docx.add_paragraph(style=f"List{suffix}")
                paragraph.add_run(f"{counters[level]}.\t")
            else:
                paragraph = self.docx.add_paragraph(style=f"List Bullet{suffix}")
            runs(paragraph, item.spans)

    def table(self, block: Table) -> None:
        if not block.rows and block.empty:
            run = self.docx.add_paragraph().add_run(block.empty)
            run.font.color.rgb = GREY
            return
        count = block.column_count
        if not count:
            return
        if block.landscape:
            self.turn(landscape=True)
        width_cm = self.text_width()
        total = sum(block.widths) or 1
        widths = [int(width_cm * TWIPS_PER_CM * w / total) for w in block.widths]
        table = self.docx.add_table(rows=0, cols=count)
        table.style = self.docx.styles["Table Grid"]
        table.autofit = False  # a fixed layout: Word need not measure every cell
        tbl = table._tbl
        for col, width in zip(tbl.tblGrid.findall(qn("w:gridCol")), widths, strict=True):
            col.set(qn("w:w"), str(width))
        if block.columns:
            tr = el("w:tr")
            trpr = el("w:trPr")
            trpr.append(el("w:tblHeader"))
            tr.append(trpr)
            for text, width in zip(block.columns, widths, strict=True):
                tr.append(cell_xml(text, width, bold=True))
            tbl.append(tr)
        facts = not block.columns
        for number, row in enumerate(block.rows):
            tr = el("w:tr")
            trpr = el("w:trPr")
            trpr.append(el("w:cantSplit"))
            tr.append(trpr)
            indent = number in block.indented
            for index, (value, width) in enumerate(zip(row, widths, strict=True)):
                grey = facts and index == 0
                tr.append(cell_xml(value, width, grey=grey, indent=indent and index == 0))
            tbl.append(tr)
        if block.caption:
            self.docx.add_paragraph(block.caption, style="Caption")
        self.docx.add_paragraph()  # Word glues consecutive tables together otherwise
        if block.landscape:
            self.turn(landscape=False)

    def facts(self, block: Facts) -> None:
        if block.columns == 1 and not block.boxed:
            # One fact a line, "Label: value" (the language's colon).
            for label, value in block.rows:
                paragraph = self.docx.add_paragraph()
                colon = labelled(plain(label), "", self.source.language)
                paragraph.add_run(colon).font.color.rgb = GREY
                runs(paragraph, spans_of(value))
            return
        pairs = max(block.columns, 1)
        rows = [block.rows[i : i + pairs] for i in range(0, len(block.rows), pairs)]
        flat = [tuple(cell for pair in row for cell in pair) for row in rows]
        widths = (1.0, 2.4) * pairs
        self.table(Table(rows=tuple(flat), widths=widths))

    def figure(self, block: Figure | Diagram) -> None:
        if isinstance(block, Diagram):
            png = figures.image(block.kind, block.data, self.source.language, fmt="png")
            width = self.text_width() - 0.3
        else:
            width = min(block.width, self.text_width())
            png = figures.svg_png(block.svg, width)
        self.docx.add_picture(BytesIO(png), width=Cm(width))
        self.figures += 1
        if block.caption:
            label = f"{self.source.labels.get('figure', 'Figure')} {self.figures}"
            caption = labelled(label, block.caption, self.source.language)
            self.docx.add_paragraph(caption, style="Caption")

    # -- pages ----------------------------------------------------------------------------

    def text_width(self) -> float:
        section = self.docx.sections[-1]
        return (section.page_width - section.left_margin - section.right_margin) / 360000

    def turn(self, *, landscape: bool) -> None:
        section = self.docx.add_section(WD_SECTION.NEW_PAGE)
        section.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT
        long, short = Cm(29.7), Cm(21)
        section.page_width, section.page_height = (long, short) if landscape else (short, long)

    def page(self) -> None:
        section = self.docx.sections[0]
        section.page_width, section.page_height = Cm(21), Cm(29.7)
        section.left_margin = section.right_margin = Cm(2)
        section.top_margin, section.bottom_margin = Cm(2.4), Cm(2.2)
        source = self.source
        section.different_first_page_header_footer = source.title_page  # a bare title page
        for part, (left, right) in (
            (section.header, source.header),
            (section.footer, source.footer),
        ):
            paragraph = part.paragraphs[0]
            with_page_fields(paragraph, f"{left}\t\t{right}" if right else left)
            for run in paragraph.runs:
                run.font.size = Pt(8)
                run.font.color.rgb = GREY
        properties = self.docx.core_properties
        properties.title = f"{source.title} · {source.author}" if source.author else source.title
        properties.author = source.author
        properties.subject = source.subject
        properties.content_status = source.status
        properties.language = "zh-CN" if source.chinese else "en"

    def title_block(self) -> None:
        source = self.source
        if source.lead:
            run = self.docx.add_paragraph().add_run(source.lead)
            run.font.size = Pt(9)
            run.font.color.rgb = GREY
        title = self.docx.add_paragraph(source.title, style="Title")
        if source.title_page:  # a third of the page down, as in the PDF
            title.paragraph_format.space_before = Pt(150)
        if source.subtitle:
            self.docx.add_paragraph(source.subtitle, style="Subtitle")
        if source.name:
            run = self.docx.add_paragraph().add_run(source.name)
            run.bold = True
            run.font.size = Pt(18 if source.title_page else 14)
        for block in source.cover:
            self.block(block)
        if source.cover_foot:
            self.docx.add_paragraph().paragraph_format.space_before = Pt(60)
            for block in source.cover_foot:
                self.block(block)
        if source.title_page:
            self.docx.add_page_break()

    def contents(self) -> None:
        self.docx.add_paragraph(self.source.contents, style="TOC Heading")
        first = self.docx.add_paragraph()
        field_char(first, "begin")
        text = el("w:instrText")
        text.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
        text.text = ' TOC \\o "1-2" \\h \\z \\u '
        first.add_run()._r.append(text)
        field_char(first, "separate")
        paragraph = first
        for index, (level, number, title) in enumerate(self.source.headings()):
            if index:
                paragraph = self.docx.add_paragraph()
            run = paragraph.add_run(f"{number}  {title}" if number else title)
            if level == 1:
                run.bold = True
            else:
                paragraph.paragraph_format.left_indent = Cm(0.8)
            paragraph.paragraph_format.space_after = Pt(2)
        field_char(paragraph, "end")
        if self.source.contents_hint:
            run = self.docx.add_paragraph().add_run(self.source.contents_hint)
            run.italic = True
            run.font.size = Pt(8)
            run.font.color.rgb = GREY
        update_fields_on_open(self.docx)

    def render(self) -> bytes:
        _styles(self.docx, self.source.language)
        self.page()
        self.title_block()
        if self.source.contents:
            self.contents()
        for block in self.source.blocks:
            self.block(block)
        buffer = BytesIO()
        self.docx.save(buffer)
        return buffer.getvalue()


def render(document: Document) -> bytes:
    return Writer(document).render()
