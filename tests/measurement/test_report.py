"""The audit report: what it says in PDF, Word and Excel, in both languages."""

from __future__ import annotations

import io
import subprocess

import pytest
from docx import Document as WordDocument
from openpyxl import load_workbook

from fuwu.core.models import Organization, User
from fuwu.measurement.models import Audit
from fuwu.measurement.report import audit_report_file


@pytest.fixture(scope="module")
def demo(demo_scene, django_db_blocker):
    with django_db_blocker.unblock():
        yield


pytestmark = pytest.mark.django_db


def spring():
    lakeside = Organization.objects.get(slug="lakeside")
    return Audit.objects.filter(organization=lakeside).order_by("planned_start").first()


def word_text(content: bytes) -> str:
    doc = WordDocument(io.BytesIO(content))
    cells = [c.text for t in doc.tables for r in t.rows for c in r.cells]
    return "\n".join([p.text for p in doc.paragraphs] + cells)


def test_the_report_in_word_in_both_languages(demo):
    audit = spring()
    english = word_text(audit_report_file(audit, fmt="docx", language="en").content)
    assert "Internal audit report" in english and audit.number in english
    assert "Minor nonconformity" in english and "front-desk shift hand-over" in english
    assert "4.4.7" in english
    chinese = word_text(audit_report_file(audit, fmt="docx", language="zh-hans").content)
    assert "交接班" in chinese and "内部审核报告" in chinese


def test_the_report_in_excel_and_pdf(demo):
    audit = spring()
    book = load_workbook(io.BytesIO(audit_report_file(audit, fmt="xlsx", language="en").content))
    assert len(book.sheetnames) >= 3
    values = [
        str(c.value) for s in book.worksheets for row in s.iter_rows() for c in row if c.value
    ]
    assert any("4.4.7" in v for v in values)
    pdf = audit_report_file(audit, fmt="pdf", language="zh-hans").content
    assert pdf.startswith(b"%PDF")
    text = subprocess.run(["pdftotext", "-", "-"], input=pdf, capture_output=True).stdout.decode()
    assert "交接班" in text


def test_the_page_serves_it_to_the_auditor_only_in_scope(demo, client):
    audit = spring()
    client.force_login(User.objects.get(username="auditor"))
    answer = client.get(f"/measurement/audits/{audit.pk}/report/?format=docx&lang=zh-hans")
    assert answer.status_code == 200 and answer["Content-Type"].startswith("application/vnd")
    assert client.get(f"/measurement/audits/{audit.pk}/report/?format=odt").status_code == 400
    client.force_login(User.objects.get(username="cafe"))
    assert client.get(f"/measurement/audits/{audit.pk}/report/?format=docx").status_code == 404
