"""REST API of the standard: clauses, applicability, assessments, conformity, history and
the conformity report."""

from __future__ import annotations

import json
from datetime import datetime

import pytest
from django.utils import timezone

from fuwu.standard import conformity
from fuwu.standard.conformity import CheckResult, RecordLink
from fuwu.standard.models import Applicability, Assessment, AssessmentResult, Clause, Scope
from fuwu.standard.services import snapshot_take

pytestmark = pytest.mark.django_db

CLAUSE_FIELDS = {
    "ref_id",
    "title_en",
    "title_zh",
    "requirement_en",
    "requirement_zh",
    "gbt19001_2000",
    "iso9001_2015",
    "parent",
}


def clause(ref: str) -> Clause:
    return Clause.objects.get(library__ref_id="SB/T 10382-2004", ref_id=ref)


def put(client, url: str, body: dict):
    return client.put(url, data=json.dumps(body), content_type="application/json")


@pytest.fixture
def registry(monkeypatch):
    monkeypatch.setattr(conformity, "REGISTRY", {})
    return conformity.REGISTRY


# -- clauses --------------------------------------------------------------------------


def test_clauses_list_has_the_catalog_fields(world):
    body = world.client("viewer").get("/api/v1/clauses/?page_size=500").json()
    rows = body["results"]
    assert body["count"] == len(rows) > 100
    assert set(rows[0]) >= CLAUSE_FIELDS
    by_ref = {r["ref_id"]: r for r in rows}
    assert by_ref["4.4.7 b"]["parent"] == "4.4.7"
    assert by_ref["4.4.7 b"]["title_zh"] == "顾客财产的保护"
    assert by_ref["1"]["parent"] is None
    assert by_ref["1"]["iso9001_2015"] == ["4.3"]
    assert isinstance(by_ref["4.2.5"]["gbt19001_2000"], list)


def test_clauses_filter_by_parent_and_assessable(world):
    client = world.client("viewer")
    children = client.get("/api/v1/clauses/?parent=4.4.7").json()["results"]
    assert [c["ref_id"] for c in children] == ["4.4.7 a", "4.4.7 b", "4.4.7 c", "4.4.7 d"]
    headings = client.get("/api/v1/clauses/?assessable=false&page_size=500").json()["results"]
    refs = {c["ref_id"] for c in headings}
    assert {"2", "3", "4", "4.2", "A"} <= refs and "4.2.5" not in refs
    assessable = client.get("/api/v1/clauses/?assessable=true&page_size=500").json()["results"]
    assert all(c["assessable"] for c in assessable)


def test_clause_detail_by_ref_with_a_space(world):
    response = world.client("viewer").get("/api/v1/clauses/4.4.7%20b/")
    assert response.status_code == 200
    assert response.json()["excludable"] is True


def test_iso_library_through_the_filter(world):
    rows = (
        world.client("viewer")
        .get("/api/v1/clauses/?library=urn:fuwu:library:iso-9001-2015&page_size=500")
        .json()["results"]
    )
    assert any(r["ref_id"] == "4.3" for r in rows)


def test_clauses_need_a_login(client, world):
    assert client.get("/api/v1/clauses/").status_code in (401, 403)


# -- applicability --------------------------------------------------------------------


def test_applicability_list_is_every_assessable_clause(world):
    rows = world.client("viewer").get("/api/v1/applicability/").json()
    assert len(rows) == Clause.objects.filter(assessable=True, library__urn__contains="sbt").count()
    row = next(r for r in rows if r["clause"] == "4.4.7 b")
    assert row == {
        "clause": "4.4.7 b",
        "title_en": "Protection of customer property",
        "title_zh": "顾客财产的保护",
        "excludable": True,
        "applicable": True,
        "justification_en": "",
        "justification_zh": "",
        "justification": "",
        "decided_by": None,
        "decided_at": None,
    }


def test_put_excludes_an_excludable_clause(world):
    response = put(
        world.client("quality"),
        "/api/v1/applicability/4.4.7%20b/",
        {"applicable": False, "justification_en": "Guests never leave property with us."},
    )
    assert response.status_code == 200, response.json()
    assert response.json()["applicable"] is False
    assert response.json()["decided_by"] == "quality"
    decision = Applicability.objects.get(organization=world.org, clause=clause("4.4.7 b"))
    assert not decision.applicable
    decided_at = datetime.fromisoformat(response.json()["decided_at"])
    assert decided_at == decision.decided_at
    assert decided_at.utcoffset() == timezone.localtime().utcoffset()  # like every other time
    got = world.client("auditor").get("/api/v1/applicability/4.4.7%20b/").json()
    assert got["justification"] == "Guests never leave property with us."


