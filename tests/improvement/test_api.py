"""The API of nonconformities and actions: same permissions as the pages, filters by
source, transitions with 409 on early closure and 403 for the owner verifying."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone
from rest_framework.test import APIClient

from fuwu.improvement.models import ActionStatus, NCStatus

from .conftest import raise_nc

pytestmark = pytest.mark.django_db


def api(world, username):
    client = APIClient()
    client.force_authenticate(world.users[username])
    return client


def due(days=7):
    return (timezone.localdate() + timedelta(days=days)).isoformat()


def test_the_loop_through_the_api(world, no_wait):
    staff = api(world, "staff")
    created = staff.post(
        "/api/v1/nonconformities/",
        {
            "site": world.sites[0].pk,
            "description_en": "Lobby lights off",
            "severity": "major",
            "characteristic": "environment",
            "customer_affected": True,
        },
        format="json",
    )
    assert created.status_code == 201, created.json()
    nc = created.json()
    assert nc["number"].startswith("NC-") and nc["source_type"] == "manual"
    assert nc["status"] == "open"
    url = f"/api/v1/nonconformities/{nc['id']}/"
    manager = api(world, "manager")
    assert (
        manager.post(
            url + "cause/",
            {
                "cause_category": "facilities",
                "whys_en": "Timer broken\nNo check",
                "root_cause_en": "No timer check",
            },
            format="json",
        ).status_code
        == 200
    )
    assert (
        manager.post(
            url + "disposition/",
            {"disposition_en": "Lights on", "customer_informed": True},
            format="json",
        ).status_code
        == 200
    )
    planned = manager.post(
        "/api/v1/actions/",
        {
            "kind": "corrective",
            "nonconformity": nc["id"],
            "owner": world.users["staff"].pk,
            "due_on": due(),
            "description_en": "Weekly timer check",
        },
        format="json",
    )
    assert planned.status_code == 201, planned.json()
    action = planned.json()
    assert action["number"].startswith("ACT-") and action["site"] == world.sites[0].pk
    early = api(world, "quality").post(url + "close/")
    assert early.status_code == 409
    assert action["number"] in str(early.json())
    act_url = f"/api/v1/actions/{action['id']}/"
    assert (
        staff.post(act_url + "complete/", {"evidence_en": "Done"}, format="json").status_code == 200
    )
    # The owner may not verify; a quality manager may.
    assert (
        staff.post(
            act_url + "verify/", {"effective": True, "evidence_en": "x"}, format="json"
        ).status_code
        == 403
    )
    answer = api(world, "quality").post(
        act_url + "verify/", {"effective": False, "evidence_en": "Lights off again"}, format="json"
    )
    assert answer.status_code == 200
    assert (answer.json()["status"], answer.json()["rework_count"]) == (ActionStatus.PLANNED, 1)
    assert (
        staff.post(
            act_url + "complete/", {"evidence_en": "Timer replaced"}, format="json"
        ).status_code
        == 200
    )
    assert (
        api(world, "quality")
        .post(
            act_url + "verify/", {"effective": True, "evidence_en": "On for a week"}, format="json"
        )
        .status_code
        == 200
    )
    closed = api(world, "quality").post(url + "close/")
    assert closed.status_code == 200 and closed.json()["status"] == NCStatus.CLOSED
    assert api(world, "quality").post(url + "close/").status_code == 409


def test_filters_by_source_status_and_kind(world):
    nc = raise_nc(world)
    client = api(world, "auditor")
    listed = client.get("/api/v1/nonconformities/?source_type=manual&status=open").json()
    assert [row["id"] for row in listed["results"]] == [nc.pk]
    assert client.get("/api/v1/nonconformities/?status=closed").json()["count"] == 0
    assert client.get("/api/v1/nonconformities/?source_id=999").json()["count"] == 0
    assert client.get(f"/api/v1/actions/?nonconformity={nc.pk}&kind=corrective").status_code == 200


def test_roles_and_tenancy(world):
    nc = raise_nc(world, site=1, actor="quality")
    assert api(world, "manager").get(f"/api/v1/nonconformities/{nc.pk}/").status_code == 404
    assert api(world, "outsider").get(f"/api/v1/nonconformities/{nc.pk}/").status_code == 404
    assert api(world, "outsider").get("/api/v1/nonconformities/").json()["count"] == 0
    auditor = api(world, "auditor")
    assert auditor.get(f"/api/v1/nonconformities/{nc.pk}/").status_code == 200
    assert (
        auditor.post(
            f"/api/v1/nonconformities/{nc.pk}/disposition/", {"disposition_en": "x"}, format="json"
        ).status_code
        == 403
    )
    assert (
        auditor.post(
            "/api/v1/nonconformities/",
            {"site": world.sites[0].pk, "description_en": "x"},
            format="json",
        ).status_code
        == 403
    )
    # Staff may not plan actions.
    assert (
        api(world, "staff")
        .post(
            "/api/v1/actions/",
            {
                "kind": "preventive",
                "origin": "trend",
                "owner": world.users["staff"].pk,
                "due_on": due(),
                "description_en": "x",
                "site": world.sites[0].pk,
            },
            format="json",
        )
        .status_code
        == 403
    )


def test_bad_input_is_400(world):
    client = api(world, "quality")
    assert (
        client.post(
            "/api/v1/nonconformities/", {"site": world.sites[0].pk}, format="json"
        ).status_code
        == 400
    )
    assert (
        client.post(
            "/api/v1/nonconformities/",
            {"site": world.other_site.pk, "description_en": "x"},
            format="json",
        ).status_code
        == 400
    )
    assert (
        client.post(
            "/api/v1/actions/",
            {
                "kind": "corrective",
                "owner": world.users["staff"].pk,
                "due_on": due(),
                "description_en": "No nonconformity",
            },
            format="json",
        ).status_code
        == 400
    )
    nc = raise_nc(world)
    assert (
        client.post(
            f"/api/v1/nonconformities/{nc.pk}/cause/", {"cause_category": "luck"}, format="json"
        ).status_code
        == 400
    )
