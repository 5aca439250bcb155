# ruff: noqa: RUF001 - the Chinese texts use full-width punctuation, as Chinese does
"""The block renderer (fuwu.core.render): every back-end draws every block type, Chinese
included; characters Word and Excel cannot take are dropped; an empty table says its
empty sentence; the spreadsheet's own columns stay out of PDF and Word."""

from __future__ import annotations

from io import BytesIO

import pytest
from docx import Document as Docx
from openpyxl import load_workbook

from fuwu.core.render import (
    BulletList,
    Diagram,
    Document,
    Facts,
    Figure,
    Heading,
    ListItem,
    PageBreak,
    Paragraph,
    Span,
    Table,
    block_from_dict,
    blocks_text,
    render,
    render_file,
)
from fuwu.core.text import NOT_PRINTABLE
from tests.documents.manual_support import dense, docx_text, needs_pdftotext, pdf_pages, pdf_text

BAD = "".join(chr(c) for c in (*range(0x01, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20)))
MARKUP = "Keys #strong[x] $y$ <b>z</b>"
SVG = (
    '<svg xmlns="http://www.w3.org/2000/svg" width="200" height="60">'
    '<rect width="200" height="60" fill="#206bc4"/></svg>'
)
LABELS = {
    key: {"main": key.upper(), "other": ""}
    for key in (
        "customer",
        "requirements",
        "satisfaction",
        "responsibility",
        "resources",
        "measurement",
        "realization",
        "contact",
        "improvement",
    )
}


def every_block(chinese: bool = False) -> list:
    """One of each block type (and of each table option)."""
    word = "审核发现" if chinese else "Findings"
    return [
        Heading(word, level=1, number="1"),
        Heading("Minor heading", level=3, note="(4.2.5)"),
        Paragraph.of(
            [Span("Bold", bold=True), Span(" italic", italic=True), Span(" code", code=True)]
        ),
        Paragraph.of("A note to mind", "note"),
        Paragraph.of("Not approved yet" + BAD, "notice"),
        Paragraph.of("A quotation", "quote"),
        Paragraph.of("print(1)", "code"),
        Paragraph.of(MARKUP),
        BulletList((ListItem((Span("First item"),)), ListItem((Span("Nested item"),), level=1))),
        BulletList.of(["One", "Two"], ordered=True),
        Table(
            columns=("Clause", "Title", "Process", "Status"),
            rows=(
                (
                    Span("4.2.5", bold=True),
                    "管理评审" if chinese else "Management review",
                    "Responsibility",
                    Span("Nonconforming", badge="nonconforming"),
                ),
                (
                    "4.2.5 a",
                    (Span("Inputs"), Span("\nsmall grey", grey=True, size="small")),
                    "Responsibility",
                    Span("Conforming", badge="conforming"),
                ),
            ),
            widths=(1, 3, 2, 1.5),
            indented=(1,),
            excel_only=(2,),
            sheet="Clauses",
            caption="Every clause",
        ),
        Table(
            columns=("Clause", "Justification"),
            rows=(),
            empty="No clause is excluded.",
            sheet="Exclusions",
        ),
        Table(columns=("A", "B"), rows=(("wide", "table"),), landscape=True),
        Facts((("Document number", "DOC-0001"), ("Version", 3)), columns=2, boxed=True),
        PageBreak(),
        Figure(SVG, caption="A blue bar", width=6),
        Diagram("sms_processes", LABELS, caption="The processes"),
    ]


def document(chinese: bool = False, **overrides) -> Document:
    fields = {
        "title": "审核报告" if chinese else "Audit report",
        "language": "zh-hans" if chinese else "en",
        "author": "湖畔酒店集团" if chinese else "Lakeside Hotels",
        "lead": "SB/T 10382-2004",
        "subtitle": "Audit report" if chinese else "审核报告",
        "name": "湖畔酒店集团" if chinese else "Lakeside Hotels",
        "cover": (Facts((("Date", "2026-12-05"), ("Auditor", "Lin Wei" + BAD))),),
        "cover_foot": (Paragraph.of("Approved by Lin Wei"),),
        "contents": "目录" if chinese else "Contents",
        "header": ("Lakeside Hotels · Audit report", "2026-12-05"),
        "footer": ("Uncontrolled copy", "Page %(page)s of %(total)s"),
        "status": "draft",
        "blocks": tuple(every_block(chinese)),
    }
    return Document(**(fields | overrides))


@needs_pdftotext
def test_pdf_draws_every_block_type():
    content = render(document(), "pdf")
    assert content.startswith(b"%PDF")
    text = pdf_text(content)
    for expected in (
        "Audit report",
        "Lakeside Hotels",
        "Contents",
        "1 Findings",
        "Minor heading (4.2.5)",
        "Bold italic code",
        "A note to mind",
        "Not approved yet",
        "A quotation",
        "print(1)",
        MARKUP,  # text, never typst markup
        "First item",
        "Nested item",
        "4.2.5 a",
        "small grey",
        "Nonconforming",
        "No clause is excluded.",
        "DOC-0001",
        "A blue bar",
        "The processes",
        "Page 2 of",
        "Uncontrolled copy",
    ):
        assert expected in text, expected
    assert "Responsibility" not in text  # a column for the spreadsheet only
    assert pdf_pages(content) >= 4  # title page, contents and body, a turned page, a break


@needs_pdftotext
def test_pdf_in_chinese():
    text = dense(pdf_text(render(document(chinese=True), "pdf")))
    for expected in ("审核报告", "湖畔酒店集团", "审核发现", "管理评审", "目录"):
        assert expected in text, expected


