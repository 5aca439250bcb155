"""Versions: approved ones never change (service, API and page alike), editing an
approved document starts a new draft copied from it, one open draft at a time,
numbers never reused, obsolete versions stay readable."""

from __future__ import annotations

import pytest
from django.core.files.base import ContentFile

from fuwu.core.errors import StateConflict
from fuwu.core.models import AuditEntry
from fuwu.documents import services
from fuwu.documents.models import DocumentVersion, Status

from .conftest import TEXT_EN, TEXT_ZH, api, approve, make_document, open_version, revise

pytestmark = pytest.mark.django_db


def test_a_new_document_is_numbered_and_starts_as_a_draft(world):
    first = make_document(world)
    second = make_document(world, title_en="Shift hand-over")
    assert first.number.startswith("DOC-") and first.number.endswith("-0001")
    assert second.number.endswith("-0002")
    assert first.status == Status.DRAFT and first.owner == world.users["quality"]
    version = first.versions.get()
    assert (version.number, version.status, version.author) == (1, "draft", world.users["quality"])
    assert AuditEntry.objects.filter(object_type="documents.document", action="create").count() == 2


def test_a_document_needs_a_title(world):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        make_document(world, title_en="", title_zh="")


def test_an_approved_version_never_changes(world):
    document = make_document(world)
    version = approve(world, document)
    with pytest.raises(StateConflict, match="can no longer be changed"):
        services.version_update(
            actor=world.users["quality"], version=version, data={"body_en": "# Changed"}
        )
    version.refresh_from_db()
    assert version.body_en == TEXT_EN


def test_a_version_in_review_does_not_change_either(world):
    version = open_version(make_document(world))
    services.version_submit(actor=world.users["quality"], version=version)
    with pytest.raises(StateConflict, match="in review"):
        services.version_update(
            actor=world.users["quality"], version=version, data={"body_en": "# Changed"}
        )


def test_the_api_answers_409_when_changing_an_approved_version(world):
    document = make_document(world)
    version = approve(world, document)
    url = f"/api/v1/documents/{document.pk}/versions/{version.number}/"
    for method in ("put", "patch"):
        response = getattr(api(world, "quality"), method)(
            url, {"body_en": "# Hacked"}, format="json"
        )
        assert response.status_code == 409
        assert "can no longer be changed" in response.json()["detail"]
    version.refresh_from_db()
    assert version.body_en == TEXT_EN


def test_the_page_answers_409_when_changing_an_approved_version(world):
    document = make_document(world)
    version = approve(world, document)
    response = world.client("quality").post(
        f"/documents/{document.pk}/versions/{version.number}/edit/",
        {"body_en": "# Hacked", "body_zh": "", "change_reason_en": ""},
    )
    assert response.status_code == 409
    assert "can no longer be changed" in response.content.decode()
    version.refresh_from_db()
    assert version.body_en == TEXT_EN


def test_revising_an_approved_document_starts_a_draft_copied_from_it(world):
    document = make_document(world)
    approve(world, document)
    draft = services.version_draft_create(actor=world.users["quality"], document=document)
    assert (draft.number, draft.status) == (2, Status.DRAFT)
    assert (draft.body_en, draft.body_zh) == (TEXT_EN, TEXT_ZH)
    assert draft.change_reason == "" and draft.approver is None
    document.refresh_from_db()
    # The approved version still counts until the draft is approved.
    assert document.status == Status.APPROVED and document.current_version.number == 1


def test_only_one_open_draft_per_document(world):
    document = make_document(world)
    with pytest.raises(StateConflict, match="still open"):
        services.version_draft_create(actor=world.users["quality"], document=document)
    response = api(world, "quality").post(f"/api/v1/documents/{document.pk}/versions/")
    assert response.status_code == 409
    assert document.versions.count() == 1


def test_obsolete_versions_stay_readable(world):
    document = make_document(world)
    first = approve(world, document)
    draft = revise(world, document, body_en="# Version two")
    services.version_submit(actor=world.users["quality"], version=draft)
    approve(world, document)
    client = world.client("viewer")
    page = client.get(f"/documents/{document.pk}/versions/1/")
    assert page.status_code == 200
    html = page.content.decode()
    assert "Complaint handling" in html and "obsolete" in html.lower()
    response = api(world, "viewer").get(f"/api/v1/documents/{document.pk}/versions/1/")
    assert response.json()["status"] == "obsolete"
    assert response.json()["body_en"] == TEXT_EN
    first.refresh_from_db()
    assert first.obsoleted_at is not None


def test_numbers_are_never_reused(world):
    document = make_document(world)
    version = open_version(document)
    services.version_obsolete(actor=world.users["admin"], version=version, reason="Start over.")
    # Even if version 1 were disposed of, the next one is 2.
    DocumentVersion.objects.filter(pk=version.pk).delete()
    draft = services.version_draft_create(actor=world.users["quality"], document=document)
    assert draft.number == 2


def test_a_withdrawn_document_can_be_reissued(world):
    document = make_document(world)
    approve(world, document)
    services.document_obsolete(actor=world.users["admin"], document=document, reason="Paused.")
    document.refresh_from_db()
    assert document.status == Status.OBSOLETE and document.next_review_date is None
    draft = revise(world, document, body_en="# Back")
    document.refresh_from_db()
    assert document.status == Status.DRAFT
    services.version_submit(actor=world.users["quality"], version=draft)
    approve(world, document)
    assert document.status == Status.APPROVED and document.obsoleted_at is None


def test_obsoleting_a_document_obsoletes_its_open_draft_too(world):
    document = make_document(world)
    approve(world, document)
    draft = revise(world, document)
    services.document_obsolete(actor=world.users["quality"], document=document, reason="Gone.")
    draft.refresh_from_db()
    assert draft.status == Status.OBSOLETE
    assert set(document.versions.values_list("status", flat=True)) == {Status.OBSOLETE}


def test_a_frozen_file_is_kept_with_the_version(world, media):
    document = make_document(world, category="manual", body_en="", body_zh="")
    version = open_version(document)
    services.version_update(
        actor=world.users["quality"],
        version=version,
        data={"file": ContentFile(b"%PDF-1.4 manual", name="manual.pdf")},
    )
    approve(world, document)
    response = world.client("viewer").get(f"/documents/{document.pk}/versions/1/file/")
    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"%PDF")
    with pytest.raises(StateConflict):
        services.version_update(
            actor=world.users["quality"],
            version=version,
            data={"file": ContentFile(b"%PDF-1.4 other", name="other.pdf")},
        )


def test_other_apps_attach_their_documents_through_the_subject(world):
    from fuwu.documents.selectors import current_version_of, documents_of_subject

    subject = world.sites[1]  # any tenant-owned record: e.g. a contact point
    document = services.document_create(
        actor=world.users["quality"],
        organization=world.org,
        data={"title_en": "Front desk specification", "category": "specification"},
        subject=subject,
        body_en="# Front desk",
    )
    assert (document.subject_type, document.subject_id) == ("core.site", str(subject.pk))
    assert list(documents_of_subject(subject)) == [document]
    assert current_version_of(document) is None
    approve(world, document)
    assert current_version_of(document).number == 1
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        services.document_create(
            actor=world.users["quality"],
            organization=world.org,
            data={"title_en": "Not ours"},
            subject=world.other_site,
        )
