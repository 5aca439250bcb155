# ruff: noqa: RUF001 - the Chinese texts use full-width punctuation, as Chinese does
"""Shared by the service manual tests: a Lakeside with a scope, a justified exclusion,
an ISO 9001 certificate, an approved policy and procedures; and text extraction from
the PDF (pdftotext, Debian poppler-utils) and Word (python-docx) files."""

from __future__ import annotations

import shutil
import subprocess
from datetime import date
from io import BytesIO

import pytest
from docx import Document as Docx

from fuwu.documents.models import Category
from fuwu.standard import services as standard_services
from fuwu.standard.models import Clause
from tests.conftest import World
from tests.documents.conftest import approve, make_document

needs_pdftotext = pytest.mark.skipif(
    shutil.which("pdftotext") is None, reason="pdftotext (apt-get install poppler-utils) missing"
)

POLICY_EN = """\
# Service policy of Lakeside Hotels

**Every guest leaves wanting to come back.**

1. Lasting guest satisfaction.
2. Lake-view hospitality and *first-inquiry responsibility*.
"""
POLICY_ZH = """\
# 湖畔酒店集团服务方针

**让每一位宾客离开时都想再来。**

- 以顾客持续满意为宗旨；
- 湖景待客之道和*首问负责制*。
"""
# Typst markup and HTML in user text: they must come out as text.
JUSTIFICATION = "宾客财产不由本酒店保管：删减理由 #strong[x] $y$ <b>z</b>"


def clause(ref: str) -> Clause:
    return Clause.objects.get(library__ref_id="SB/T 10382-2004", ref_id=ref)


def furnish(world: World) -> World:
    """The records the manual is generated from."""
    quality = world.users["quality"]
    standard_services.scope_update(
        actor=quality,
        organization=world.org,
        data={
            "statement_en": "Rooms, restaurants and conferences of three lakeside hotels.",
            "statement_zh": "三家湖畔酒店的客房、餐饮和会议服务。",
            "iso9001_certificate": "CN-QMS-2024-0815",
            "iso9001_certifier_en": "China Quality Certification Centre",
            "iso9001_certifier_zh": "中国质量认证中心",
            "iso9001_valid_until": date(2027, 6, 30),
        },
    )
    standard_services.applicability_set(
        actor=quality,
        organization=world.org,
        clause=clause("4.4.7 b"),
        applicable=False,
        justification_en=JUSTIFICATION,
    )
    policy = make_document(
        world,
        title_en="Service policy",
        title_zh="服务方针",
        category=Category.POLICY,
        body_en=POLICY_EN,
        body_zh=POLICY_ZH,
    )
    approve(world, policy)
    procedure = make_document(world)  # DOC-…: Complaint handling / 投诉处理程序
    approve(world, procedure)
    make_document(world, title_en="Lost and found", title_zh="失物招领程序")  # a draft
    return world


def pdf_text(content: bytes) -> str:
    """The PDF's text in reading order, every run of white space made one space."""
    result = subprocess.run(
        ["pdftotext", "-raw", "-enc", "UTF-8", "-", "-"],
        input=content,
        capture_output=True,
        check=True,
    )
    return " ".join(result.stdout.decode().split())


def pdf_pages(content: bytes) -> int:
    result = subprocess.run(["pdfinfo", "-"], input=content, capture_output=True, check=False)
    for line in result.stdout.decode().splitlines():
        if line.startswith("Pages:"):
            return int(line.split()[1])
    raise AssertionError(result.stderr.decode())


def dense(text: str) -> str:
    """Without spaces: Chinese lines wrap between any two characters."""
    return "".join(text.split())


def docx_text(content: bytes) -> str:
    """Every paragraph and table cell of a Word document, headers and footers included."""
    document = Docx(BytesIO(content))
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts += [cell.text for cell in row.cells]
    for section in document.sections:
        parts += [p.text for p in section.header.paragraphs]
        parts += [p.text for p in section.footer.paragraphs]
    return "\n".join(parts)
