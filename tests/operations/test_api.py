"""`/api/v1/requests/`: logging, the steps with 409 out of order, transfer keeping the
first owner, close with the customer's confirmation; the role matrix (staff at their
sites, readers read, the other organization sees nothing)."""

from __future__ import annotations

import pytest
from rest_framework.test import APIClient

from .conftest import log

pytestmark = pytest.mark.django_db
B = "/api/v1/requests/"


def api(world, username):
    client = APIClient()
    client.force_authenticate(world.users[username])
    return client


def test_a_complaint_through_the_api(world):
    staff, manager = api(world, "staff"), api(world, "manager")
    created = staff.post(
        B,
        {
            "kind": "complaint",
            "site": world.sites[0].pk,
            "summary_zh": "房间空调太吵",
            "priority": "high",
            "channel": "phone",
            "customer_told_at_once": True,
        },
        format="json",
    )
    assert created.status_code == 201, created.content
    body = created.json()
    pk, staff_id = body["id"], world.users["staff"].pk
    assert body["number"].startswith("CP-") and body["first_owner"] == staff_id
    assert body["first_response_at"] == body["received_at"]
    # Out of order: 409 with the reason.
    early = staff.post(f"{B}{pk}/respond/", {"text_en": "Sorry"}, format="json")
    assert early.status_code == 409 and "received" in early.json()["detail"]
    for step in ("acknowledge", "assess", "investigate", "respond", "decide"):
        answer = staff.post(f"{B}{pk}/{step}/", {"text_en": f"{step} done"}, format="json")
        assert answer.status_code == 200, (step, answer.content)
    moved = staff.post(
        f"{B}{pk}/transfer/",
        {"to": world.users["manager"].pk, "reason_en": "Manager closes complaints"},
        format="json",
    )
    assert moved.status_code == 200
    assert moved.json()["first_owner"] == staff_id
    assert moved.json()["handler"] == world.users["manager"].pk
    # Staff may not close a complaint; without confirmation it is refused.
    assert staff.post(f"{B}{pk}/close/", {"confirmation": "satisfied"}).status_code == 403
    assert manager.post(f"{B}{pk}/close/", {}, format="json").status_code == 400
    closed = manager.post(f"{B}{pk}/close/", {"confirmation": "satisfied"}, format="json")
    assert closed.status_code == 200 and closed.json()["status"] == "closed"
    assert [e["kind"] for e in closed.json()["events"]][-2:] == ["transferred", "closed"]
    again = manager.post(f"{B}{pk}/close/", {"confirmation": "satisfied"}, format="json")
    assert again.status_code == 409


def test_bad_input_is_a_clear_400(world):
    staff = api(world, "staff")
    answer = staff.post(B, {"kind": "rumour", "site": world.sites[0].pk}, format="json")
    assert answer.status_code == 400 and "kind" in answer.json()
    answer = staff.post(B, {"kind": "request", "site": world.sites[0].pk}, format="json")
    assert answer.status_code == 400 and "summary_en" in answer.json()
    answer = staff.post(
        B,
        {"kind": "request", "site": world.sites[0].pk, "summary_en": "x", "customer_name": "Li"},
        format="json",
    )
    assert answer.status_code == 400 and "consent" in answer.json()


@pytest.mark.parametrize(
    "username, sees, may_log",
    [
        ("admin", 2, True),
        ("quality", 2, True),
        ("manager", 1, True),
        ("staff", 1, True),
        ("auditor", 2, False),
        ("viewer", 2, False),
        ("outsider", 0, False),
    ],
)
def test_the_role_matrix(world, username, sees, may_log):
    log(world)  # at H1
    log(world, actor="quality", site=1)  # at H2: staff and the site manager of H1 do not see it
    client = api(world, username)
    assert client.get(B).json()["count"] == sees
    answer = client.post(
        B, {"kind": "request", "site": world.sites[0].pk, "summary_en": "Towels"}, format="json"
    )
    assert (answer.status_code == 201) is may_log, answer.content


def test_staff_do_not_reach_requests_of_other_sites(world):
    other = log(world, actor="quality", site=1)
    staff = api(world, "staff")
    assert staff.get(f"{B}{other.pk}/").status_code == 404
    assert staff.post(f"{B}{other.pk}/acknowledge/").status_code == 404
    page = staff.post(
        B, {"kind": "request", "site": world.sites[1].pk, "summary_en": "x"}, format="json"
    )
    assert page.status_code == 400  # a site outside their sites is not a choice


def test_pages_staff_log_and_see_their_sites_only(world):
    other = log(world, actor="quality", site=1)
    client = world.client("staff")
    answer = client.post(
        "/operations/requests/log/",
        {
            "kind": "complaint",
            "summary": "Shower is cold",
            "site": world.sites[0].pk,
            "channel": "in_person",
            "priority": "normal",
        },
    )
    assert answer.status_code == 302
    assert client.get(other.get_absolute_url()).status_code == 404
    listing = client.get("/operations/requests/").content.decode()
    assert other.number not in listing and "Shower is cold" in listing
    assert world.client("viewer").get("/operations/requests/log/").status_code == 403
