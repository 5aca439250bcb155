"""The role matrix of improvement: who may raise, analyse, decide, plan, complete,
verify and close, and set the deadlines; auditors and viewers read only. Site-scoped
members act on their sites only."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from fuwu.improvement.services import actions as action_services
from fuwu.improvement.services import nonconformities as nc_services
from fuwu.improvement.services import settings as settings_services

from .conftest import complete, dispose, plan, raise_nc

pytestmark = pytest.mark.django_db

ROLES = ["admin", "quality", "manager", "staff", "auditor", "viewer", "outsider"]

# role -> (raise, analyse / dispose / plan, verify / close, deadlines)
MATRIX = {
    "admin": (True, True, True, True),
    "quality": (True, True, True, True),
    "manager": (True, True, False, False),
    "staff": (True, False, False, False),
    "auditor": (False, False, False, False),
    "viewer": (False, False, False, False),
    "outsider": (False, False, False, False),
}


def allowed(fn) -> bool:
    try:
        fn()
    except PermissionDenied:
        return False
    return True


@pytest.mark.parametrize("role", ROLES)
def test_what_each_role_may_do_at_site_one(world, role, no_wait):
    may_raise, may_plan, may_verify, may_set = MATRIX[role]
    user = world.users[role]
    assert allowed(lambda: raise_nc(world, actor=role)) is may_raise
    nc = raise_nc(world, actor="quality")
    assert (
        allowed(
            lambda: nc_services.nonconformity_analyse(
                actor=user, nonconformity=nc, cause_category="people", root_cause_en="x"
            )
        )
        is may_plan
    )
    assert (
        allowed(
            lambda: nc_services.nonconformity_dispose(
                actor=user, nonconformity=nc, disposition_en="x"
            )
        )
        is may_plan
    )
    other = raise_nc(world, actor="quality")
    assert allowed(lambda: plan(world, other, actor=role)) is may_plan
    action = plan(world, nc, owner="staff")
    complete(world, action)
    dispose(world, nc, actor="quality")
    assert allowed(
        lambda: action_services.action_verify(
            actor=user, action=action, effective=True, evidence_en="ok"
        )
    ) is (may_verify and role != "staff")
    if not may_verify:
        action_services.action_verify(
            actor=world.users["quality"], action=action, effective=True, evidence_en="ok"
        )
    assert allowed(lambda: nc_services.nonconformity_close(actor=user, nonconformity=nc)) is (
        may_verify
    )
    assert (
        allowed(
            lambda: settings_services.settings_update(
                actor=user, organization=world.org, data={"overdue_days": 10}
            )
        )
        is may_set
    )


def test_site_scope_holds_for_every_write(world, no_wait):
    nc = raise_nc(world, site=1, actor="quality")
    manager = world.users["manager"]
    for write in (
        lambda: raise_nc(world, site=1, actor="manager"),
        lambda: nc_services.nonconformity_dispose(
            actor=manager, nonconformity=nc, disposition_en="x"
        ),
        lambda: plan(world, nc, actor="manager"),
    ):
        assert not allowed(write)
    action = plan(world, nc, owner="quality", actor="quality")
    assert not allowed(
        lambda: action_services.action_complete(actor=manager, action=action, evidence_en="x")
    )


def test_the_owner_completes_even_without_planning(world):
    nc = raise_nc(world)
    action = plan(world, nc, owner="staff")
    assert not allowed(
        lambda: action_services.action_complete(
            actor=world.users["viewer"], action=action, evidence_en="x"
        )
    )
    complete(world, action, actor="staff")


@pytest.mark.parametrize(
    ("role", "status"),
    [
        ("admin", 200),
        ("quality", 200),
        ("manager", 200),
        ("staff", 200),
        ("auditor", 200),
        ("viewer", 200),
        ("outsider", 404),
    ],
)
def test_pages_each_role_reads(world, role, status):
    nc = raise_nc(world)
    action = plan(world, nc)
    client = world.client(role)
    assert client.get(f"/improvement/nonconformities/{nc.pk}/").status_code == status
    assert client.get(f"/improvement/actions/{action.pk}/").status_code == status
    assert client.get("/improvement/nonconformities/").status_code == 200
    add = client.get("/improvement/nonconformities/add/").status_code
    # The outsider administers their own organization: the page is theirs to use there.
    assert add == (200 if role in ("admin", "quality", "manager", "staff", "outsider") else 403)
    plan_page = client.get("/improvement/actions/add/").status_code
    assert plan_page == (200 if role in ("admin", "quality", "manager", "outsider") else 403)


def test_due_dates_in_the_past_are_allowed_for_plans_but_not_for_rework(world, no_wait):
    nc = raise_nc(world)
    action = plan(world, nc, due=-1)
    complete(world, action)
    with pytest.raises(Exception, match="past"):
        action_services.action_verify(
            actor=world.users["quality"],
            action=action,
            effective=False,
            evidence_en="no",
            due_on=timezone.localdate() - timedelta(days=1),
        )
