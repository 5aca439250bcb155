"""Tenant isolation of the standard's pages and API, endpoint by endpoint.

The catalog (clauses, glossary, ISO 9001 map) is shared by every organization; what
is an organization's own is its scope statement, its applicability decisions, its
auditors' assessments, its conformity (computed from its records) and its daily
snapshots. Lakeside holds all of these, each carrying MARK, and a controlled
document whose overdue review makes 4.6.4 fail with the document's name in the
message. A user of the other organization (`outsider`, administrator of Harbor)
then tries every page and endpoint: pages show Harbor's data only, nothing of
Lakeside; asking the API for Lakeside answers 400 (the organization is not one of
theirs) or 404 (a Lakeside row by id); and nothing of Lakeside changes.
"""

from __future__ import annotations

import io
import shutil
import subprocess
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote

import pytest
from django.test import Client
from django.utils import timezone
from docx import Document as Docx
from openpyxl import load_workbook
from rest_framework.test import APIClient

from fuwu.core.dates import add_months
from fuwu.core.middleware import SESSION_ORG
from fuwu.core.models import AuditEntry, Membership, Organization
from fuwu.core.services.tokens import api_token_create
from fuwu.documents import services as documents
from fuwu.documents.models import Document, DocumentVersion
from fuwu.standard import services
from fuwu.standard.models import Applicability, Assessment, Clause, ConformitySnapshot, Scope
from tests.factories import MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db

MARK = "Zqxlakeside"
HARBOR = "Harborvisible"


def clause(ref: str) -> Clause:
    return Clause.objects.get(library__ref_id="SB/T 10382-2004", ref_id=ref)


@dataclass
class Tenants:
    world: Any
    assessment: Assessment  # Lakeside's
    document: Document  # Lakeside's, overdue for review

    def __getattr__(self, name: str) -> Any:
        return getattr(self.world, name)


@pytest.fixture
def tenants(world) -> Tenants:
    org, users = world.org, world.users
    services.scope_update(
        actor=users["quality"],
        organization=org,
        data={"statement_en": f"{MARK} rooms and restaurants", "all_sites": True},
    )
    services.applicability_set(
        actor=users["quality"],
        organization=org,
        clause=clause("4.1.1.2"),
        applicable=False,
        justification_en=f"{MARK}: rooms only, nothing is sold.",
    )
    assessment = services.assessment_record(
        actor=users["auditor"],
        organization=org,
        clause=clause("4.2.5"),
        result="major",
        note_en=f"{MARK} finding: no management review",
    )
    document = documents.document_create(
        actor=users["quality"],
        organization=org,
        data={"title_en": f"{MARK} complaint handling", "category": "procedure"},
        body_en="# Steps\n",
    )
    version = documents.version_submit(actor=users["quality"], version=document.versions.get())
    documents.version_approve(
        actor=users["admin"],
        version=version,
        confirmed=[],
        approved_on=add_months(timezone.localdate(), -13),
    )
    services.snapshot_take(organization=org)
    # Harbor's own, so the checks can also see that the outsider does see theirs.
    services.scope_update(
        actor=users["outsider"],
        organization=world.other_org,
        data={"statement_en": f"{HARBOR} coffee bar", "all_sites": True},
    )
    return Tenants(world=world, assessment=assessment, document=document)


def state(organization: Organization) -> dict[str, list]:
    """Everything of the standard (and the documents behind its checks) one
    organization has, for before/after comparisons."""
    return {
        "scope": list(Scope.objects.filter(organization=organization).values()),
        "scope_sites": list(
            Scope.sites.through.objects.filter(scope__organization=organization).values_list(
                "scope_id", "site_id"
            )
        ),
        "applicability": list(
            Applicability.objects.filter(organization=organization).order_by("pk").values()
        ),
        "assessments": list(
            Assessment.objects.filter(organization=organization).order_by("pk").values()
        ),
        "snapshots": list(
            ConformitySnapshot.objects.filter(organization=organization).order_by("pk").values()
        ),
        "documents": list(Document.objects.filter(organization=organization).values()),
        "versions": list(DocumentVersion.objects.filter(organization=organization).values()),
        "audit": list(
            AuditEntry.objects.filter(organization=organization)
            .order_by("seq")
            .values_list("seq", "hash")
        ),
    }


