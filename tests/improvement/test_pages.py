"""The record pages: the manager plans, the owner completes, the quality manager
verifies and closes; refusals show their reason with 403 / 409."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from fuwu.improvement.models import Action, ActionStatus, NCStatus

from .conftest import complete, dispose, plan, raise_nc

pytestmark = pytest.mark.django_db


def test_the_loop_on_the_pages(world, no_wait):
    nc = raise_nc(world)
    manager = world.client("manager")
    page = manager.get(f"/improvement/nonconformities/{nc.pk}/")
    assert page.status_code == 200 and b"plan-form" in page.content
    due = (timezone.localdate() + timedelta(days=5)).isoformat()
    answer = manager.post(
        f"/improvement/nonconformities/{nc.pk}/plan/",
        {
            "kind": "corrective",
            "description_en": "Checklist",
            "owner": world.users["staff"].pk,
            "due_on": due,
        },
    )
    assert answer.status_code == 302
    action = Action.objects.get(nonconformity=nc)
    manager.post(
        f"/improvement/nonconformities/{nc.pk}/disposition/",
        {"disposition_en": "Room re-cleaned", "customer_informed": "on"},
    )
    early = world.client("quality").post(f"/improvement/nonconformities/{nc.pk}/close/")
    assert early.status_code == 409
    assert action.number.encode() in early.content
    staff = world.client("staff")
    done = staff.post(f"/improvement/actions/{action.pk}/complete/", {"evidence_en": "In use"})
    assert done.status_code == 302
    # The owner may not verify their own action.
    assert (
        staff.post(
            f"/improvement/actions/{action.pk}/verify/", {"effective": "1", "evidence_en": "x"}
        ).status_code
        == 403
    )
    quality = world.client("quality")
    page = quality.get(f"/improvement/actions/{action.pk}/")
    assert b'data-testid="verify"' in page.content
    verified = quality.post(
        f"/improvement/actions/{action.pk}/verify/", {"effective": "1", "evidence_en": "Clean"}
    )
    assert verified.status_code == 302
    action.refresh_from_db()
    assert action.status == ActionStatus.EFFECTIVE
    assert quality.post(f"/improvement/nonconformities/{nc.pk}/close/").status_code == 302
    nc.refresh_from_db()
    assert nc.status == NCStatus.CLOSED


def test_bad_input_answers_400_and_writes_nothing(world):
    nc = raise_nc(world)
    manager = world.client("manager")
    answer = manager.post(
        f"/improvement/nonconformities/{nc.pk}/plan/", {"kind": "corrective", "owner": "x"}
    )
    assert answer.status_code == 400
    assert not Action.objects.exists()
    answer = manager.post(
        f"/improvement/nonconformities/{nc.pk}/cause/", {"cause_category": "people"}
    )
    assert answer.status_code == 400


def test_outside_scope_and_other_organization(world):
    nc = raise_nc(world, site=1, actor="quality")
    assert world.client("manager").get(f"/improvement/nonconformities/{nc.pk}/").status_code == 404
    assert world.client("outsider").get(f"/improvement/nonconformities/{nc.pk}/").status_code == 404
    auditor = world.client("auditor")
    assert auditor.get(f"/improvement/nonconformities/{nc.pk}/").status_code == 200
    assert (
        auditor.post(
            f"/improvement/nonconformities/{nc.pk}/disposition/", {"disposition_en": "x"}
        ).status_code
        == 403
    )


def test_register_list_and_export(world):
    raise_nc(world)
    client = world.client("auditor")
    assert client.get("/improvement/nonconformities/").status_code == 200
    csv = client.get("/improvement/nonconformities/?export=csv").getvalue().decode()
    assert "Room 512" in csv
    assert (
        client.get("/improvement/nonconformities/?status=open&source_type=manual").status_code
        == 200
    )


def test_manual_entry_from_the_register(world):
    staff = world.client("staff")
    assert staff.get("/improvement/nonconformities/add/").status_code == 200
    answer = staff.post(
        "/improvement/nonconformities/add/",
        {"site": world.sites[0].pk, "severity": "minor", "description_zh": "前台无人"},
    )
    assert answer.status_code == 302, answer.content.decode()[:2000]
    answer = staff.post(
        "/improvement/nonconformities/add/",
        {"site": world.sites[1].pk, "severity": "minor", "description_zh": "前台无人"},
    )
    assert answer.status_code == 400


def test_reopened_action_and_page_of_a_verified_action(world, no_wait):
    nc = raise_nc(world)
    action = plan(world, nc)
    complete(world, action)
    dispose(world, nc)
    quality = world.client("quality")
    answer = quality.post(
        f"/improvement/actions/{action.pk}/verify/",
        {"effective": "0", "evidence_en": "Still dirty rooms"},
    )
    assert answer.status_code == 302
    action.refresh_from_db()
    assert action.rework_count == 1 and action.status == ActionStatus.PLANNED
    page = quality.get(f"/improvement/actions/{action.pk}/")
    assert b"Still dirty rooms" in page.content


def test_a_preventive_action_on_its_own_from_the_register(world):
    quality = world.client("quality")
    due = (timezone.localdate() + timedelta(days=30)).isoformat()
    answer = quality.post(
        "/improvement/actions/add/",
        {
            "kind": "preventive",
            "origin": "trend",
            "description_en": "Second receptionist on Friday evenings",
            "owner": world.users["manager"].pk,
            "due_on": due,
        },
    )
    assert answer.status_code == 302, answer.content.decode()[:3000]
    action = Action.objects.get()
    assert (action.site_id, action.nonconformity_id, action.origin) == (None, None, "trend")
    # A site manager sees the organization's preventive action, and may not plan one like it.
    assert world.client("manager").get(f"/improvement/actions/{action.pk}/").status_code == 200
    refused = world.client("manager").post(
        "/improvement/actions/add/",
        {
            "kind": "preventive",
            "origin": "trend",
            "description_en": "x",
            "owner": world.users["manager"].pk,
            "due_on": due,
        },
    )
    assert refused.status_code == 403
    # Without its origin, or a corrective one without a nonconformity: 400.
    for data in ({"kind": "preventive"}, {"kind": "corrective", "origin": "trend"}):
        answer = quality.post(
            "/improvement/actions/add/",
            data | {"description_en": "x", "owner": world.users["manager"].pk, "due_on": due},
        )
        assert answer.status_code == 400
    edit = quality.post(
        f"/improvement/actions/{action.pk}/edit/",
        {
            "description_en": "Second receptionist on Friday and Sunday evenings",
            "owner": world.users["quality"].pk,
            "due_on": due,
        },
    )
    assert edit.status_code == 302
    action.refresh_from_db()
    assert action.owner == world.users["quality"] and "Sunday" in action.description_en