def test_word_draws_every_block_type():
    content = render(document(), "docx")
    text = docx_text(content)
    for expected in (
        "Audit report",
        "Lakeside Hotels",
        "1  Findings",
        "Minor heading (4.2.5)",
        "Bold italic code",
        "A note to mind",
        "Not approved yet",
        "print(1)",
        MARKUP,
        "Nested item",
        "4.2.5 a",
        "small grey",
        "Nonconforming",
        "No clause is excluded.",
        "DOC-0001",
        "Approved by Lin Wei",
        "Uncontrolled copy",
    ):
        assert expected in text, expected
    assert "Responsibility" not in text
    docx = Docx(BytesIO(content))
    assert len(docx.inline_shapes) == 2  # the SVG figure and the typst diagram, as PNGs
    assert 'TOC \\o "1-2"' in docx.element.xml
    assert 'instr="PAGE"' in docx.sections[0].footer._element.xml
    assert docx.sections[0].different_first_page_header_footer  # a bare title page
    assert any(s.orientation == 1 for s in docx.sections)  # the turned table's page
    assert docx.core_properties.content_status == "draft"
    assert not NOT_PRINTABLE.search(text)


def test_word_in_chinese_sets_east_asian_fonts():
    content = render(document(chinese=True), "docx")
    text = docx_text(content)
    for expected in ("审核报告", "湖畔酒店集团", "审核发现", "管理评审"):
        assert expected in text, expected
    docx = Docx(BytesIO(content))
    fonts = docx.styles["Normal"].element.rPr.rFonts
    assert fonts.get("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}eastAsia")
    assert any(p.text.startswith("Date：") for p in docx.paragraphs)  # a Chinese colon


def test_excel_puts_tables_with_a_sheet_on_their_own_sheet():
    book = load_workbook(BytesIO(render(document(chinese=True), "xlsx")))
    assert book.sheetnames == ["审核报告", "Clauses", "Exclusions"]
    first = [row for row in book.worksheets[0].iter_rows(values_only=True)]
    assert first[0][0] == "审核报告"
    assert ("Auditor", "Lin Wei") in [row[:2] for row in first]  # the bad characters dropped
    assert ("Document number", "DOC-0001") in [row[:2] for row in first]
    assert ("wide", "table") in [row[:2] for row in first]  # a table without a sheet
    clauses = list(book.worksheets[1].iter_rows(values_only=True))
    assert clauses[0] == ("Clause", "Title", "Process", "Status")  # the Excel-only column too
    assert clauses[1][:2] == ("4.2.5", "管理评审")
    assert clauses[2][1] == "Inputs\nsmall grey"
    assert book.worksheets[1]["D2"].fill.fgColor.rgb.endswith("F8D7D7")  # the badge's colour
    assert book.worksheets[1].freeze_panes == "A2"
    assert book.worksheets[1]["A3"].alignment.indent == 1  # the indented row
    assert list(book.worksheets[2].iter_rows(values_only=True)) == [("Clause", "Justification")]


def test_excel_keeps_text_that_looks_like_a_formula_as_text():
    rows = (('=HYPERLINK("http://evil")',), (12,), ("0012",), ("1",))
    blocks = (Table(columns=("A",), rows=rows, sheet="S"),)
    book = load_workbook(BytesIO(render(document(blocks=blocks), "xlsx")))
    cell = book["S"]["A2"]
    assert cell.value == '=HYPERLINK("http://evil")' and cell.data_type == "s"
    assert book["S"]["A3"].value == 12  # a count stays a number
    assert book["S"]["A4"].value == "0012" and book["S"]["A5"].value == "1"  # text stays text


@pytest.mark.parametrize("fmt", ["docx", "xlsx"])
def test_bad_characters_never_reach_the_file(fmt):
    blocks = (
        Heading("Title" + BAD, level=1),
        Paragraph.of("Text" + BAD),
        Table(columns=("A" + BAD,), rows=(("cell" + BAD,),), sheet="S" + BAD),
    )
    built = render_file(document(blocks=blocks, title="Report" + BAD), fmt, "report")
    assert built.filename == f"report.{fmt}"
    if fmt == "docx":
        text = docx_text(built.content)
        assert "TitleText" not in text and "Title" in text and "cell" in text
        assert not NOT_PRINTABLE.search(text)
    else:
        book = load_workbook(BytesIO(built.content))
        assert book.sheetnames[1] == "S"
        assert book["S"]["A2"].value == "cell"


@needs_pdftotext
def test_an_empty_table_says_its_empty_sentence_in_every_format():
    blocks = (Table(columns=("Clause", "Justification"), rows=(), empty="Nothing is excluded."),)
    doc = document(blocks=blocks, contents="", title_page=False)
    assert "Nothing is excluded." in pdf_text(render(doc, "pdf"))
    assert "Nothing is excluded." in docx_text(render(doc, "docx"))
    assert "Nothing is excluded." in blocks_text(blocks)


def test_blocks_survive_a_round_trip_through_their_dicts():
    for block in every_block():
        assert block_from_dict(block.as_dict()) == block, block
    # A manual frozen before spans in cells: rows of strings.
    old = {"type": "table", "rows": [["4.1", "Scope"]], "columns": [], "widths": [1, 2]}
    assert block_from_dict(old) == Table(rows=(("4.1", "Scope"),), widths=(1, 2))


def test_an_unknown_format_is_refused():
    with pytest.raises(ValueError):
        render(document(), "odt")