def text_of(response) -> str:
    """The body as text: HTML and JSON as they are, Word and Excel as their text,
    PDF through pdftotext (skipped when poppler-utils is missing)."""
    kind = response.get("Content-Type", "")
    if kind.startswith("application/pdf"):
        assert response.content.startswith(b"%PDF")
        if shutil.which("pdftotext") is None:
            pytest.skip("pdftotext (apt-get install poppler-utils) missing")
        done = subprocess.run(
            ["pdftotext", "-raw", "-enc", "UTF-8", "-", "-"],
            input=response.content,
            capture_output=True,
            check=True,
        )
        return " ".join(done.stdout.decode().split())
    if "wordprocessingml" in kind:
        book = Docx(io.BytesIO(response.content))
        cells = [c.text for t in book.tables for row in t.rows for c in row.cells]
        return "\n".join([p.text for p in book.paragraphs] + cells)
    if "spreadsheetml" in kind:
        book = load_workbook(io.BytesIO(response.content), read_only=True)
        return "\n".join(
            "\t".join("" if v is None else str(v) for v in row)
            for sheet in book.worksheets
            for row in sheet.iter_rows(values_only=True)
        )
    return response.content.decode()


def ref(value: str) -> str:
    return quote(value)


# -- the pages ------------------------------------------------------------------------

PAGES = [
    "/standard/",
    "/standard/?view=both",
    f"/standard/clause/{ref('4.6.4')}/",
    f"/standard/clause/{ref('4.1.1.2')}/",
    f"/standard/clause/{ref('4.2.5')}/",
    f"/standard/clause/{ref('4.4.7 b')}/",
    "/standard/clause/1/",
    "/standard/glossary/",
    "/standard/iso-9001/",
    "/standard/scope/",
    "/standard/scope/edit/",
    "/standard/conformity/",
    "/standard/conformity/?status=nonconforming",
    "/standard/conformity/?status=excluded",
    "/standard/conformity/?process=documentation",
    "/standard/conformity/report/?format=docx&lang=en",
    "/standard/conformity/report/?format=xlsx&lang=zh-hans",
    "/standard/conformity/report/?format=pdf&lang=en",
]


@pytest.mark.parametrize("url", PAGES)
def test_pages_show_the_other_organization_nothing_of_ours(tenants, url):
    before = state(tenants.org)
    response = tenants.client("outsider").get(url)
    assert response.status_code == 200
    text = text_of(response)
    assert MARK not in text
    assert f"/documents/{tenants.document.pk}/" not in text
    assert state(tenants.org) == before


@pytest.mark.parametrize(
    "url",
    ["/standard/scope/", "/standard/conformity/report/?format=xlsx&lang=en"],
)
def test_they_see_their_own_and_we_see_ours(tenants, url):
    theirs = text_of(tenants.client("outsider").get(url))
    ours = text_of(tenants.client("admin").get(url))
    assert HARBOR in theirs and MARK not in theirs
    assert MARK in ours and HARBOR not in ours


def test_our_failing_check_names_our_document_and_only_for_us(tenants):
    url = f"/standard/clause/{ref('4.6.4')}/"
    ours = tenants.client("quality").get(url).content.decode()
    assert f"{tenants.document.number} {MARK} complaint handling" in ours
    assert f"/documents/{tenants.document.pk}/" in ours
    theirs = tenants.client("outsider").get(url).content.decode()
    assert f"/documents/{tenants.document.pk}/" not in theirs
    assert MARK not in theirs


