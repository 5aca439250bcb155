"""`/api/v1/service-manual/`: the live manual as a file, the frozen versions, and
preparing a version; documented in the OpenAPI schema."""

from __future__ import annotations

from io import BytesIO

import pytest
from docx import Document as Docx
from rest_framework.test import APIClient

from fuwu.documents import services
from tests.documents.conftest import api
from tests.documents.manual_support import furnish

pytestmark = pytest.mark.django_db

URL = "/api/v1/service-manual/"
VERSIONS = "/api/v1/service-manual/versions/"


@pytest.fixture
def scene(world, media):
    return furnish(world)


@pytest.mark.parametrize(
    ("fmt", "content_type", "magic"),
    [
        ("pdf", "application/pdf", b"%PDF"),
        (
            "docx",
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            b"PK",
        ),
    ],
)
def test_live_manual_as_a_file(scene, fmt, content_type, magic):
    response = api(scene, "viewer").get(URL, {"format": fmt, "lang": "zh-hans"})
    assert response.status_code == 200
    assert response["Content-Type"] == content_type
    assert response.content.startswith(magic)
    assert response["Content-Disposition"].endswith(f'-zh.{fmt}"')


def test_the_organizations_language_by_default(scene):
    scene.org.default_language = "zh-hans"
    scene.org.save()
    response = api(scene, "staff").get(URL, {"format": "docx"})
    title = next(p for p in Docx(BytesIO(response.content)).paragraphs if p.style.name == "Title")
    assert title.text == "服务手册"
    english = api(scene, "staff").get(URL, {"format": "docx", "lang": "en"})
    title = next(p for p in Docx(BytesIO(english.content)).paragraphs if p.style.name == "Title")
    assert title.text == "Service manual"


def test_pdf_is_the_default_format(scene):
    response = api(scene, "viewer").get(URL)
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"


def test_bad_format_or_language_is_400_with_a_message(scene):
    client = api(scene, "viewer")
    response = client.get(URL, {"format": "odt"})
    assert response.status_code == 400
    assert response.json() == {"format": ["Choose pdf or docx."]}
    response = client.get(URL, {"format": "pdf", "lang": "fr"})
    assert response.status_code == 400
    assert response.json() == {"lang": ["Choose en or zh-hans."]}
    assert client.get(URL, {"format": "json"}).status_code == 400  # not DRF's renderer


def test_login_required(scene):
    assert APIClient().get(URL).status_code in (401, 403)


def test_organization_of_the_request(scene):
    # A superuser sees every organization: say which one.
    root = api(scene, "root")
    assert root.get(URL).status_code == 400
    assert root.get(URL, {"organization": scene.org.pk}).status_code == 200
    outsider = api(scene, "outsider")
    response = outsider.get(URL, {"organization": scene.org.pk})
    assert response.status_code == 400
    assert "organization" in response.json()


def test_versions_prepare_and_frozen_files(scene):
    client = api(scene, "quality")
    assert client.get(VERSIONS).json() == {"document": None, "versions": []}
    created = client.post(VERSIONS, {"lang": "en", "change_reason_en": ""}, format="json")
    assert created.status_code == 201
    assert created.json()["number"] == 1 and created.json()["status"] == "draft"
    assert created.json()["file"].endswith("/versions/1/file/")
    assert created.json()["word_file"].endswith("/versions/1/file/word/")
    listed = api(scene, "auditor").get(VERSIONS).json()
    assert listed["document"]["category"] == "manual"
    assert [v["number"] for v in listed["versions"]] == [1]
    frozen = api(scene, "auditor").get(f"{VERSIONS}1/file/", {"format": "docx"})
    assert frozen.status_code == 200
    assert b"".join(frozen.streaming_content).startswith(b"PK")
    assert api(scene, "auditor").get(f"{VERSIONS}1/file/").status_code == 200  # pdf
    assert api(scene, "auditor").get(f"{VERSIONS}2/file/").status_code == 404
    assert api(scene, "auditor").get(f"{VERSIONS}1/file/", {"format": "odt"}).status_code == 400
    # A viewer reads only what is in force: not the draft, nor its files.
    assert api(scene, "viewer").get(VERSIONS).json()["versions"] == []
    assert api(scene, "viewer").get(f"{VERSIONS}1/file/").status_code == 404
    # Submit and approve through the documents API, like any controlled document.
    document = listed["document"]["id"]
    assert client.post(f"/api/v1/documents/{document}/versions/1/submit/").status_code == 200
    approved = api(scene, "admin").post(
        f"/api/v1/documents/{document}/versions/1/approve/", {}, format="json"
    )
    assert approved.status_code == 200 and approved.json()["status"] == "approved"
    assert [v["number"] for v in api(scene, "viewer").get(VERSIONS).json()["versions"]] == [1]
    assert api(scene, "viewer").get(f"{VERSIONS}1/file/").status_code == 200


def test_prepare_refusals(scene):
    assert api(scene, "viewer").post(VERSIONS, {}, format="json").status_code == 403
    assert api(scene, "quality").post(VERSIONS, {"lang": "fr"}, format="json").status_code == 400
    version = services.manual_version_prepare(actor=scene.users["quality"], organization=scene.org)
    services.version_submit(actor=scene.users["quality"], version=version)
    conflict = api(scene, "quality").post(VERSIONS, {}, format="json")
    assert conflict.status_code == 409
    assert "in review" in conflict.json()["detail"]


def test_another_organizations_versions_are_not_found(scene):
    services.manual_version_prepare(actor=scene.users["quality"], organization=scene.org)
    outsider = api(scene, "outsider")
    assert outsider.get(f"{VERSIONS}1/file/").status_code == 404  # their own has none
    assert outsider.get(VERSIONS).json() == {"document": None, "versions": []}


def test_documented_in_the_openapi_schema(scene):
    response = api(scene, "viewer").get("/api/schema/", {"format": "json"})
    assert response.status_code == 200
    paths = response.json()["paths"]
    manual = paths["/api/v1/service-manual/"]["get"]
    names = {p["name"]: p for p in manual["parameters"]}
    assert sorted(names["format"]["schema"]["enum"]) == ["docx", "pdf"]
    assert sorted(names["lang"]["schema"]["enum"]) == ["en", "zh-hans"]
    assert "application/pdf" in manual["responses"]["200"]["content"]
    assert "/api/v1/service-manual/versions/" in paths
    assert "/api/v1/service-manual/versions/{number}/file/" in paths
