"""The communication log (4.4.4): logging by purpose with the answer time of an
enquiry, the reference kept only with consent and erasable, the answer refused for
what is no enquiry (409), staff at their sites only, the filters and the export, the
API, and the checks that read the log."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone
from rest_framework.test import APIClient

from fuwu.core.errors import StateConflict
from fuwu.core.models import AuditEntry
from fuwu.operations.models import Communication
from fuwu.operations.services import communications as services
from fuwu.standard.conformity import REGISTRY, CheckStatus

pytestmark = pytest.mark.django_db


def log(world, *, actor="staff", site=0, purpose="inform", **extra):
    data = {"summary_en": "Told the guest the pool closes at 9", "channel": "in_person"} | extra
    return services.communication_log(
        actor=world.users[actor],
        organization=world.org,
        site=world.sites[site],
        purpose=purpose,
        **data,
    )


def api(world, username):
    client = APIClient()
    client.force_authenticate(world.users[username])
    return client


def run(check_id, org):
    return REGISTRY[check_id].run(org)


def test_an_enquiry_answered_has_its_response_time(world):
    asked = timezone.now() - timedelta(minutes=30)
    record = log(
        world, purpose="respond", occurred_at=asked, answered_at=asked + timedelta(minutes=12)
    )
    assert record.response_minutes == 12
    assert record.logged_by == world.users["staff"]


def test_the_answer_is_refused_for_what_is_no_enquiry_or_answered_already(world):
    informed = log(world)
    with pytest.raises(StateConflict):
        services.communication_answer(actor=world.users["staff"], communication=informed)
    enquiry = log(world, purpose="respond", occurred_at=timezone.now() - timedelta(minutes=5))
    services.communication_answer(actor=world.users["staff"], communication=enquiry)
    with pytest.raises(StateConflict):
        services.communication_answer(actor=world.users["staff"], communication=enquiry)
    with pytest.raises(ValidationError):
        log(world, purpose="inform", answered_at=timezone.now())


def test_bad_input_is_refused(world):
    with pytest.raises(ValidationError):
        log(world, purpose="gossip")
    with pytest.raises(ValidationError):
        log(world, summary_en="")
    with pytest.raises(ValidationError):
        log(world, occurred_at=timezone.now() + timedelta(days=1))
    asked = timezone.now() - timedelta(hours=1)
    with pytest.raises(ValidationError):
        log(world, purpose="respond", occurred_at=asked, answered_at=asked - timedelta(minutes=1))


def test_the_reference_only_with_consent_never_in_the_audit_and_erasable(world):
    with pytest.raises(ValidationError):
        log(world, customer_reference="Booking 123")
    record = log(world, customer_reference="Booking 123", consent=True)
    assert record.consented_at is not None
    assert not AuditEntry.objects.filter(after__icontains="Booking 123").exists()
    with pytest.raises(PermissionDenied):
        services.communication_erase_reference(actor=world.users["staff"], communication=record)
    services.communication_erase_reference(actor=world.users["manager"], communication=record)
    record.refresh_from_db()
    assert record.customer_reference == "" and record.reference_erased_at is not None


def test_staff_log_at_their_sites_only_and_readers_do_not_log(world):
    with pytest.raises(PermissionDenied):
        log(world, site=1)
    with pytest.raises(PermissionDenied):
        log(world, actor="auditor")
    with pytest.raises(PermissionDenied):
        log(world, actor="viewer")
    log(world, actor="quality", site=2)


def test_pages_filters_export_and_tenancy(world):
    mine = log(world, summary_en="West wing enquiry", purpose="respond")
    elsewhere = log(world, actor="quality", site=1, summary_en="Lake view advice", purpose="guide")
    staff = world.client("staff")
    page = staff.get("/operations/communications/")
    assert page.status_code == 200
    assert "West wing enquiry" in page.text and "Lake view advice" not in page.text
    assert staff.get(elsewhere.get_absolute_url()).status_code == 404
    quality = world.client("quality")
    filtered = quality.get("/operations/communications/?purpose=guide")
    assert "Lake view advice" in filtered.text and "West wing enquiry" not in filtered.text
    unanswered = quality.get("/operations/communications/?unanswered=true")
    assert "West wing enquiry" in unanswered.text and "Lake view advice" not in unanswered.text
    csv = world.client("auditor").get("/operations/communications/?export=csv")
    assert csv.status_code == 200
    assert "Lake view advice" in b"".join(csv.streaming_content).decode("utf-8-sig")
    assert world.client("outsider").get(mine.get_absolute_url()).status_code in (403, 404)
    # Logging from the page, in Chinese: the text goes to the Chinese field.
    added = staff.post(
        "/operations/communications/add/",
        {
            "purpose": "opinion",
            "summary": "请客人评价早餐",
            "site": world.sites[0].pk,
            "channel": "in_person",
        },
        HTTP_ACCEPT_LANGUAGE="zh-hans",
    )
    assert added.status_code == 302, added.content
    assert Communication.objects.filter(summary_zh="请客人评价早餐").exists() or (
        Communication.objects.filter(summary_en="请客人评价早餐").exists()
    )
    answer = staff.post(f"/operations/communications/{mine.pk}/answer/")
    assert answer.status_code == 302
    again = staff.post(f"/operations/communications/{mine.pk}/answer/")
    assert again.status_code == 409


def test_the_settings_page_sets_the_enquiry_target(world):
    assert world.client("staff").get("/operations/communications/settings/").status_code == 403
    quality = world.client("quality")
    assert quality.get("/operations/communications/settings/").status_code == 200
    assert (
        quality.post(
            "/operations/communications/settings/", {"enquiry_response_minutes": 0}
        ).status_code
        == 400
    )
    done = quality.post("/operations/communications/settings/", {"enquiry_response_minutes": 15})
    assert done.status_code == 302
    assert services.communication_settings_of(world.org).enquiry_response_minutes == 15


def test_the_api_logs_filters_answers_and_refuses(world):
    staff = api(world, "staff")
    asked = (timezone.now() - timedelta(minutes=20)).isoformat()
    created = staff.post(
        "/api/v1/communications/",
        {
            "purpose": "respond",
            "channel": "phone",
            "site": world.sites[0].pk,
            "occurred_at": asked,
            "summary_en": "Asked about parking",
        },
        format="json",
    )
    assert created.status_code == 201, created.json()
    body = created.json()
    assert body["purpose"] == "respond" and body["response_minutes"] is None
    answered = staff.post(f"/api/v1/communications/{body['id']}/answer/", {}, format="json")
    assert answered.status_code == 200 and answered.json()["response_minutes"] >= 19
    again = staff.post(f"/api/v1/communications/{body['id']}/answer/", {}, format="json")
    assert again.status_code == 409
    listed = staff.get("/api/v1/communications/?purpose=respond")
    assert [r["id"] for r in listed.json()["results"]] == [body["id"]]
    other_site = staff.post(
        "/api/v1/communications/",
        {"purpose": "inform", "site": world.sites[1].pk, "summary_en": "x"},
        format="json",
    )
    assert other_site.status_code == 400
    assert api(world, "outsider").get(f"/api/v1/communications/{body['id']}/").status_code == 404
    assert (
        api(world, "auditor")
        .post(
            "/api/v1/communications/",
            {"purpose": "inform", "site": world.sites[0].pk, "summary_en": "x"},
            format="json",
        )
        .status_code
        == 403
    )


def _point(world, code="FD", manned=True):
    from fuwu.design.services import contact_point_create

    return contact_point_create(
        actor=world.users["quality"],
        organization=world.org,
        data={
            "code": code,
            "name_en": f"Front desk {code}",
            "stage": "during",
            "manned": manned,
            "channel": "in_person",
            "status": "active",
            "sites": world.sites,
        },
    )


def test_the_4_4_4_checks_read_the_log(world):
    assert run("operations.communication_logged", world.org).status == CheckStatus.NOT_APPLICABLE
    point = _point(world)
    silent = _point(world, "BAR")
    for purpose in ("inform", "guide", "opinion"):
        log(world, purpose=purpose, contact_point=point)
    result = run("operations.communication_logged", world.org)
    assert result.status == CheckStatus.FAIL and "BAR" in result.message
    asked = timezone.now() - timedelta(hours=3)
    log(
        world,
        purpose="respond",
        contact_point=silent,
        occurred_at=asked,
        answered_at=asked + timedelta(minutes=10),
    )
    assert run("operations.communication_logged", world.org).status == CheckStatus.PASS
    assert run("operations.enquiries_answered", world.org).status == CheckStatus.PASS
    log(world, purpose="respond", occurred_at=asked)  # never answered: late
    result = run("operations.enquiries_answered", world.org)
    assert result.status == CheckStatus.FAIL and result.records
    services.communication_settings_update(
        actor=world.users["quality"], organization=world.org, enquiry_response_minutes=5
    )
    assert run("operations.enquiries_answered", world.org).status == CheckStatus.FAIL
