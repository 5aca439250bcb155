"""Freezing the manual: a version prepared for approval keeps its PDF and Word files
whatever changes afterwards; approving it makes that rendering the approved manual."""

from __future__ import annotations

import hashlib

import pytest
from django.core.exceptions import PermissionDenied

from fuwu.core.errors import StateConflict
from fuwu.core.models import AuditEntry
from fuwu.documents import services
from fuwu.documents.manual.selectors import approved_version, manual_document
from fuwu.documents.models import Category, Status
from fuwu.standard import services as standard_services
from tests.documents.conftest import entries_for
from tests.documents.manual_support import dense, furnish, needs_pdftotext, pdf_text

pytestmark = pytest.mark.django_db


@pytest.fixture
def scene(world, media):
    return furnish(world)


def prepare(world, actor="quality", **kwargs):
    return services.manual_version_prepare(
        actor=world.users[actor], organization=world.org, **kwargs
    )


def read(field) -> bytes:
    with field.open("rb") as handle:
        return handle.read()


def test_first_preparation_creates_the_manual_document(scene):
    assert manual_document(scene.org) is None
    version = prepare(scene, language="zh-hans")
    document = manual_document(scene.org)
    assert document == version.document
    assert document.category == Category.MANUAL
    assert (document.subject_type, document.subject_id) == ("core.organization", str(scene.org.pk))
    assert (document.title_en, document.title_zh) == ("Service manual", "服务手册")
    assert version.number == 1 and version.status == Status.DRAFT
    assert read(version.file).startswith(b"%PDF")
    assert read(version.word_file).startswith(b"PK")
    # The version's text names the files with their SHA-256: a copy can be checked.
    assert hashlib.sha256(read(version.file)).hexdigest() in version.body_en
    assert hashlib.sha256(read(version.word_file)).hexdigest() in version.body_zh
    assert "lakeside-service-manual-v1-zh.pdf" in version.body_en
    # Audited like everything else: the document, its version and the frozen files.
    assert [e.action for e in entries_for(document)] == ["create"]
    version_entries = entries_for(version)
    assert [e.action for e in version_entries] == ["create", "update"]
    assert version_entries[-1].after["file"] == version.file.name
    assert version_entries[-1].after["word_file"] == version.word_file.name


def test_one_manual_per_organization_and_a_draft_is_prepared_again(
    scene, django_capture_on_commit_callbacks
):
    first = prepare(scene)
    old_pdf = first.file.name
    with django_capture_on_commit_callbacks(execute=True):
        again = prepare(scene)
    assert again.pk == first.pk and again.number == 1  # the open draft, rendered anew
    assert again.file.name != old_pdf
    assert not again.file.storage.exists(old_pdf)  # the replaced rendering is gone
    assert again.file.storage.exists(again.file.name)
    other = services.manual_version_prepare(
        actor=scene.users["outsider"], organization=scene.other_org
    )
    assert other.document != again.document
    assert manual_document(scene.org) == again.document


@needs_pdftotext
def test_a_prepared_version_keeps_its_files_when_the_data_changes(scene):
    version = prepare(scene, language="en")
    frozen = read(version.file)
    frozen_docx = read(version.word_file)
    standard_services.scope_update(
        actor=scene.users["quality"],
        organization=scene.org,
        data={"statement_en": "Only the spa of the West Lake hotel."},
    )
    version.refresh_from_db()
    assert read(version.file) == frozen and read(version.word_file) == frozen_docx
    assert "Rooms, restaurants and conferences" in pdf_text(frozen)
    from fuwu.documents.manual.files import manual_file

    live = manual_file(scene.org, fmt="pdf", language="en").content
    assert "Only the spa of the West Lake hotel." in pdf_text(live)


