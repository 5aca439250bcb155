"""Every generated file answers and opens although stored text holds characters that
Word, Excel and typst cannot take (old data, written before input was checked).

The demo is seeded once for the module; bad values are written straight into the
database, bypassing validation, as old rows would be. Each download must answer 200
and open: python-docx and openpyxl read it, a PDF starts with %PDF."""

from __future__ import annotations

import csv
import io
from xml.etree import ElementTree

import pytest
from django.test import Client
from docx import Document
from openpyxl import load_workbook

from fuwu.core.audit import audit_record
from fuwu.core.models import Organization, Site, User
from fuwu.core.models.audit import AuditAction
from fuwu.core.text import NOT_PRINTABLE
from fuwu.design.models import ContactActivity, ContactPoint, SpecificationItem
from fuwu.documents.models import Document as ControlledDocument
from fuwu.standard.models import Assessment

# Every C0 control but NUL (PostgreSQL cannot store it), tab, newline and carriage
# return; DEL, a C1 control, the non-characters XML 1.0 refuses, bidi and zero-width.
BAD = "".join(chr(c) for c in (*range(0x01, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20)))
BAD += "\x7f\x85\ufffe\uffff\u202e\u200b\ufeff"


@pytest.fixture(scope="module")
def stored(demo_scene, django_db_blocker):
    """The demo with bad characters in the texts the outputs print, rolled back after."""
    with django_db_blocker.unblock():
        Organization.objects.filter(slug="lakeside").update(name_en="Lakeside\u0002" + BAD)
        org = Organization.objects.get(slug="lakeside")
        ContactActivity.objects.filter(organization=org).update(name_en="Greet\u0011" + BAD)
        ContactPoint.objects.filter(organization=org).update(
            name_en="Front desk\u0007" + BAD, description_en="Desk\u0008" + BAD
        )
        SpecificationItem.objects.filter(organization=org).update(text_en="Smile\x0c" + BAD)
        Assessment.objects.filter(organization=org).update(note_en="Seen\u0008" + BAD)
        ControlledDocument.objects.filter(organization=org).update(title_en="Policy\x1b" + BAD)
        Site.objects.filter(organization=org).update(name_en="West Lake\x01" + BAD)
        point = ContactPoint.objects.filter(organization=org).first()
        audit_record(
            actor=None,
            action=AuditAction.UPDATE,
            instance=point,
            before={"name_en": "Front desk\u0007" + BAD},
            after={"name_en": "Front desk"},
        )
        yield {"org": org, "point": point}


def _client() -> Client:
    client = Client()
    client.force_login(User.objects.get(username="demo"))
    return client


def _opens(kind: str, content: bytes) -> None:
    if kind == "docx":
        text = "\n".join(p.text for p in Document(io.BytesIO(content)).paragraphs)
        assert text.strip()
    elif kind == "xlsx":
        assert load_workbook(io.BytesIO(content)).active.max_row >= 1
    elif kind == "pdf":
        assert content.startswith(b"%PDF")
    elif kind == "svg":
        ElementTree.fromstring(content)  # well-formed XML
    elif kind == "csv":
        rows = list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))
        assert len(rows) > 1
        assert not NOT_PRINTABLE.search(content.decode("utf-8-sig"))


OUTPUTS = [
    ("manual-docx", "/documents/manual/download/?format=docx&lang=en", "docx"),
    ("manual-docx-zh", "/documents/manual/download/?format=docx&lang=zh-hans", "docx"),
    ("manual-pdf", "/documents/manual/download/?format=pdf&lang=en", "pdf"),
    ("report-docx", "/standard/conformity/report/?format=docx&lang=en", "docx"),
    ("report-xlsx", "/standard/conformity/report/?format=xlsx&lang=en", "xlsx"),
    ("report-pdf", "/standard/conformity/report/?format=pdf&lang=en", "pdf"),
    ("sheet-docx", "/design/contact-points/{point}/sheet.docx", "docx"),
    ("sheet-pdf", "/design/contact-points/{point}/sheet.pdf", "pdf"),
    ("blueprint-svg", "/design/blueprint.svg", "svg"),
    ("points-csv", "/design/contact-points/?export=csv", "csv"),
    ("points-xlsx", "/design/contact-points/?export=xlsx", "xlsx"),
    ("sites-csv", "/sites/?export=csv", "csv"),
    ("sites-xlsx", "/sites/?export=xlsx", "xlsx"),
    ("documents-xlsx", "/documents/?export=xlsx", "xlsx"),
    ("audit-csv", "/audit/?export=csv", "csv"),
    ("audit-xlsx", "/audit/?export=xlsx", "xlsx"),
]


@pytest.mark.django_db
@pytest.mark.parametrize(("url", "kind"), [o[1:] for o in OUTPUTS], ids=[o[0] for o in OUTPUTS])
def test_every_output_answers_and_opens_with_bad_stored_text(stored, url: str, kind: str) -> None:
    response = _client().get(url.format(point=stored["point"].pk))
    assert response.status_code == 200
    content = b"".join(response.streaming_content) if response.streaming else response.content
    _opens(kind, content)