@pytest.mark.parametrize(
    ("ref", "body", "field"),
    [
        (
            "4.2.5",
            {"applicable": False, "justification_en": "We never review anything."},
            "applicable",
        ),
        ("4.1.1.2", {"applicable": False, "justification_en": ""}, "justification_en"),
        ("4.1.1.2", {"justification_en": "no decision"}, "applicable"),
    ],
)
def test_put_refusals_answer_400_and_save_nothing(world, ref, body, field):
    response = put(world.client("quality"), f"/api/v1/applicability/{ref}/", body)
    assert response.status_code == 400
    assert field in response.json()
    assert not Applicability.objects.exists()


@pytest.mark.parametrize("role", ["auditor", "viewer", "manager", "staff"])
def test_put_needs_the_scope_capability(world, role):
    response = put(
        world.client(role),
        "/api/v1/applicability/4.1.1.2/",
        {"applicable": False, "justification_en": "Rooms only, nothing sold."},
    )
    assert response.status_code == 403
    assert not Applicability.objects.exists()


def test_applicability_of_another_organization(world):
    Applicability.objects.create(
        organization=world.org,
        clause=clause("4.1.1.2"),
        applicable=False,
        justification_en="Lakeside only",
        decided_at=timezone.now(),
    )
    outsider = world.client("outsider")
    rows = outsider.get("/api/v1/applicability/").json()
    assert all(r["justification"] != "Lakeside only" for r in rows)
    asked = outsider.get(f"/api/v1/applicability/?organization={world.org.pk}")
    assert asked.status_code == 400
    changed = put(
        outsider,
        f"/api/v1/applicability/4.1.1.2/?organization={world.org.pk}",
        {"applicable": True},
    )
    assert changed.status_code == 400
    assert not Applicability.objects.get(organization=world.org).applicable
    assert outsider.get("/api/v1/applicability/4.2/").status_code == 404  # a heading


# -- assessments ----------------------------------------------------------------------


def test_auditor_records_an_assessment(world):
    response = world.client("auditor").post(
        "/api/v1/assessments/",
        {"clause": "4.2.5", "result": "minor", "note_en": "Review minutes missing"},
        content_type="application/json",
    )
    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["clause"] == "4.2.5" and body["assessed_by"] == "auditor"
    rows = world.client("viewer").get("/api/v1/assessments/").json()["results"]
    assert [r["note"] for r in rows] == ["Review minutes missing"]


@pytest.mark.parametrize("role", ["viewer", "manager", "staff"])
def test_assessments_need_the_assess_capability(world, role):
    response = world.client(role).post(
        "/api/v1/assessments/",
        {"clause": "4.2.5", "result": "conforming"},
        content_type="application/json",
    )
    assert response.status_code == 403
    assert not Assessment.objects.exists()


def test_a_nonconformity_without_note_is_400(world):
    response = world.client("auditor").post(
        "/api/v1/assessments/",
        {"clause": "4.2.5", "result": "major"},
        content_type="application/json",
    )
    assert response.status_code == 400
    assert "note_en" in response.json()


def test_assessments_of_another_organization_are_invisible(world):
    theirs = Assessment.objects.create(
        organization=world.other_org,
        clause=clause("4.2.5"),
        result=AssessmentResult.MAJOR,
        note_en="Harbor finding",
        assessed_at=timezone.now(),
    )
    client = world.client("auditor")
    assert client.get("/api/v1/assessments/").json()["results"] == []
    assert client.get(f"/api/v1/assessments/{theirs.pk}/").status_code == 404


# -- conformity -----------------------------------------------------------------------


def test_conformity_entries_have_checks_manual_and_applicability(world, registry):
    conformity.check("4.4.3.1", id="t.specs", title="Specifications approved")(
        lambda org: CheckResult.failed(
            "1 contact point has no approved specification: Spa",
            [RecordLink("Spa", "/design/contact-points/3/")],
        )
    )
    Assessment.objects.create(
        organization=world.org,
        clause=clause("4.2.6"),
        result=AssessmentResult.CONFORMING,
        note_en="Plan seen",
        assessed_at=timezone.now(),
    )
    Applicability.objects.create(
        organization=world.org,
        clause=clause("4.4.7 b"),
        applicable=False,
        justification_en="Guests never leave property.",
        decided_at=timezone.now(),
    )
    rows = {r["clause"]: r for r in world.client("viewer").get("/api/v1/conformity/").json()}
    failing = rows["4.4.3.1"]
    assert {"clause", "status", "checks", "manual", "applicable", "justification"} <= set(failing)
    assert failing["status"] == "nonconforming"
    assert failing["checks"] == [
        {
            "id": "t.specs",
            "title": "Specifications approved",
            "status": "fail",
            "message": "1 contact point has no approved specification: Spa",
            "records": [{"label": "Spa", "url": "/design/contact-points/3/"}],
        }
    ]
    assert rows["4.2.6"]["status"] == "conforming"
    assert rows["4.2.6"]["manual"]["result"] == "conforming"
    assert rows["4.4.7 b"]["status"] == "excluded"
    assert rows["4.4.7 b"]["applicable"] is False
    assert rows["4.4.7 b"]["justification"] == "Guests never leave property."
    assert rows["4.2.5"]["status"] == "not_assessed"
    assert "4.2" not in rows  # headings hold no requirement

    other = {r["clause"]: r for r in world.client("outsider").get("/api/v1/conformity/").json()}
    assert other["4.2.6"]["status"] == "not_assessed"
    assert other["4.4.7 b"]["applicable"] is True


