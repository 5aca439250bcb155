"""Record control (4.6.5): record types, retention, refusal to delete records under
retention, the due-for-disposal list, and disposal that leaves audit entries."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from fuwu.core.audit import verify_chain
from fuwu.core.models import Attachment, AuditEntry
from fuwu.core.services import attachment_add, attachment_delete, record_delete
from fuwu.documents import retention, services
from fuwu.documents.models import DocumentVersion, RecordDisposal, RecordType, Status

from .conftest import approve, make_document, revise

pytestmark = pytest.mark.django_db

SMALL_PDF = b"%PDF-1.4\n%%EOF\n"


def seed(world, organization=None):
    return services.record_types_seed(
        actor=world.users["quality"] if organization is None else world.users["outsider"],
        organization=organization or world.org,
    )


def record_type(world, label):
    return RecordType.objects.get(organization=world.org, model_label=label)


def attach(world, record, actor="quality"):
    upload = SimpleUploadedFile("scan.pdf", SMALL_PDF, content_type="application/pdf")
    return attachment_add(actor=world.users[actor], record=record, upload=upload)


def age(model, pk, days, field="created_at"):
    model.objects.filter(pk=pk).update(**{field: timezone.now() - timedelta(days=days)})


def test_the_defaults_cover_the_audit_trail_attachments_and_obsolete_versions(world):
    created = seed(world)
    assert {t.model_label for t in created} == {
        "core.auditentry",
        "core.attachment",
        "documents.documentversion",
    }
    audit = record_type(world, "core.auditentry")
    assert audit.kept_permanently and audit.retention_months is None
    assert record_type(world, "core.attachment").retention_months == 36
    assert seed(world) == []  # idempotent
    assert (
        AuditEntry.objects.filter(object_type="documents.recordtype", action="create").count() == 3
    )


@pytest.mark.parametrize("username", ["manager", "staff", "auditor", "viewer"])
def test_only_managers_control_records(world, username):
    with pytest.raises(PermissionDenied):
        services.record_types_seed(actor=world.users[username], organization=world.org)


def test_a_record_type_covers_a_known_kind_once(world):
    seed(world)
    with pytest.raises(ValidationError) as caught:
        services.record_type_create(
            actor=world.users["quality"],
            organization=world.org,
            data={"name_en": "Again", "model_label": "core.attachment", "retention_months": 12},
        )
    assert "model_label" in caught.value.message_dict
    with pytest.raises(ValidationError):
        services.record_type_create(
            actor=world.users["quality"],
            organization=world.org,
            data={"name_en": "Sites", "model_label": "core.site", "retention_months": 12},
        )


def test_an_attachment_under_retention_cannot_be_deleted(world, media):
    seed(world)
    document = make_document(world)
    attachment = attach(world, document)
    with pytest.raises(ValidationError, match="retention period of “Attachments” until"):
        attachment_delete(actor=world.users["quality"], attachment=attachment)
    assert Attachment.objects.filter(pk=attachment.pk).exists()
    # Nor through the page, which says why.
    client = world.client("quality")
    response = client.post(f"/attachments/{attachment.pk}/remove/", follow=True)
    assert Attachment.objects.filter(pk=attachment.pk).exists()
    assert "cannot be deleted before then" in response.content.decode()


def test_without_a_record_type_attachments_are_deleted_as_before(world, media):
    attachment = attach(world, make_document(world))
    attachment_delete(actor=world.users["quality"], attachment=attachment)
    assert not Attachment.objects.filter(pk=attachment.pk).exists()


def test_audit_entries_are_never_deleted(world):
    seed(world)
    entry = AuditEntry.objects.filter(organization=world.org).first()
    with pytest.raises(ValidationError, match="kept permanently"):
        record_delete(entry, actor=world.users["admin"])


def test_past_retention_an_attachment_is_due_and_disposal_is_audited(world, media):
    seed(world)
    document = make_document(world)
    old = attach(world, document)
    new = attach(world, document)
    age(Attachment, old.pk, days=4 * 365)
    rtype = record_type(world, "core.attachment")
    assert list(retention.due_rows(rtype)) == [old]
    with pytest.raises(ValidationError, match="under retention until"):
        services.record_dispose(actor=world.users["quality"], record_type=rtype, record=new)
    disposal = services.record_dispose(actor=world.users["quality"], record_type=rtype, record=old)
    assert not Attachment.objects.filter(pk=old.pk).exists()
    assert (disposal.object_repr, disposal.method, disposal.retention_months) == (
        "scan.pdf",
        "delete",
        36,
    )
    # Two entries: the disposal logged, the attachment deleted.
    assert AuditEntry.objects.filter(
        object_type="documents.recorddisposal", action="create", actor_name="quality"
    ).exists()
    deleted = AuditEntry.objects.get(
        object_type="core.attachment", object_id=str(old.pk), action="delete"
    )
    assert deleted.before["name"] == "scan.pdf"
    assert verify_chain(world.org).intact


def test_obsolete_versions_are_disposed_of_after_their_retention(world):
    seed(world)
    document = make_document(world)
    first = approve(world, document)
    draft = revise(world, document, body_en="# Two")
    services.version_submit(actor=world.users["quality"], version=draft)
    approve(world, document)
    rtype = record_type(world, "documents.documentversion")
    assert not retention.due_rows(rtype).exists()  # obsolete since today
    age(DocumentVersion, first.pk, days=4 * 365, field="obsoleted_at")
    assert list(retention.due_rows(rtype)) == [first]
    count = services.records_dispose_due(actor=world.users["admin"], record_type=rtype)
    assert count == 1
    assert list(document.versions.values_list("number", "status")) == [(2, Status.APPROVED)]
    assert AuditEntry.objects.filter(
        object_type="documents.documentversion", object_id=str(first.pk), action="delete"
    ).exists()
    assert RecordDisposal.objects.get().object_repr == f"{document.number} v1"


def test_approved_and_draft_versions_are_not_records_to_dispose_of(world):
    seed(world)
    document = make_document(world)
    version = approve(world, document)
    rtype = record_type(world, "documents.documentversion")
    age(DocumentVersion, version.pk, days=4 * 365, field="approved_at")
    with pytest.raises(ValidationError, match="not of this record type"):
        services.record_dispose(actor=world.users["admin"], record_type=rtype, record=version)


def test_the_retention_pages(world, media):
    seed(world)
    attachment = attach(world, make_document(world))
    age(Attachment, attachment.pk, days=4 * 365)
    rtype = record_type(world, "core.attachment")
    viewer = world.client("viewer")
    overview = viewer.get("/documents/retention/").content.decode()
    assert "Attachments" in overview and 'data-testid="due-count"' in overview
    due = viewer.get(f"/documents/retention/{rtype.pk}/due/")
    assert due.status_code == 200 and "scan.pdf" in due.content.decode()
    # Viewers read; only managers dispose.
    refused = viewer.post(f"/documents/retention/{rtype.pk}/dispose/", {"record": attachment.pk})
    assert refused.status_code == 403
    done = world.client("quality").post(
        f"/documents/retention/{rtype.pk}/dispose/", {"record": attachment.pk}
    )
    assert done.status_code == 302
    assert not Attachment.objects.filter(pk=attachment.pk).exists()
    log = viewer.get("/documents/retention/").content.decode()
    assert 'data-testid="disposals"' in log and "scan.pdf" in log


def test_disposing_of_a_record_under_retention_on_the_page_answers_409(world, media):
    seed(world)
    attachment = attach(world, make_document(world))
    rtype = record_type(world, "core.attachment")
    response = world.client("quality").post(
        f"/documents/retention/{rtype.pk}/dispose/", {"record": attachment.pk}
    )
    assert response.status_code == 409
    assert "under retention until" in response.content.decode()


def test_the_default_record_types_button(world):
    client = world.client("quality")
    assert 'data-testid="defaults"' in client.get("/documents/retention/").content.decode()
    assert client.post("/documents/retention/defaults/").status_code == 302
    assert RecordType.objects.filter(organization=world.org).count() == 3
    assert world.client("viewer").post("/documents/retention/defaults/").status_code == 403


def test_a_record_type_with_disposals_stays(world, media):
    seed(world)
    attachment = attach(world, make_document(world))
    age(Attachment, attachment.pk, days=4 * 365)
    rtype = record_type(world, "core.attachment")
    services.records_dispose_due(actor=world.users["quality"], record_type=rtype)
    with pytest.raises(ValidationError):
        services.record_type_delete(actor=world.users["quality"], record_type=rtype)
    other = record_type(world, "core.auditentry")
    services.record_type_delete(actor=world.users["quality"], record_type=other)
    assert not RecordType.objects.filter(pk=other.pk).exists()