@pytest.mark.parametrize(
    "url, data, status",
    [
        # Harbor may assess, decide and snapshot: its own organization, never ours.
        (
            f"/standard/clause/{ref('4.2.5')}/assess/",
            {"result": "conforming", "note_en": "Harbor"},
            302,
        ),
        (
            f"/standard/clause/{ref('4.1.1.2')}/applicability/",
            {"applicable": "applicable"},
            302,
        ),
        ("/standard/conformity/snapshot/", {}, 302),
        ("/standard/scope/edit/", {"statement_en": "Harbor", "all_sites": "on"}, 302),
    ],
)
def test_writes_of_the_other_organization_land_in_theirs(tenants, url, data, status):
    before = state(tenants.org)
    theirs = state(tenants.other_org)
    response = tenants.client("outsider").post(url, data)
    assert response.status_code == status
    assert state(tenants.org) == before
    assert state(tenants.other_org) != theirs


def test_our_sites_cannot_enter_their_scope(tenants):
    before, theirs = state(tenants.org), state(tenants.other_org)
    response = tenants.client("outsider").post(
        "/standard/scope/edit/", {"statement_en": "x", "sites": [tenants.sites[0].pk]}
    )
    assert response.status_code == 400
    assert MARK not in response.content.decode()
    assert state(tenants.org) == before
    assert state(tenants.other_org) == theirs


def test_a_forged_session_organization_falls_back_to_their_own(tenants):
    """The session names Lakeside, but the outsider is no member of it: the
    middleware ignores it and every page is Harbor's."""
    client = tenants.client("outsider")
    session = client.session
    session[SESSION_ORG] = tenants.org.pk
    session.save()
    before = state(tenants.org)
    for url in ("/standard/scope/", "/standard/conformity/", f"/standard/clause/{ref('4.2.5')}/"):
        text = client.get(url).content.decode()
        assert MARK not in text, url
    assert HARBOR in client.get("/standard/scope/").content.decode()
    client.post(f"/standard/clause/{ref('4.2.5')}/assess/", {"result": "minor", "note_en": "x"})
    assert state(tenants.org) == before
    assert Assessment.objects.filter(organization=tenants.other_org).count() == 1
    # Nor can the header's switcher choose it.
    switched = client.post("/organization/switch/", {"organization": tenants.org.pk})
    assert switched.status_code == 404


def test_a_deactivated_membership_sees_no_page_and_no_data(tenants):
    Membership.objects.filter(user=tenants.users["viewer"]).update(is_active=False)
    client = tenants.client("viewer")
    for url in ("/standard/", "/standard/conformity/", "/standard/scope/"):
        response = client.get(url)
        assert response.status_code == 403, url
        assert MARK not in response.content.decode()
    api = APIClient()
    api.force_authenticate(tenants.users["viewer"])
    assert api.get("/api/v1/conformity/").status_code == 400
    assert api.get("/api/v1/assessments/").json()["results"] == []


# -- the API --------------------------------------------------------------------------


@dataclass
class Case:
    method: str
    path: str  # {org}: Lakeside's id; {pk}: Lakeside's assessment
    data: dict | None = None
    status: int = 400

    def url(self, t: Tenants) -> str:
        return self.path.format(org=t.org.pk, pk=t.assessment.pk)

    def body(self, t: Tenants) -> dict | None:
        if self.data is None:
            return None
        return {k: (t.org.pk if v == "{org}" else v) for k, v in self.data.items()}


