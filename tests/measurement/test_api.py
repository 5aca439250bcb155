"""The measurement API: the same permissions and services as the pages."""

from __future__ import annotations

import datetime

import pytest
from rest_framework.test import APIClient

from fuwu.measurement import services

pytestmark = pytest.mark.django_db


def api(world, username):
    client = APIClient()
    client.force_authenticate(world.users[username])
    return client


def test_staff_create_perform_and_complete_a_round(world, point):
    client = api(world, "staff")
    made = client.post(
        "/api/v1/inspections/",
        {"site": world.sites[0].pk, "contact_point": point.pk},
        format="json",
    )
    assert made.status_code == 201, made.json()
    round = made.json()
    assert round["number"].startswith("IR-") and len(round["results"]) == 3
    items = client.get(f"/api/v1/inspections/{round['id']}/items/").json()
    url = f"/api/v1/inspections/{round['id']}/items/"
    answer = client.post(url + f"{items[0]['id']}/", {"measured_value": "7"}, format="json")
    assert answer.status_code == 200 and answer.json()["outcome"] == "fail"
    early = client.post(f"/api/v1/inspections/{round['id']}/complete/", {}, format="json")
    assert early.status_code == 400
    for item in items[1:]:
        client.post(url + f"{item['id']}/", {"outcome": "pass"}, format="json")
    done = client.post(f"/api/v1/inspections/{round['id']}/complete/", {}, format="json")
    assert done.status_code == 200 and done.json()["status"] == "completed"
    again = client.post(f"/api/v1/inspections/{round['id']}/complete/", {}, format="json")
    assert again.status_code == 409
    ncs = client.get("/api/v1/nonconformities/?source_type=inspection").json()
    assert ncs["count"] == 1


def test_staff_cannot_inspect_another_site_nor_see_its_rounds(world, point):
    client = api(world, "staff")
    other = client.post(
        "/api/v1/inspections/",
        {"site": world.sites[1].pk, "contact_point": point.pk},
        format="json",
    )
    assert other.status_code in (400, 403)
    made = services.round_create(
        actor=world.users["quality"],
        organization=world.org,
        site=world.sites[1],
        contact_point=point,
    )
    assert client.get(f"/api/v1/inspections/{made.pk}/").status_code == 404
    assert api(world, "outsider").get("/api/v1/inspections/").json()["count"] == 0


def test_audits_checklist_and_findings(world):
    programme = services.programme_create(
        actor=world.users["quality"],
        organization=world.org,
        data={"starts_on": datetime.date(2026, 4, 1)},
    )
    made = api(world, "quality").post(
        "/api/v1/audits/",
        {
            "programme": programme.pk,
            "site": world.sites[0].pk,
            "process_en": "Improvement",
            "clauses": ["4.5.2", "4.5.4"],
            "auditor": world.users["auditor"].pk,
            "planned_start": "2026-04-01",
            "planned_end": "2026-04-02",
        },
        format="json",
    )
    assert made.status_code == 201, made.json()
    audit = made.json()["id"]
    auditor = api(world, "auditor")
    assert api(world, "auditor").post("/api/v1/audits/", {}, format="json").status_code in (
        400,
        403,
    )
    rows = auditor.get(f"/api/v1/audits/{audit}/checklist/").json()
    assert [r["ref"] for r in rows] == ["4.5.2", "4.5.4"]
    assert auditor.post(f"/api/v1/audits/{audit}/start/").status_code == 200
    finding = {"clause": "4.5.2", "grade": "minor", "description_en": "Late", "evidence_en": "NC-1"}
    assert api(world, "staff").post(
        f"/api/v1/audits/{audit}/findings/", finding, format="json"
    ).status_code in (403, 404)
    assert (
        auditor.post(f"/api/v1/audits/{audit}/findings/", finding, format="json").status_code == 201
    )
    done = auditor.post(f"/api/v1/audits/{audit}/complete/", {}, format="json")
    assert done.status_code == 200 and done.json()["findings"][0]["nonconformity_id"]
