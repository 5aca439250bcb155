"""The custody register of customer property (4.4.7): received with its condition
and a photo (type and size checked), handed back, lost or damaged (a nonconformity,
the customer told), each refusal by state a 409; the owner kept only with consent,
never in the audit trail, erasable; the overdue flag by the worker; the claim tag
PDF with its QR code; staff at their sites only; the API; the checks."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from rest_framework.test import APIClient

from fuwu.core.errors import StateConflict
from fuwu.core.models import Attachment, AuditEntry
from fuwu.improvement.models import Nonconformity
from fuwu.operations.jobs import flag_overdue_property
from fuwu.operations.models import PropertyItem, PropertyStatus
from fuwu.operations.services import property as services
from fuwu.standard.conformity import REGISTRY, CheckStatus
from tests.documents.manual_support import needs_pdftotext, pdf_text

pytestmark = pytest.mark.django_db

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


def receive(world, *, actor="staff", site=0, **extra):
    data = {
        "description_en": "Black suitcase",
        "condition_en": "Scratch on the front",
        "storage_location": "Luggage room A",
    } | extra
    return services.property_receive(
        actor=world.users[actor], organization=world.org, site=world.sites[site], **data
    )


def api(world, username):
    client = APIClient()
    client.force_authenticate(world.users[username])
    return client


def run(check_id, org):
    return REGISTRY[check_id].run(org)


def test_received_numbered_with_a_photo_and_handed_back(world):
    photo = SimpleUploadedFile("bag.png", PNG, content_type="image/png")
    item = receive(world, photo=photo)
    assert item.number.startswith("CL-") and item.in_custody
    assert item.received_by == world.users["staff"]
    assert Attachment.objects.filter(object_id=str(item.pk), name="bag.png").exists()
    services.property_return(actor=world.users["staff"], item=item, returned_to="The owner")
    item.refresh_from_db()
    assert item.status == PropertyStatus.RETURNED and item.returned_at is not None
    with pytest.raises(StateConflict):
        services.property_return(actor=world.users["staff"], item=item, returned_to="Again")
    with pytest.raises(StateConflict):
        services.property_report(
            actor=world.users["staff"], item=item, kind="lost", incident_en="Gone"
        )
    with pytest.raises(StateConflict):
        services.property_update(actor=world.users["staff"], item=item, storage_location="B")


def test_a_photo_must_be_an_image_of_its_type_and_size(world, settings):
    with pytest.raises(ValidationError):
        receive(world, photo=SimpleUploadedFile("bag.pdf", b"%PDF-1.4", content_type="x"))
    with pytest.raises(ValidationError):
        receive(world, photo=SimpleUploadedFile("bag.jpg", PNG, content_type="image/jpeg"))
    settings.FUWU_MAX_UPLOAD_MB = 0
    with pytest.raises(ValidationError):
        receive(world, photo=SimpleUploadedFile("bag.png", PNG, content_type="image/png"))
    assert not PropertyItem.objects.exists()


def test_bad_input_is_refused(world):
    with pytest.raises(ValidationError):
        receive(world, description_en="")
    with pytest.raises(ValidationError):
        receive(world, condition_en="")
    with pytest.raises(ValidationError):
        receive(world, storage_location=" ")
    with pytest.raises(ValidationError):
        receive(world, received_at=timezone.now() + timedelta(hours=1))
    with pytest.raises(ValidationError):
        receive(world, expected_return_on=timezone.localdate() - timedelta(days=3))
    item = receive(world)
    with pytest.raises(ValidationError):
        services.property_return(actor=world.users["staff"], item=item, returned_to="")
    with pytest.raises(ValidationError):
        services.property_report(actor=world.users["staff"], item=item, kind="stolen")


def test_a_loss_raises_a_nonconformity_and_records_the_customer_told(world):
    item = receive(world)
    reported = services.property_report(
        actor=world.users["staff"], item=item, kind="lost", incident_en="Handed out by mistake"
    )
    assert reported.status == PropertyStatus.LOST and reported.customer_informed_at is None
    nc = Nonconformity.objects.get(pk=reported.nonconformity_id)
    assert nc.source_type == "customer_property" and nc.source_id == str(item.pk)
    assert nc.severity == "major" and item.number in nc.description_en
    assert run("operations.property_losses_reported", world.org).status == CheckStatus.FAIL
    with pytest.raises(StateConflict):
        services.property_return(actor=world.users["staff"], item=reported, returned_to="x")
    with pytest.raises(ValidationError):
        services.property_inform(
            actor=world.users["staff"], item=reported, customer_informed_how="pigeon"
        )
    told = services.property_inform(
        actor=world.users["staff"], item=reported, customer_informed_how="phone"
    )
    assert told.customer_informed_at is not None and told.customer_informed_how == "phone"
    with pytest.raises(StateConflict):
        services.property_inform(
            actor=world.users["staff"], item=told, customer_informed_how="phone"
        )
    assert run("operations.property_losses_reported", world.org).status == CheckStatus.PASS


def test_a_damaged_item_can_still_go_back_and_inform_needs_an_incident(world):
    item = receive(world)
    with pytest.raises(StateConflict):
        services.property_inform(
            actor=world.users["staff"], item=item, customer_informed_how="phone"
        )
    now = timezone.now()
    damaged = services.property_report(
        actor=world.users["staff"],
        item=item,
        kind="damaged",
        incident_en="Handle broken",
        customer_informed_at=now,
        customer_informed_how="in_person",
    )
    assert Nonconformity.objects.get(pk=damaged.nonconformity_id).customer_informed
    back = services.property_return(actor=world.users["staff"], item=damaged, returned_to="Owner")
    assert back.status == PropertyStatus.RETURNED and back.incident_at is not None


def test_the_owner_only_with_consent_never_in_the_audit_and_erasable(world):
    with pytest.raises(ValidationError):
        receive(world, owner_name="Mr Harris")
    with pytest.raises(ValidationError):
        receive(world, owner_name="Mr Harris", consent=True)  # no purpose
    item = receive(world, owner_name="Mr Harris", consent=True, consent_purpose="To hand it back")
    services.property_return(actor=world.users["staff"], item=item, returned_to="Mr Harris")
    assert not AuditEntry.objects.filter(after__icontains="Harris").exists()
    with pytest.raises(PermissionDenied):
        services.property_erase_identity(actor=world.users["staff"], item=item)
    erased = services.property_erase_identity(actor=world.users["manager"], item=item)
    assert erased.owner_name == "" and erased.identity_erased_at is not None


def test_staff_keep_property_at_their_sites_only(world):
    with pytest.raises(PermissionDenied):
        receive(world, site=1)
    with pytest.raises(PermissionDenied):
        receive(world, actor="auditor")
    elsewhere = receive(world, actor="quality", site=1)
    with pytest.raises(PermissionDenied):
        services.property_return(actor=world.users["staff"], item=elsewhere, returned_to="x")
    with pytest.raises(PermissionDenied):
        services.property_report(
            actor=world.users["manager"], item=elsewhere, kind="lost", incident_en="x"
        )
    client = world.client("staff")
    assert client.get(elsewhere.get_absolute_url()).status_code == 404
    assert client.get(f"/operations/property/{elsewhere.pk}/tag/").status_code == 404
    assert world.client("outsider").get(elsewhere.get_absolute_url()).status_code in (403, 404)


def test_overdue_items_are_flagged_once_by_the_worker_and_listed(world):
    received = timezone.now() - timedelta(days=5)
    late = receive(
        world, received_at=received, expected_return_on=timezone.localdate() - timedelta(days=2)
    )
    receive(world, description_en="Umbrella", expected_return_on=timezone.localdate())
    assert late.is_overdue
    assert flag_overdue_property.call() == {"flagged": 1}
    assert flag_overdue_property.call() == {"flagged": 0}
    late.refresh_from_db()
    assert late.overdue_flagged_at is not None
    page = world.client("staff").get("/operations/property/overdue/")
    assert late.number in page.text and "Umbrella" not in page.text
    listed = world.client("staff").get("/operations/property/?overdue=true")
    assert late.number in listed.text
    # A new date clears the flag.
    moved = services.property_update(
        actor=world.users["staff"],
        item=late,
        expected_return_on=timezone.localdate() + timedelta(days=1),
        storage_location="Luggage room A",
    )
    assert moved.overdue_flagged_at is None and not moved.is_overdue


def test_the_pages_receive_return_report_and_refuse_by_state(world):
    client = world.client("staff")
    assert client.get("/operations/property/add/").status_code == 200
    added = client.post(
        "/operations/property/add/",
        {
            "description": "Golf bag",
            "site": world.sites[0].pk,
            "condition": "No damage",
            "storage_location": "Room B",
            "photo": SimpleUploadedFile("bag.png", PNG, content_type="image/png"),
        },
    )
    assert added.status_code == 302, added.content
    item = PropertyItem.objects.get(description_en="Golf bag")
    assert client.get(item.get_absolute_url()).status_code == 200
    bad = client.post(
        "/operations/property/add/",
        {
            "description": "Coat",
            "site": world.sites[0].pk,
            "condition": "Fine",
            "storage_location": "Room B",
            "photo": SimpleUploadedFile("coat.gif", b"GIF89a", content_type="image/gif"),
        },
    )
    assert bad.status_code == 400
    done = client.post(f"/operations/property/{item.pk}/return/", {"returned_to": "Owner"})
    assert done.status_code == 302
    again = client.post(f"/operations/property/{item.pk}/return/", {"returned_to": "Owner"})
    assert again.status_code == 409
    report = client.post(
        f"/operations/property/{item.pk}/report/", {"kind": "lost", "incident": "gone"}
    )
    assert report.status_code == 409
    assert client.get(f"/operations/property/{item.pk}/edit/").status_code == 403


@needs_pdftotext
def test_the_claim_tag_is_a_pdf_with_its_number_in_both_languages(world):
    item = receive(world, description_zh="黑色行李箱")
    response = world.client("staff").get(f"/operations/property/{item.pk}/tag/?language=zh-hans")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    text = pdf_text(response.content)
    assert item.number in text and "Claim tag" in text and "黑色行李箱" in text
    bad = world.client("staff").get(f"/operations/property/{item.pk}/tag/?language=fr")
    assert bad.status_code == 400


def test_the_api_receives_returns_reports_and_refuses(world):
    staff = api(world, "staff")
    created = staff.post(
        "/api/v1/property/",
        {
            "site": world.sites[0].pk,
            "description_en": "Stroller",
            "condition_en": "Fine",
            "storage_location": "Room B",
            "expected_return_on": timezone.localdate().isoformat(),
        },
        format="json",
    )
    assert created.status_code == 201, created.json()
    body = created.json()
    assert body["status"] == "in_custody" and body["number"].startswith("CL-")
    url = f"/api/v1/property/{body['id']}/"
    reported = staff.post(
        url + "report/",
        {"kind": "damaged", "incident_en": "Wheel broken", "customer_informed_how": "phone"},
        format="json",
    )
    assert reported.status_code == 400  # told how, but not when
    reported = staff.post(
        url + "report/", {"kind": "damaged", "incident_en": "Wheel broken"}, format="json"
    )
    assert reported.status_code == 200 and reported.json()["nonconformity"]
    again = {"kind": "lost", "incident_en": "Then lost"}
    assert staff.post(url + "report/", again, format="json").status_code == 409
    told = staff.post(url + "inform/", {"customer_informed_how": "phone"}, format="json")
    assert told.status_code == 200 and told.json()["customer_informed_at"]
    back = staff.post(url + "return/", {"returned_to": "Owner"}, format="json")
    assert back.status_code == 200 and back.json()["status"] == "returned"
    assert staff.post(url + "return/", {"returned_to": "Owner"}, format="json").status_code == 409
    assert staff.patch(url, {"storage_location": "C"}, format="json").status_code == 409
    listed = staff.get("/api/v1/property/?status=returned")
    assert [r["id"] for r in listed.json()["results"]] == [body["id"]]
    assert api(world, "outsider").get(url).status_code == 404
    assert api(world, "viewer").post(url + "return/", {"returned_to": "x"}).status_code == 403


def test_the_4_4_7_checks(world):
    assert run("operations.custody_records_complete", world.org).status == (
        CheckStatus.NOT_APPLICABLE
    )
    receive(world)
    assert run("operations.custody_records_complete", world.org).status == CheckStatus.PASS
    assert run("operations.property_losses_reported", world.org).status == (
        CheckStatus.NOT_APPLICABLE
    )
