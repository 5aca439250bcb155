"""The pages of measurement and who may do what on them: staff perform at their site
only; auditors record findings and change nothing else; bad input is a 4xx."""

from __future__ import annotations

import datetime

import pytest

from fuwu.measurement import services
from fuwu.measurement.models import InspectionRound

pytestmark = pytest.mark.django_db


def new_round(world, point, site=0, actor="quality"):
    return services.round_create(
        actor=world.users[actor],
        organization=world.org,
        site=world.sites[site],
        contact_point=point,
    )


@pytest.mark.parametrize(
    ("username", "status"),
    [
        ("admin", 200),
        ("quality", 200),
        ("manager", 200),
        ("staff", 200),
        ("auditor", 403),
        ("viewer", 403),
    ],
)
def test_who_may_start_a_round(world, point, username, status):
    assert world.client(username).get("/measurement/inspections/start/").status_code == status


def test_staff_start_and_perform_at_their_site_only(world, point):
    client = world.client("staff")
    other = client.post(
        "/measurement/inspections/start/",
        {"site": world.sites[1].pk, "contact_point": point.pk, "kind": "inspection"},
    )
    assert other.status_code == 400  # not among the sites offered
    made = client.post(
        "/measurement/inspections/start/",
        {"site": world.sites[0].pk, "contact_point": point.pk, "kind": "inspection"},
    )
    assert made.status_code == 302
    round = InspectionRound.objects.get()
    page = client.get(f"/measurement/inspections/{round.pk}/").content.decode()
    assert 'data-testid="result-form"' in page and "≤ 5 min" in page
    elsewhere = new_round(world, point, site=1)
    assert client.get(f"/measurement/inspections/{elsewhere.pk}/").status_code == 404
    item = elsewhere.results.first()
    answer = client.post(
        f"/measurement/inspection-items/{item.pk}/record/", {f"r{item.pk}-outcome": "pass"}
    )
    assert answer.status_code == 404


def test_bad_input_and_state_conflicts_on_the_round_page(world, point):
    client = world.client("staff")
    round = new_round(world, point)
    first = round.results.get(order=0)
    bad = client.post(
        f"/measurement/inspection-items/{first.pk}/record/", {f"r{first.pk}-measured_value": "abc"}
    )
    assert bad.status_code == 400
    empty = client.post(f"/measurement/inspection-items/{first.pk}/record/", {})
    assert (
        empty.status_code == 400
        and "Choose pass, fail or not applicable." in empty.content.decode()
    )
    early = client.post(f"/measurement/inspections/{round.pk}/complete/")
    assert early.status_code == 400 and "not checked yet" in early.content.decode()
    for item in round.results.all():
        client.post(
            f"/measurement/inspection-items/{item.pk}/record/", {f"r{item.pk}-outcome": "pass"}
        )
    assert client.post(f"/measurement/inspections/{round.pk}/complete/").status_code == 302
    again = client.post(f"/measurement/inspections/{round.pk}/complete/")
    assert again.status_code == 409
    late = client.post(
        f"/measurement/inspection-items/{first.pk}/record/", {f"r{first.pk}-outcome": "fail"}
    )
    assert late.status_code == 409
    # Viewers read; they do not perform.
    viewer = world.client("viewer")
    assert viewer.get(f"/measurement/inspections/{round.pk}/").status_code == 200
    assert viewer.post(f"/measurement/inspections/{round.pk}/complete/").status_code == 403


def test_auditors_record_findings_and_change_nothing_else(world):
    quality, auditor = world.client("quality"), world.client("auditor")
    assert (
        quality.post("/measurement/audit-programmes/add/", {"starts_on": "2026-04-01"}).status_code
        == 302
    )
    programme = services.programme_create(
        actor=world.users["quality"],
        organization=world.org,
        data={"starts_on": datetime.date(2026, 4, 1)},
    )
    assert auditor.get("/measurement/audit-programmes/add/").status_code == 403
    assert auditor.get("/measurement/audits/add/").status_code == 403
    audit = services.audit_create(
        actor=world.users["quality"],
        organization=world.org,
        programme=programme,
        data={
            "site": world.sites[0],
            "process_en": "Rooms",
            "clauses": ["4.4.7"],
            "auditor": world.users["auditor"],
            "planned_start": datetime.date(2026, 4, 2),
            "planned_end": datetime.date(2026, 4, 3),
        },
    )
    assert auditor.get(f"/measurement/audits/{audit.pk}/edit/").status_code == 403
    url = f"/measurement/audits/{audit.pk}/action/"
    assert world.client("viewer").post(url, {"action": "start"}).status_code == 403
    assert auditor.post(url, {"action": "start"}).status_code == 302
    finding = {
        "action": "finding",
        "clause": "4.4.7",
        "grade": "minor",
        "description_en": "Log gaps",
    }
    refused = auditor.post(url, finding)
    assert refused.status_code == 400 and "evidence" in refused.content.decode()
    assert auditor.post(url, finding | {"evidence_en": "Log, March"}).status_code == 302
    page = auditor.get(f"/measurement/audits/{audit.pk}/").content.decode()
    assert "Log gaps" in page and 'data-testid="checklist"' in page
    assert auditor.post(url, {"action": "complete", "conclusion_en": "Done"}).status_code == 302
    assert auditor.post(url, {"action": "complete"}).status_code == 409
    assert world.client("staff").get("/measurement/audits/").status_code == 403
    assert world.client("manager").get("/measurement/settings/").status_code == 403
    assert (
        quality.post(
            "/measurement/settings/", {"nonconformity_grain": "round", "audit_cycle_months": 40}
        ).status_code
        == 400
    )
