"""My work: the actions a person owns, the verifications and closings waiting for the
quality manager, the dispositions owed; the page, the home card and the daily digest
in the person's language."""

from __future__ import annotations

import pytest

from fuwu.core import work

from .conftest import complete, dispose, plan, raise_nc, verify

pytestmark = pytest.mark.django_db


def labels(world, username):
    return [(str(i.what), i.label) for i in work.work_for(world.users[username], world.org)]


def test_each_person_sees_their_own_work(world, no_wait):
    nc = raise_nc(world)
    action = plan(world, nc, owner="staff", due=-3)  # already late
    staff = labels(world, "staff")
    assert ("Corrective action", action.label) in staff
    assert work.summary(world.users["staff"], world.org).overdue == 1
    assert ("Decide the disposition", nc.label) in labels(world, "manager")
    assert not any(what == "Decide the disposition" for what, _ in labels(world, "staff"))
    complete(world, action)
    assert ("Verify effectiveness", action.label) in labels(world, "quality")
    assert labels(world, "staff") == []
    dispose(world, nc)
    verify(world, action)
    assert ("Close the nonconformity", nc.label) in labels(world, "quality")
    # Another organization's people see none of it.
    assert work.work_for(world.users["outsider"], world.other_org) == []


def test_site_manager_sees_only_their_sites(world):
    raise_nc(world, site=1, actor="quality")
    assert labels(world, "manager") == []


def test_my_work_page_and_home_card(world):
    nc = raise_nc(world)
    plan(world, nc, owner="staff", due=-1)
    page = world.client("staff").get("/my-work/").content.decode()
    assert "Corrective action" in page and 'data-testid="overdue"' in page
    home = world.client("staff").get("/").content.decode()
    assert 'data-card="core.my_work"' in home and 'data-testid="count-overdue">1<' in home
    empty = world.client("viewer").get("/my-work/").content.decode()
    assert 'data-testid="work-empty"' in empty