@needs_pdftotext
def test_approval_makes_the_rendering_the_approved_manual(scene):
    version = prepare(scene, language="zh-hans")
    frozen = dense(pdf_text(read(version.file)))
    assert dense("待批准") in frozen or dense("Pending") in frozen
    services.version_submit(actor=scene.users["quality"], version=version)
    services.version_approve(actor=scene.users["admin"], version=version)
    document = manual_document(scene.org)
    assert document.status == Status.APPROVED
    assert approved_version(document) == version
    version.refresh_from_db()
    approved = dense(pdf_text(read(version.file)))
    # The same content, now saying approved, by whom and when, in the manual's language.
    admin = scene.users["admin"].display_name
    assert dense(admin) in approved
    assert dense(version.approved_at.astimezone().strftime("%Y-%m-%d")) in approved
    assert dense("已批准") in approved
    assert dense("待批准") not in approved
    assert frozen.split(dense("目录"))[-1][:2000] == approved.split(dense("目录"))[-1][:2000]
    from io import BytesIO

    from docx import Document as Word

    word = "\n".join(p.text for p in Word(BytesIO(read(version.word_file))).paragraphs)
    word += "\n".join(
        cell.text
        for table in Word(BytesIO(read(version.word_file))).tables
        for row in table.rows
        for cell in row.cells
    )
    assert admin in word and "已批准" in word
    # The version's text names the approved files by their hashes.
    assert hashlib.sha256(read(version.file)).hexdigest() in version.body_en
    # One audited approval carries the new files.
    entry = [e for e in entries_for(version) if e.action == "transition"][-1]
    assert entry.after["file"] == version.file.name
    # A live rendering is an uncontrolled copy that names the approved version.
    from fuwu.documents.manual.files import manual_file

    live = dense(pdf_text(manual_file(scene.org, fmt="pdf", language="en").content))
    assert dense("version 1 is approved") in live
    assert document.number in live


def test_revising_the_approved_manual(scene):
    first = prepare(scene)
    services.version_submit(actor=scene.users["quality"], version=first)
    services.version_approve(actor=scene.users["admin"], version=first)
    second = prepare(scene, change_reason_en="New site in Suzhou.")
    assert second.number == 2 and second.status == Status.DRAFT
    assert second.change_reason == "New site in Suzhou."
    first.refresh_from_db()
    assert first.status == Status.APPROVED and first.file  # still in force until v2 is
    assert first.file.name != second.file.name
    services.version_submit(actor=scene.users["quality"], version=second)
    services.version_approve(actor=scene.users["admin"], version=second)
    first.refresh_from_db()
    assert first.status == Status.OBSOLETE and read(first.file).startswith(b"%PDF")


def test_no_new_rendering_while_a_version_is_in_review(scene):
    version = prepare(scene)
    services.version_submit(actor=scene.users["quality"], version=version)
    with pytest.raises(StateConflict, match="in review"):
        prepare(scene)


@pytest.mark.parametrize("actor", ["viewer", "auditor", "staff", "manager"])
def test_only_organization_wide_editors_prepare(scene, actor):
    with pytest.raises(PermissionDenied):
        prepare(scene, actor=actor)
    assert manual_document(scene.org) is None


def test_an_unknown_language_is_refused(scene):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        prepare(scene, language="fr")


def test_the_default_language_is_the_organizations(scene):
    scene.org.default_language = "zh-hans"
    scene.org.save()
    version = prepare(scene)
    assert "-zh.pdf" in version.body_en
    assert AuditEntry.objects.filter(organization=scene.org, object_id=str(version.pk)).exists()


def test_another_organizations_frozen_manual_is_not_found(scene):
    version = prepare(scene)
    outsider = scene.client("outsider")
    url = f"/documents/{version.document.pk}/versions/{version.number}/file/"
    assert outsider.get(url).status_code == 404
    assert outsider.get(url + "word/").status_code == 404
    assert outsider.get("/documents/manual/versions/1/pdf/").status_code == 404
    assert scene.client("auditor").get(url).status_code == 200
    # Until it is approved, the prepared manual is not for staff and viewers.
    assert scene.client("viewer").get(url).status_code == 404
