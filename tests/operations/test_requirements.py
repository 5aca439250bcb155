"""Customer requirements and their review before commitment (4.4.2, A.4.2.1): recorded
with source and type, reviewed, committed only when the review allows it (409 with
the reason otherwise), in pages and API, within the reader's organization and sites."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone
from rest_framework.test import APIClient

from fuwu.core.errors import StateConflict
from fuwu.core.models import AuditEntry
from fuwu.design.models import Characteristic, ContactPoint
from fuwu.design.services.reference import seed_reference_data
from fuwu.operations.models import RequirementStatus, ReviewDecision
from fuwu.operations.services import requirements as services
from fuwu.standard.conformity import REGISTRY

pytestmark = pytest.mark.django_db


def record(world, *, actor="staff", site=0, **extra):
    data = {
        "source": "contract",
        "kind": "explicit",
        "customer_en": "Tianyuan Pharmaceutical",
        "customer_zh": "天元制药",
        "text_en": "Late check-out at 16:00",
        "site": world.sites[site] if site is not None else None,
    } | extra
    return services.requirement_record(actor=world.users[actor], organization=world.org, **data)


CAPABLE = {
    "tangible_en": "Housekeeping can turn 12 late rooms a day",
    "intangible_en": "The property system flags the bookings",
}


def review(world, requirement, decision, actor="manager", **extra):
    return services.requirement_review(
        actor=world.users[actor], requirement=requirement, decision=decision, **(CAPABLE | extra)
    )


def test_a_requirement_is_recorded_with_source_type_points_and_characteristics(world):
    seed_reference_data(world.org)
    point = ContactPoint.objects.create(
        organization=world.org, code="CHECKOUT", name_en="Check-out", stage="during"
    )
    procedure = Characteristic.objects.get(organization=world.org, key="procedure")
    requirement = record(world, contact_points=[point], characteristics=[procedure])
    assert requirement.number.startswith("REQ-")
    assert requirement.status == RequirementStatus.RECORDED
    assert list(requirement.contact_points.all()) == [point]
    assert list(requirement.characteristics.all()) == [procedure]
    assert AuditEntry.objects.filter(object_id=str(requirement.pk)).exists()
    services.requirement_update(
        actor=world.users["staff"], requirement=requirement, data={"contact_points": []}
    )
    history = world.client("staff").get(
        reverse("operations:requirement_history", args=[requirement.pk])
    )
    assert history.status_code == 200 and b"CHECKOUT" in history.content


def test_bad_input_is_refused_with_a_reason(world):
    with pytest.raises(ValidationError) as exc:
        record(world, source="rumour")
    assert "source" in exc.value.message_dict
    with pytest.raises(ValidationError) as exc:
        record(world, text_en="", text_zh="")
    assert "text_en" in exc.value.message_dict
    with pytest.raises(ValidationError):
        record(world, received_on=timezone.localdate() + timedelta(days=1))


def test_staff_records_at_their_site_only_and_organization_wide_needs_all_sites(world):
    with pytest.raises(PermissionDenied):
        record(world, site=1)
    with pytest.raises(PermissionDenied):
        record(world, site=None)
    assert record(world, actor="quality", site=None).site is None
    with pytest.raises(PermissionDenied):
        record(world, actor="viewer")


def test_committing_without_a_review_is_a_conflict(world):
    requirement = record(world)
    with pytest.raises(StateConflict) as exc:
        services.requirement_commit(actor=world.users["manager"], requirement=requirement)
    assert "Review this requirement" in exc.value.messages[0]


def test_accepted_requirement_is_committed(world):
    requirement = record(world)
    review(world, requirement, ReviewDecision.ACCEPT)
    requirement.refresh_from_db()
    assert requirement.status == RequirementStatus.REVIEWED
    done = services.requirement_commit(actor=world.users["manager"], requirement=requirement)
    assert (
        done.status == RequirementStatus.COMMITTED and done.committed_by == world.users["manager"]
    )
    with pytest.raises(StateConflict):
        review(world, done, ReviewDecision.ACCEPT)


def test_conditions_need_the_customer_told_and_an_alternative_their_agreement(world):
    requirement = record(world)
    with pytest.raises(ValidationError) as exc:
        review(world, requirement, ReviewDecision.CONDITIONS)
    assert "reasons_en" in exc.value.message_dict
    review(world, requirement, ReviewDecision.CONDITIONS, reasons_en="16:00 below 90 % occupancy")
    with pytest.raises(StateConflict) as exc:
        services.requirement_commit(actor=world.users["manager"], requirement=requirement)
    assert "tell the customer" in exc.value.messages[0]
    told = timezone.now() - timedelta(hours=1)
    review(
        world,
        requirement,
        ReviewDecision.ALTERNATIVE,
        reasons_en="14:00 instead",
        customer_told_at=told,
        customer_told_how="email",
        customer_agreed=False,
    )
    with pytest.raises(StateConflict) as exc:
        services.requirement_commit(actor=world.users["manager"], requirement=requirement)
    assert "not agreed" in exc.value.messages[0]
    review(
        world,
        requirement,
        ReviewDecision.ALTERNATIVE,
        reasons_en="14:00 instead",
        customer_told_at=told,
        customer_told_how="email",
        customer_agreed=True,
    )
    requirement.refresh_from_db()
    assert services.requirement_commit(actor=world.users["manager"], requirement=requirement)


def test_declined_requirement_is_settled(world):
    requirement = record(world)
    review(world, requirement, ReviewDecision.DECLINE, reasons_en="No rooms free at 16:00")
    requirement.refresh_from_db()
    assert requirement.status == RequirementStatus.DECLINED
    with pytest.raises(StateConflict):
        services.requirement_commit(actor=world.users["manager"], requirement=requirement)
    with pytest.raises(StateConflict):
        services.requirement_update(
            actor=world.users["staff"], requirement=requirement, data={"text_en": "x"}
        )


def test_a_change_after_the_review_needs_a_new_review(world):
    requirement = record(world)
    review(world, requirement, ReviewDecision.ACCEPT)
    requirement.refresh_from_db()
    changed = services.requirement_update(
        actor=world.users["staff"], requirement=requirement, data={"text_en": "Check-out at 18:00"}
    )
    assert changed.status == RequirementStatus.RECORDED
    with pytest.raises(StateConflict):
        services.requirement_commit(actor=world.users["manager"], requirement=changed)


def test_staff_may_not_review_and_a_manager_not_at_another_site(world):
    requirement = record(world)
    with pytest.raises(PermissionDenied):
        review(world, requirement, ReviewDecision.ACCEPT, actor="staff")
    elsewhere = record(world, actor="quality", site=1)
    with pytest.raises(PermissionDenied):
        review(world, elsewhere, ReviewDecision.ACCEPT, actor="manager")


def test_pages_review_and_refuse_commitment_with_409(world):
    requirement = record(world)
    client = world.client("manager")
    page = client.get(requirement.get_absolute_url())
    assert page.status_code == 200 and b"review-form" in page.content
    refused = client.post(reverse("operations:requirement_commit", args=[requirement.pk]))
    assert refused.status_code == 409
    assert b"Review this requirement" in refused.content
    answer = client.post(
        reverse("operations:requirement_review", args=[requirement.pk]),
        {"decision": "accept", **CAPABLE},
    )
    assert answer.status_code == 302
    assert (
        client.post(reverse("operations:requirement_commit", args=[requirement.pk])).status_code
        == 302
    )
    requirement.refresh_from_db()
    assert requirement.status == RequirementStatus.COMMITTED
    # The list and its exports.
    listing = client.get(reverse("operations:requirement_list") + "?status=committed")
    assert requirement.number.encode() in listing.content
    export = client.get(reverse("operations:requirement_list") + "?export=csv")
    assert export.status_code == 200


def test_the_form_records_in_either_language(world):
    client = world.client("staff")
    answer = client.post(
        reverse("operations:requirement_add"),
        {
            "site": world.sites[0].pk,
            "source": "customer",
            "kind": "potential",
            "customer_zh": "带幼儿的家庭",
            "text_zh": "晚餐需要儿童菜单",
        },
    )
    assert answer.status_code == 302
    blank = client.post(reverse("operations:requirement_add"), {"source": "customer"})
    assert blank.status_code == 400


def test_other_sites_and_organizations_see_nothing(world):
    requirement = record(world)
    elsewhere = record(world, actor="quality", site=1)
    client = world.client("staff")
    assert client.get(elsewhere.get_absolute_url()).status_code == 404
    assert world.client("outsider").get(requirement.get_absolute_url()).status_code == 404


def api(world, username):
    client = APIClient()
    client.force_authenticate(world.users[username])
    return client


def test_api_records_reviews_and_refuses_commitment_with_409(world):
    client = api(world, "manager")
    created = client.post(
        "/api/v1/requirements/",
        {
            "source": "law",
            "kind": "explicit",
            "site": world.sites[0].pk,
            "customer_en": "Every guest",
            "text_en": "Register each guest's ID at check-in",
        },
        format="json",
    )
    assert created.status_code == 201, created.content
    pk = created.json()["id"]
    refused = client.post(f"/api/v1/requirements/{pk}/commit/")
    assert refused.status_code == 409
    assert "Review" in str(refused.json())
    reviewed = client.post(
        f"/api/v1/requirements/{pk}/review/", {"decision": "accept", **CAPABLE}, format="json"
    )
    assert reviewed.status_code == 201, reviewed.content
    assert reviewed.json()["reviews"][0]["decision"] == "accept"
    committed = client.post(f"/api/v1/requirements/{pk}/commit/")
    assert committed.status_code == 200 and committed.json()["status"] == "committed"
    listed = client.get("/api/v1/requirements/?status=committed")
    assert [r["id"] for r in listed.json()["results"]] == [pk]
    assert api(world, "outsider").get(f"/api/v1/requirements/{pk}/").status_code == 404
    staff = api(world, "staff").post(
        f"/api/v1/requirements/{pk}/review/", {"decision": "accept", **CAPABLE}, format="json"
    )
    assert staff.status_code == 403


def test_the_check_of_4_4_2_2(world):
    check = REGISTRY["operations.requirements_reviewed_before_commitment"].function
    assert check(world.org).status == "not_applicable"
    requirement = record(world)
    review(world, requirement, ReviewDecision.ACCEPT)
    requirement.refresh_from_db()
    services.requirement_commit(actor=world.users["manager"], requirement=requirement)
    assert check(world.org).status == "pass"
    # A review written after the commitment does not count.
    requirement.reviews.update(reviewed_at=timezone.now() + timedelta(hours=1))
    assert check(world.org).status == "fail"
    assert REGISTRY["operations.requirements_identified"].function(world.org).status == "pass"


def test_my_work_lists_requirements_awaiting_review(world):
    requirement = record(world)
    page = world.client("manager").get(reverse("core:my_work"))
    assert page.status_code == 200 and requirement.number.encode() in page.content
    assert (
        requirement.number.encode()
        not in world.client("staff").get(reverse("core:my_work")).content
    )
