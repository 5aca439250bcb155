"""The REST API of documents: the same services and rules as the pages, with 403,
404 and 409 carrying their message, and an OpenAPI schema without warnings."""

from __future__ import annotations

import json

import pytest
from django.test import Client
from drf_spectacular.validation import validate_schema

from fuwu.core.models import AuditEntry
from fuwu.documents.models import Document, Status

from .conftest import ALL_ELEMENTS, TEXT_EN, api, approve, make_document

pytestmark = pytest.mark.django_db


def test_create_list_retrieve_and_update_metadata(world):
    client = api(world, "quality")
    created = client.post(
        "/api/v1/documents/",
        {
            "title_en": "Service policy",
            "title_zh": "服务方针",
            "category": "policy",
            "body_en": "# Policy",
        },
        format="json",
    )
    assert created.status_code == 201, created.json()
    body = created.json()
    assert body["number"].startswith("DOC-") and body["status"] == "draft"
    assert body["owner"] == world.users["quality"].pk and body["site"] is None
    assert body["current_version"] is None and body["overdue"] is False
    assert "body_en" not in body
    pk = body["id"]
    assert client.get("/api/v1/documents/").json()["count"] == 1
    assert client.get(f"/api/v1/documents/{pk}/").json()["title_zh"] == "服务方针"
    patched = client.patch(f"/api/v1/documents/{pk}/", {"review_interval_months": 6}, format="json")
    assert patched.status_code == 200 and patched.json()["review_interval_months"] == 6
    versions = client.get(f"/api/v1/documents/{pk}/versions/").json()
    assert versions["count"] == 1 and versions["results"][0]["body_en"] == "# Policy"
    assert client.delete(f"/api/v1/documents/{pk}/").status_code == 405


def test_the_whole_workflow_over_the_api(world):
    quality, admin = api(world, "quality"), api(world, "admin")
    pk = quality.post(
        "/api/v1/documents/", {"title_en": "Hand-over", "category": "procedure"}, format="json"
    ).json()["id"]
    base = f"/api/v1/documents/{pk}/versions/1/"
    edited = quality.patch(base, {"body_en": TEXT_EN}, format="json")
    assert edited.status_code == 200 and edited.json()["body_en"] == TEXT_EN
    assert quality.post(base + "submit/").json()["status"] == "in_review"
    returned = admin.post(base + "reject/", {"reason": "Name the duty manager."}, format="json")
    assert returned.json()["status"] == "draft"
    assert returned.json()["rejection_reason"] == "Name the duty manager."
    assert quality.post(base + "submit/").json()["status"] == "in_review"
    approved = admin.post(base + "approve/", {}, format="json")
    assert approved.status_code == 200 and approved.json()["approver"] == "admin"
    document = quality.get(f"/api/v1/documents/{pk}/").json()
    assert (document["status"], document["current_version"]) == ("approved", 1)
    assert document["next_review_date"]
    draft = quality.post(f"/api/v1/documents/{pk}/versions/")
    assert draft.status_code == 201 and draft.json()["number"] == 2
    assert draft.json()["body_en"] == TEXT_EN
    obsolete = admin.post(base + "obsolete/", {"reason": "Merged."}, format="json")
    assert obsolete.status_code == 200 and obsolete.json()["status"] == "obsolete"
    assert Document.objects.get(pk=pk).status == Status.OBSOLETE
    transitions = AuditEntry.objects.filter(
        object_type="documents.documentversion", action="transition"
    )
    assert transitions.count() == 6  # submit, reject, submit, approve, obsolete x2


@pytest.mark.parametrize(
    ("username", "step", "status"),
    [
        ("viewer", "submit", 404),  # drafts are not theirs to read
        ("staff", "submit", 404),
        ("manager", "submit", 403),  # organization-wide: outside their scope
        ("auditor", "approve", 403),
        ("quality", "approve", 403),  # four eyes
        ("manager", "approve", 403),
        ("viewer", "reject", 404),
        ("viewer", "obsolete", 404),
    ],
)
def test_who_may_do_what_over_the_api(world, username, step, status):
    document = make_document(world, category="policy")
    if step != "submit":
        api(world, "quality").post(f"/api/v1/documents/{document.pk}/versions/1/submit/")
    response = api(world, username).post(
        f"/api/v1/documents/{document.pk}/versions/1/{step}/",
        {"reason": "x", "checklist": ALL_ELEMENTS},
        format="json",
    )
    assert response.status_code == status
    assert response.json()["detail"]  # a message, not just a code


def test_the_four_eyes_refusal_says_why(world):
    document = make_document(world)
    api(world, "quality").post(f"/api/v1/documents/{document.pk}/versions/1/submit/")
    response = api(world, "quality").post(
        f"/api/v1/documents/{document.pk}/versions/1/approve/", {}, format="json"
    )
    assert response.status_code == 403
    assert "another approver" in response.json()["detail"]