EXCLUDE = {"applicable": False, "justification_en": "Harbor: nothing is ever sold here."}
API_CASES = {
    # Asking for Lakeside by id: 400 (not one of your organizations).
    "applicability-list": Case("get", "/api/v1/applicability/?organization={org}"),
    "applicability-get": Case("get", "/api/v1/applicability/4.1.1.2/?organization={org}"),
    "applicability-put-query": Case(
        "put", "/api/v1/applicability/4.1.1.2/?organization={org}", {"applicable": True}
    ),
    "applicability-put-body": Case(
        "put", "/api/v1/applicability/4.1.1.2/", {"applicable": True, "organization": "{org}"}
    ),
    "applicability-exclude-body": Case(
        "put", "/api/v1/applicability/4.4.7%20b/", {**EXCLUDE, "organization": "{org}"}
    ),
    "assessment-post": Case(
        "post",
        "/api/v1/assessments/",
        {"clause": "4.2.5", "result": "conforming", "organization": "{org}"},
    ),
    "assessment-post-query": Case(
        "post", "/api/v1/assessments/?organization={org}", {"clause": "4.2.5", "result": "minor"}
    ),
    "conformity": Case("get", "/api/v1/conformity/?organization={org}"),
    "conformity-history": Case("get", "/api/v1/conformity/history/?organization={org}"),
    "conformity-report": Case("get", "/api/v1/conformity/report/?organization={org}"),
    "conformity-report-xlsx": Case(
        "get", "/api/v1/conformity/report/?organization={org}&format=xlsx&lang=en"
    ),
    "conformity-bad-org": Case("get", "/api/v1/conformity/?organization=abc"),
    # Lakeside's assessment by id: 404, as if it did not exist.
    "assessment-get": Case("get", "/api/v1/assessments/{pk}/", status=404),
    # Assessments are never changed or deleted, by anyone.
    "assessment-put": Case("put", "/api/v1/assessments/{pk}/", {"result": "conforming"}, 405),
    "assessment-patch": Case("patch", "/api/v1/assessments/{pk}/", {"note_en": "x"}, 405),
    "assessment-delete": Case("delete", "/api/v1/assessments/{pk}/", status=405),
    # Applicability decisions are set, never deleted.
    "applicability-delete": Case("delete", "/api/v1/applicability/4.1.1.2/", status=405),
}


@pytest.fixture(params=["session", "token"])
def outsider_api(request, tenants) -> APIClient:
    client = APIClient()
    if request.param == "session":
        client.force_login(tenants.users["outsider"])
    else:
        _token, key = api_token_create(user=tenants.users["outsider"])
        client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    return client


@pytest.mark.parametrize("case", API_CASES.values(), ids=API_CASES.keys())
def test_api_other_organization_cannot_reach_ours(tenants, outsider_api, case):
    before, theirs = state(tenants.org), state(tenants.other_org)
    call = getattr(outsider_api, case.method)
    body = case.body(tenants)
    if body is not None:
        response = call(case.url(tenants), body, format="json")
    else:
        response = call(case.url(tenants))
    assert response.status_code == case.status, response.content[:300]
    assert response["Content-Type"].startswith("application/json")
    assert MARK not in response.content.decode()
    if case.status == 400:
        assert "organization" in response.json()
    assert state(tenants.org) == before
    assert state(tenants.other_org) == theirs


API_READS = [
    "/api/v1/clauses/?page_size=500",
    "/api/v1/clauses/4.6.4/",
    "/api/v1/applicability/",
    "/api/v1/applicability/4.1.1.2/",
    "/api/v1/assessments/",
    f"/api/v1/assessments/?q={MARK}",
    "/api/v1/conformity/",
    "/api/v1/conformity/history/",
]


@pytest.mark.parametrize("url", API_READS)
def test_api_reads_show_only_their_own(tenants, outsider_api, url):
    response = outsider_api.get(url)
    assert response.status_code == 200
    assert MARK not in response.content.decode()


def test_api_their_view_of_the_clauses_we_changed(tenants, outsider_api):
    rows = {r["clause"]: r for r in outsider_api.get("/api/v1/conformity/").json()}
    assert rows["4.1.1.2"]["applicable"] is True and rows["4.1.1.2"]["justification"] == ""
    assert rows["4.2.5"]["manual"] is None
    failing = [c for c in rows["4.6.4"]["checks"] if c["status"] == "fail"]
    assert all(f"/documents/{tenants.document.pk}/" not in str(c["records"]) for c in failing)
    assert outsider_api.get("/api/v1/conformity/history/").json() == []
    assert outsider_api.get("/api/v1/assessments/").json()["count"] == 0
    decision = outsider_api.get("/api/v1/applicability/4.1.1.2/").json()
    assert decision["applicable"] is True and decision["decided_by"] is None