def test_conformity_history(world):
    client = world.client("viewer")
    assert client.get("/api/v1/conformity/history/").json() == []
    snapshot_take(organization=world.org)
    rows = client.get("/api/v1/conformity/history/").json()
    assert len(rows) == 1
    assert rows[0]["taken_on"] == timezone.localdate().isoformat()
    assert set(rows[0]["summary"]) == {"overall", "score", "processes"}
    assert "4.2.5" in rows[0]["statuses"]
    assert world.client("outsider").get("/api/v1/conformity/history/").json() == []


# -- the report -----------------------------------------------------------------------


@pytest.mark.parametrize(("fmt", "magic"), [("pdf", b"%PDF"), ("docx", b"PK"), ("xlsx", b"PK")])
def test_report_download(world, fmt, magic):
    response = world.client("auditor").get(f"/api/v1/conformity/report/?format={fmt}&lang=zh-hans")
    assert response.status_code == 200
    assert response.content.startswith(magic)
    assert response["Content-Disposition"].endswith(f'-zh.{fmt}"')


def test_report_defaults_to_pdf_in_the_organizations_language(world):
    world.org.default_language = "zh-hans"
    world.org.save()
    response = world.client("auditor").get("/api/v1/conformity/report/")
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].endswith('-zh.pdf"')


def test_report_refusals(world):
    auditor = world.client("auditor")
    bad = auditor.get("/api/v1/conformity/report/?format=odt&lang=fr")
    assert bad.status_code == 400
    assert set(bad.json()) == {"format", "lang"}
    assert world.client("staff").get("/api/v1/conformity/report/").status_code == 403
    other = world.client("outsider").get(f"/api/v1/conformity/report/?organization={world.org.pk}")
    assert other.status_code == 400


def test_report_with_a_token(world):
    from django.test import Client

    from fuwu.core.services.tokens import api_token_create

    _token, secret = api_token_create(user=world.users["auditor"])
    response = Client().get(
        "/api/v1/conformity/report/?format=xlsx&lang=en",
        HTTP_AUTHORIZATION=f"Token {secret}",
    )
    assert response.status_code == 200


def test_openapi_schema_documents_the_report(world):
    schema = world.client("viewer").get("/api/schema/?format=json")
    assert schema.status_code == 200
    assert "/api/v1/conformity/report/" in schema.content.decode()


# -- scope ----------------------------------------------------------------------------


def test_the_scope_is_read_by_every_member_and_changed_by_quality(world):
    empty = world.client("staff").get("/api/v1/scope/")
    assert empty.status_code == 200
    assert empty.json()["statement_en"] == "" and empty.json()["all_sites"] is True

    quality = world.client("quality")
    body = {
        "statement_en": "Accommodation and dining at two hotels.",
        "statement_zh": "两家酒店的住宿和餐饮服务。",
        "all_sites": False,
        "sites": [world.sites[0].pk, world.sites[1].pk],
        "iso9001_certificate": "CN-QMS-0042",
        "iso9001_valid_until": "2027-06-30",
    }
    changed = put(quality, "/api/v1/scope/", body)
    assert changed.status_code == 200, changed.json()
    assert sorted(changed.json()["sites"]) == sorted(body["sites"])
    patched = quality.patch(
        "/api/v1/scope/",
        data=json.dumps({"iso9001_certifier_en": "CQC"}),
        content_type="application/json",
    )
    assert patched.status_code == 200
    read = world.client("viewer").get("/api/v1/scope/").json()
    assert read["statement_zh"] == body["statement_zh"]
    assert read["iso9001_certifier"] == "CQC" and read["iso9001_valid_until"] == "2027-06-30"


def test_the_scope_refuses_other_sites_readers_and_nonsense(world):
    quality = world.client("quality")
    foreign = put(quality, "/api/v1/scope/", {"all_sites": False, "sites": [world.other_site.pk]})
    assert foreign.status_code == 400 and "sites" in foreign.json()
    none = put(quality, "/api/v1/scope/", {"all_sites": False, "sites": []})
    assert none.status_code == 400 and "sites" in none.json()
    bad_date = put(quality, "/api/v1/scope/", {"iso9001_valid_until": "someday"})
    assert bad_date.status_code == 400
    for role in ("viewer", "auditor", "staff", "manager"):
        assert put(world.client(role), "/api/v1/scope/", {"statement_en": "x"}).status_code == 403
    assert not Scope.objects.exists()
    # Another organization's scope is theirs: the outsider reads and writes only their own.
    assert (
        put(world.client("outsider"), "/api/v1/scope/", {"statement_en": "Café"}).status_code == 200
    )
    assert Scope.objects.get().organization == world.other_org