def test_state_conflicts_answer_409(world):
    document = make_document(world)
    approve(world, document)
    client = api(world, "admin")
    url = f"/api/v1/documents/{document.pk}/versions/1/"
    assert client.post(url + "submit/").status_code == 409
    assert client.post(url + "approve/", {}, format="json").status_code == 409
    assert client.post(url + "reject/", {"reason": "x"}, format="json").status_code == 409
    conflict = client.put(url, {"body_en": "x"}, format="json")
    assert conflict.status_code == 409 and "new draft" in conflict.json()["detail"]


def test_bad_input_answers_400(world):
    document = make_document(world)
    client = api(world, "admin")
    api(world, "quality").post(f"/api/v1/documents/{document.pk}/versions/1/submit/")
    assert (
        client.post(
            f"/api/v1/documents/{document.pk}/versions/1/reject/", {}, format="json"
        ).status_code
        == 400
    )
    bad = client.post("/api/v1/documents/", {"category": "nonsense"}, format="json")
    assert bad.status_code == 400 and "category" in bad.json()
    untitled = client.post("/api/v1/documents/", {"category": "form"}, format="json")
    assert untitled.status_code == 400 and "title_en" in untitled.json()
    assert client.get(f"/api/v1/documents/{document.pk}/versions/7/").status_code == 404


def test_filters_of_the_api(world):
    approve(world, make_document(world, category="policy", title_en="Policy"))
    make_document(world, title_en="Procedure", site=world.sites[0])
    client = api(world, "viewer")

    def titles(query):
        return {d["title_en"] for d in client.get("/api/v1/documents/" + query).json()["results"]}

    assert titles("?category=policy") == {"Policy"}
    assert titles("?status=draft") == {"Procedure"}
    assert titles("?site=none") == {"Policy"}
    assert titles(f"?site={world.sites[0].pk}") == {"Procedure"}
    assert titles("?q=proc") == {"Procedure"}
    assert titles("?ordering=-number") == {"Policy", "Procedure"}


def test_openapi_schema_documents_the_endpoints(db):
    response = Client().get("/api/schema/?format=json")
    schema = json.loads(response.content)
    validate_schema(schema)
    paths = schema["paths"]
    assert set(paths["/api/v1/documents/"]) == {"get", "post"}
    assert set(paths["/api/v1/documents/{id}/"]) == {"get", "put", "patch"}
    assert set(paths["/api/v1/documents/{document_pk}/versions/"]) == {"get", "post"}
    assert set(paths["/api/v1/documents/{document_pk}/versions/{number}/"]) == {
        "get",
        "put",
        "patch",
    }
    for step in ("submit", "approve", "reject", "obsolete"):
        assert set(paths[f"/api/v1/documents/{{document_pk}}/versions/{{number}}/{step}/"]) == {
            "post"
        }


def test_schema_generation_has_no_warnings_for_documents():
    from drf_spectacular.drainage import GENERATOR_STATS
    from drf_spectacular.generators import SchemaGenerator

    GENERATOR_STATS.reset()
    with GENERATOR_STATS.silence():
        SchemaGenerator().get_schema(request=None, public=True)
    messages = [*GENERATOR_STATS._warn_cache, *GENERATOR_STATS._error_cache]
    ours = [m for m in messages if "documents" in m.lower() or "Version" in m]
    assert ours == [], ours


# -- record types -------------------------------------------------------------------------


def test_record_types_through_the_api(world):
    client = api(world, "quality")
    added = client.post("/api/v1/record-types/defaults/", format="json")
    assert added.status_code == 201
    labels = {row["model_label"] for row in added.json()}
    assert "core.auditentry" in labels
    # Asking again adds nothing.
    again = client.post("/api/v1/record-types/defaults/", format="json")
    assert again.status_code == 200 and again.json() == []

    rows = client.get("/api/v1/record-types/").json()["results"]
    trail = next(row for row in rows if row["model_label"] == "core.auditentry")
    changed = client.patch(
        f"/api/v1/record-types/{trail['id']}/", {"retention_months": 120}, format="json"
    )
    assert changed.status_code == 200 and changed.json()["retention_months"] == 120
    moved = client.patch(
        f"/api/v1/record-types/{trail['id']}/", {"model_label": "core.attachment"}, format="json"
    )
    assert moved.status_code == 400 and "model_label" in moved.json()
    bad = client.patch(
        f"/api/v1/record-types/{trail['id']}/", {"retention_months": 5000}, format="json"
    )
    assert bad.status_code == 400 and "retention_months" in bad.json()
    twice = client.post(
        "/api/v1/record-types/",
        {"name_en": "Audit trail again", "model_label": "core.auditentry"},
        format="json",
    )
    assert twice.status_code == 400
    assert AuditEntry.objects.filter(object_type="documents.recordtype").count() == len(labels) + 1


def test_record_types_are_read_by_members_and_kept_by_quality(world):
    api(world, "quality").post("/api/v1/record-types/defaults/", format="json")
    pk = api(world, "quality").get("/api/v1/record-types/").json()["results"][0]["id"]
    viewer = api(world, "viewer")
    assert viewer.get("/api/v1/record-types/").json()["count"] >= 1
    assert (
        viewer.patch(f"/api/v1/record-types/{pk}/", {"notes": "x"}, format="json").status_code
        == 403
    )
    assert api(world, "outsider").get(f"/api/v1/record-types/{pk}/").status_code == 404