def test_api_writes_of_the_other_organization_land_in_theirs(tenants, outsider_api):
    before = state(tenants.org)
    put = outsider_api.put("/api/v1/applicability/4.4.7%20b/", EXCLUDE, format="json")
    assert put.status_code == 200
    post = outsider_api.post(
        "/api/v1/assessments/", {"clause": "4.2.5", "result": "conforming"}, format="json"
    )
    assert post.status_code == 201
    assert state(tenants.org) == before
    assert Applicability.objects.get(organization=tenants.other_org).applicable is False
    assert Assessment.objects.filter(organization=tenants.other_org).count() == 1
    # and our people still see ours only
    ours = APIClient()
    ours.force_authenticate(tenants.users["auditor"])
    rows = ours.get("/api/v1/assessments/").json()["results"]
    assert [r["note"] for r in rows] == [f"{MARK} finding: no management review"]
    decision = ours.get("/api/v1/applicability/4.4.7%20b/").json()
    assert decision["applicable"] is True


def test_api_our_own_people_see_ours(tenants):
    client = APIClient()
    client.force_authenticate(tenants.users["viewer"])
    rows = {r["clause"]: r for r in client.get("/api/v1/conformity/").json()}
    assert rows["4.1.1.2"]["status"] == "excluded"
    assert MARK in rows["4.1.1.2"]["justification"]
    assert rows["4.6.4"]["status"] == "nonconforming"
    assert MARK in str(rows["4.6.4"]["checks"])
    assert len(client.get("/api/v1/conformity/history/").json()) == 1
    # ...and never Harbor's, even by asking.
    assert client.get(f"/api/v1/conformity/?organization={tenants.other_org.pk}").status_code == 400


@pytest.fixture
def twin(tenants):
    """An auditor of Lakeside who is also Harbor's viewer."""
    user = UserFactory(username="twin")
    MembershipFactory(user=user, organization=tenants.org, role="auditor")
    MembershipFactory(user=user, organization=tenants.other_org, role="viewer")
    return user


def test_a_member_of_both_names_the_organization_or_works_in_the_first(tenants, twin):
    client = APIClient()
    client.force_authenticate(twin)
    # Naming none, the member works in the organization they joined first.
    first = client.get("/api/v1/applicability/4.1.1.2/").json()
    assert first["applicable"] is False
    ours = client.get(f"/api/v1/applicability/4.1.1.2/?organization={tenants.org.pk}").json()
    theirs = client.get(
        f"/api/v1/applicability/4.1.1.2/?organization={tenants.other_org.pk}"
    ).json()
    assert ours["applicable"] is False and theirs["applicable"] is True
    # Assessments list both organizations' rows the member may see, each with its own.
    notes = [r["note"] for r in client.get("/api/v1/assessments/").json()["results"]]
    assert notes == [f"{MARK} finding: no management review"]
    only_theirs = client.get(f"/api/v1/assessments/?organization={tenants.other_org.pk}")
    assert only_theirs.json()["results"] == []
    # As Harbor's viewer the member may not assess there, nor exclude anything.
    refused = client.post(
        "/api/v1/assessments/",
        {"clause": "4.2.5", "result": "conforming", "organization": tenants.other_org.pk},
        format="json",
    )
    assert refused.status_code == 403
    assert not Assessment.objects.filter(organization=tenants.other_org).exists()


def test_a_member_of_both_sees_the_organization_chosen_in_the_header(tenants, twin):
    client = Client()
    client.force_login(twin)
    assert client.post("/organization/switch/", {"organization": tenants.org.pk}).status_code == 302
    assert MARK in client.get("/standard/scope/").content.decode()
    switched = client.post("/organization/switch/", {"organization": tenants.other_org.pk})
    assert switched.status_code == 302
    page = client.get("/standard/scope/").content.decode()
    assert HARBOR in page and MARK not in page
    assert MARK not in client.get("/standard/conformity/").content.decode()
