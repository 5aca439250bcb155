"""The conformity report as PDF, Word and Excel, in English and Chinese.

PDF text is extracted with `pdftotext` (Debian poppler-utils); the PDF tests are
skipped with a message when it is not installed."""

from __future__ import annotations

import logging
import shutil
import subprocess
from io import BytesIO

import pytest
from django.urls import reverse
from django.utils import timezone
from docx import Document
from openpyxl import load_workbook

from fuwu.standard import conformity, reports
from fuwu.standard.conformity import CheckResult
from fuwu.standard.models import Applicability, Assessment, AssessmentResult, Clause, Scope

pytestmark = pytest.mark.django_db

needs_pdftotext = pytest.mark.skipif(
    shutil.which("pdftotext") is None, reason="pdftotext (apt-get install poppler-utils) missing"
)


def clause(ref: str) -> Clause:
    return Clause.objects.get(library__ref_id="SB/T 10382-2004", ref_id=ref)


@pytest.fixture
def scene(world, monkeypatch):
    """Lakeside with a failing check, an auditor's finding, an exclusion and a scope."""
    monkeypatch.setattr(conformity, "REGISTRY", {})
    conformity.check("4.3.2", id="t.competence", title="Competence")(
        lambda org: CheckResult.failed("3 staff have no training record: Li, Wang, Zhao")
    )
    conformity.check("4.5.3", id="t.analysis", title="Analysis")(
        lambda org: CheckResult.passed("Monthly analysis on file")
    )
    Assessment.objects.create(
        organization=world.org,
        clause=clause("4.2.5"),
        result=AssessmentResult.MAJOR,
        note_en="No management review in 2025 <script>",
        assessed_by=world.users["auditor"],
        assessed_at=timezone.now(),
    )
    Applicability.objects.create(
        organization=world.org,
        clause=clause("4.1.1.2"),
        applicable=False,
        justification_en="Rooms only: no tangible products = none sold #strong[x]",
        decided_by=world.users["quality"],
        decided_at=timezone.now(),
    )
    Scope.objects.create(
        organization=world.org,
        statement_en="Rooms and restaurants of three hotels",
        statement_zh="三家酒店的客房和餐饮服务",
    )
    return world


def pdf_text(content: bytes) -> str:
    """The PDF's text in reading order, with every run of white space made one space
    (table cells wrap their lines)."""
    result = subprocess.run(
        ["pdftotext", "-raw", "-enc", "UTF-8", "-", "-"],
        input=content,
        capture_output=True,
        check=True,
    )
    return " ".join(result.stdout.decode().split())


def dense(text: str) -> str:
    """Without spaces: Chinese lines wrap between any two characters."""
    return "".join(text.split())


def build(world, fmt: str, language: str) -> bytes:
    return reports.conformity_report(organization=world.org, fmt=fmt, language=language).content


@needs_pdftotext
def test_pdf_in_english_has_refs_reasons_and_exclusions(scene):
    content = build(scene, "pdf", "en")
    assert content.startswith(b"%PDF")
    text = pdf_text(content)
    assert "Conformity report" in text
    assert "Lakeside Hotels" in text
    for ref in ("4.2.5", "4.3.2", "4.4.7 b", "4.6.5"):
        assert ref in text
    assert "3 staff have no training record" in text
    assert "No management review in 2025 <script>" in text
    assert "Rooms only" in text and "#strong[x]" in text  # user text is never typst markup
    assert "Service management responsibility" in text


@needs_pdftotext
def test_pdf_in_chinese_has_chinese_titles(scene):
    text = pdf_text(build(scene, "pdf", "zh-hans"))
    assert "湖畔酒店集团" in text  # the organization's Chinese name
    assert "4.4.7 b" in text
    chinese = dense(text)
    assert "服务管理职责" in chinese
    assert "4.4.7b顾客财产的保护" in chinese
    assert "以顾客为关注焦点" in chinese and "首问负责制" in chinese
    assert "三家酒店的客房和餐饮服务" in chinese


def test_docx_has_chinese_and_east_asian_fonts(scene):
    document = Document(BytesIO(build(scene, "docx", "zh-hans")))
    body = "\n".join(p.text for p in document.paragraphs)
    cells = "\n".join(
        cell.text for table in document.tables for row in table.rows for cell in row.cells
    )
    assert "湖畔酒店集团" in body
    assert "服务管理职责" in cells
    assert "顾客财产的保护" in cells
    assert "3 staff have no training record" in cells
    assert "Rooms only" in cells
    fonts = document.styles["Normal"].element.rPr.rFonts
    assert fonts.get("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}eastAsia")


def test_docx_in_english(scene):
    document = Document(BytesIO(build(scene, "docx", "en")))
    cells = "\n".join(
        cell.text for table in document.tables for row in table.rows for cell in row.cells
    )
    assert "Protection of customer property" in cells
    assert "Nonconforming" in cells


def test_xlsx_opens_with_three_sheets(scene):
    book = load_workbook(BytesIO(build(scene, "xlsx", "zh-hans")))
    assert len(book.sheetnames) == 3
    clauses = book.worksheets[1]
    rows = {row[0]: row for row in clauses.iter_rows(min_row=2, values_only=True)}
    assert "4.4.7 b" in rows
    assert rows["4.4.7 b"][1] == "顾客财产的保护"
    assert "3 staff have no training record" in rows["4.3.2"][4]
    exclusions = list(book.worksheets[2].iter_rows(min_row=2, values_only=True))
    assert exclusions[0][0] == "4.1.1.2"
    assert exclusions[0][2].startswith("Rooms only")
    assert book.worksheets[2]["C2"].data_type == "s"


def test_xlsx_text_is_never_a_formula(world):
    Applicability.objects.create(
        organization=world.org,
        clause=clause("4.4.7 b"),
        applicable=False,
        justification_en='=HYPERLINK("http://evil")',
        decided_at=timezone.now(),
    )
    book = load_workbook(BytesIO(build(world, "xlsx", "en")))
    cell = book.worksheets[2]["C2"]
    assert cell.value == '=HYPERLINK("http://evil")'
    assert cell.data_type == "s"


def test_without_a_cjk_font_the_pdf_still_builds_and_warns(world, monkeypatch, caplog):
    import typst

    from fuwu.core import typst as typesetting

    embedded = typst.Fonts
    typesetting.forget_fonts()
    monkeypatch.setattr(
        typst,
        "Fonts",
        lambda **kwargs: embedded(include_system_fonts=False, font_paths=[]),
    )
    with caplog.at_level(logging.WARNING, logger="fuwu.core.typst"):
        content = build(world, "pdf", "zh-hans")
    assert content.startswith(b"%PDF")
    assert "No CJK font found" in caplog.text
    typesetting.forget_fonts()  # later tests load the real fonts again


# -- the page's download ----------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["pdf", "docx", "xlsx"])
def test_report_download_from_the_dashboard(world, fmt):
    response = world.client("auditor").get(reverse("standard:report") + f"?format={fmt}&lang=en")
    assert response.status_code == 200
    assert response["Content-Type"] == reports.FORMATS[fmt][0]
    assert (
        f'lakeside-conformity-{timezone.localdate().isoformat()}-en.{fmt}"'
        in (response["Content-Disposition"])
    )


def test_report_download_refusals(world):
    assert world.client("staff").get(reverse("standard:report")).status_code == 403
    bad = world.client("auditor").get(reverse("standard:report") + "?format=odt")
    assert bad.status_code == 400
    assert world.client("auditor").get(reverse("standard:report") + "?lang=fr").status_code == 400
