"""The service manual as PDF and Word, in English and Chinese: the text is extracted
and checked, Chinese included; user text is never read as markup."""

from __future__ import annotations

from io import BytesIO

import pytest
from docx import Document as Docx
from docx.oxml.ns import qn

from fuwu.core.render import figures as diagram
from fuwu.documents.manual import files
from fuwu.documents.manual.build import build_manual
from tests.documents.manual_support import (
    JUSTIFICATION,
    dense,
    docx_text,
    furnish,
    needs_pdftotext,
    pdf_pages,
    pdf_text,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def scene(world):
    return furnish(world)


def build(world, fmt: str, language: str) -> bytes:
    return files.manual_file(
        world.org, fmt=fmt, language=language, prepared_by=world.users["quality"]
    ).content


# -- PDF --------------------------------------------------------------------------------------


@needs_pdftotext
def test_pdf_in_english(scene):
    content = build(scene, "pdf", "en")
    assert content.startswith(b"%PDF")
    text = pdf_text(content)
    # title page, contents, version and approval block
    for expected in (
        "Service manual",
        "服务手册",
        "Lakeside Hotels",
        "Contents",
        "Version and approval",
        "Draft / not yet approved",
        "Live rendering",
        "Page 2 of",
    ):
        assert expected in text, expected
    # scope, exclusions, policy, procedures, processes, cross-reference
    assert "Rooms, restaurants and conferences of three lakeside hotels." in text
    assert "CN-QMS-2024-0815" in text
    assert "4.4.7 b" in text and "Protection of customer property" in text
    assert "#strong[x]" in text and "$y$" in text and "<b>z</b>" in text  # text, not markup
    assert "Every guest leaves wanting to come back." in text
    # It cites what is in force: the approved procedure, never the draft.
    assert "Complaint handling" in text and "Lost and found" not in text
    assert "Service realization" in text and "Contact process" in text  # the figure
    assert "Clause cross-reference" in text and "ISO 9001:2015" in text
    assert "No contact points are recorded yet." in text  # service design's section


@needs_pdftotext
def test_pdf_in_chinese(scene):
    content = build(scene, "pdf", "zh-hans")
    text = dense(pdf_text(content))
    assert "服务手册" in text
    assert "湖畔酒店集团" in text  # the organization's Chinese name
    assert dense("三家湖畔酒店的客房、餐饮和会议服务。") in text
    assert dense(JUSTIFICATION) in text  # the 删减 justification, as written
    assert "让每一位宾客离开时都想再来。" in text  # the policy's Chinese text
    assert "投诉处理程序" in text
    for title in (
        "顾客财产的保护",
        "服务管理职责",
        "服务资源管理",
        "服务实现",
        "接触过程",
        "顾客满意",
    ):
        assert title in text, title
    assert "4.4.7b顾客财产的保护" in text  # the cross-reference row


@needs_pdftotext
def test_pdf_of_a_prepared_version_names_it(scene):
    from fuwu.documents.services import manual_version_prepare

    version = manual_version_prepare(
        actor=scene.users["quality"], organization=scene.org, language="en"
    )
    data = build_manual(
        scene.org, language="en", prepared_by=scene.users["quality"], version=version
    )
    text = pdf_text(files.render(data, "pdf"))
    assert version.document.number in text
    assert "Draft for approval" in text
    assert "Pending approval" in text


@needs_pdftotext
def test_a_big_manual_builds_in_both_formats(scene):
    """Hundreds of documents: many pages. Its speed is measured by
    benchmarks/service_manual.py, not here."""
    from fuwu.documents.models import Category, Document, Status

    Document.objects.bulk_create(
        Document(
            organization=scene.org,
            number=f"DOC-T-{i:04d}",
            title_en=f"Work instruction {i}",
            title_zh=f"作业指导书{i}",
            category=Category.WORK_INSTRUCTION,
            status=Status.DRAFT,
        )
        for i in range(600)
    )
    build(scene, "pdf", "en")  # fonts and figure loaded once per process
    for fmt in ("pdf", "docx"):
        assert build(scene, fmt, "zh-hans")
    assert pdf_pages(build(scene, "pdf", "en")) >= 15


# -- Word ------------------------------------------------------------------------------------


def test_docx_in_chinese_with_east_asian_fonts(scene):
    content = build(scene, "docx", "zh-hans")
    text = docx_text(content)
    assert "服务手册" in text
    assert "湖畔酒店集团" in text
    assert JUSTIFICATION in text
    assert "让每一位宾客离开时都想再来。" in text
    assert "顾客财产的保护" in text and "服务管理职责" in text
    document = Docx(BytesIO(content))
    fonts = document.styles["Normal"].element.rPr.rFonts
    assert fonts.get(qn("w:eastAsia")) == "SimSun"
    assert document.styles["Heading 1"].element.rPr.rFonts.get(qn("w:eastAsia")) == "SimHei"
    title = next(p for p in document.paragraphs if p.style.name == "Title")
    assert title.text == "服务手册"


def test_docx_in_english_has_contents_figure_and_page_numbers(scene):
    content = build(scene, "docx", "en")
    text = docx_text(content)
    for expected in (
        "Service manual",
        "Lakeside Hotels",
        "Draft / not yet approved",
        "CN-QMS-2024-0815",
        "Every guest leaves wanting to come back.",
        "Complaint handling",
        "Protection of customer property",
        "#strong[x]",
    ):
        assert expected in text, expected
    document = Docx(BytesIO(content))
    xml = document.element.xml
    assert 'TOC \\o "1-2"' in xml  # the contents field, Word adds page numbers
    headings = [p.text for p in document.paragraphs if p.style.name == "Heading 1"]
    assert headings[0] == "1  About this manual"
    assert headings[-1].endswith("Clause cross-reference")
    for _level, number, title in build_manual(scene.org, language="en").headings():
        assert f"{number}  {title}" in text  # the list of headings under the field
    assert len(document.inline_shapes) == 1  # the figure, drawn by typst
    footer = document.sections[0].footer._element.xml
    assert 'instr="PAGE"' in footer and 'instr="NUMPAGES"' in footer
    assert "Lakeside Hotels · Service manual" in document.sections[0].header.paragraphs[0].text
    assert document.sections[0].different_first_page_header_footer  # a bare title page


def test_the_figure_is_drawn_by_typst(scene):
    data = build_manual(scene.org, language="zh-hans")
    figure = next(b for s in data.sections for b in s.blocks if getattr(b, "type", "") == "diagram")
    assert figure.data["realization"] == {"main": "服务实现", "other": "Service realization"}
    assert figure.data["contact"]["main"] == "接触过程"
    png = diagram.image(figure.kind, figure.data, "zh-hans")
    assert png.startswith(b"\x89PNG")
    assert diagram.data_uri(figure.kind, figure.data, "zh-hans").startswith(
        "data:image/svg+xml;base64,"
    )
    with pytest.raises(ValueError):
        diagram.image("nothing", {}, "en")


def test_unknown_format_or_language_is_refused(scene):
    with pytest.raises(ValueError):
        files.manual_file(scene.org, fmt="odt", language="en")
    with pytest.raises(ValueError):
        files.manual_file(scene.org, fmt="pdf", language="fr")
