"""The service manual page: preview, live downloads, preparing a version, frozen
downloads, who may do what, and a bounded number of queries."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from fuwu.documents import services
from fuwu.documents.manual.selectors import manual_document
from fuwu.documents.models import Category, Document, DocumentVersion, Status
from tests.documents.manual_support import furnish

pytestmark = pytest.mark.django_db

PAGE = "/documents/manual/"


@pytest.fixture
def scene(world, media):
    return furnish(world)


@pytest.mark.parametrize("username", ["admin", "quality", "manager", "staff", "auditor", "viewer"])
def test_everyone_in_the_organization_reads_the_manual(scene, username):
    response = scene.client(username).get(PAGE)
    assert response.status_code == 200
    html = response.content.decode()
    assert 'data-section="crossref"' in html
    assert "Rooms, restaurants and conferences of three lakeside hotels." in html
    assert 'data-testid="manual-diagram"' in html and "data:image/svg+xml;base64," in html
    assert "#strong[x]" in html and "&lt;b&gt;z&lt;/b&gt;" in html  # escaped, not markup
    may_prepare = username in ("admin", "quality")
    assert ('data-testid="manual-prepare"' in html) is may_prepare


def test_the_manual_is_in_the_documents_navigation(scene):
    html = scene.client("staff").get(reverse("core:dashboard")).content.decode()
    assert f'href="{PAGE}"' in html


def test_the_preview_follows_the_chosen_language(scene):
    client = scene.client("viewer")
    html = client.get(PAGE + "?lang=zh-hans").content.decode()
    assert "服务手册" in html and "湖畔酒店集团" in html and "顾客财产的保护" in html
    assert 'lang="zh-Hans" data-testid="manual-preview"' in html
    assert client.get(PAGE + "?lang=fr").status_code == 400


def test_the_organizations_language_is_the_default(scene):
    scene.org.default_language = "zh-hans"
    scene.org.save()
    html = scene.client("viewer").get(PAGE).content.decode()
    assert 'lang="zh-Hans" data-testid="manual-preview"' in html


@pytest.mark.parametrize(
    ("fmt", "content_type"),
    [
        ("pdf", "application/pdf"),
        ("docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
    ],
)
def test_live_download(scene, fmt, content_type):
    response = scene.client("staff").get(reverse("documents:manual_download") + f"?format={fmt}")
    assert response.status_code == 200
    assert response["Content-Type"] == content_type
    assert 'filename="lakeside-service-manual-' in response["Content-Disposition"]
    assert response["Content-Disposition"].endswith(f'-en.{fmt}"')


def test_live_download_refuses_unknown_format_or_language(scene):
    client = scene.client("viewer")
    url = reverse("documents:manual_download")
    assert client.get(url + "?format=odt").status_code == 400
    assert client.get(url + "?format=pdf&lang=fr").status_code == 400


def test_anonymous_visitors_log_in_first(scene, client):
    response = client.get(PAGE)
    assert response.status_code == 302 and "login" in response["Location"]


def test_prepare_a_version_and_download_it_frozen(scene):
    client = scene.client("quality")
    response = client.post(
        reverse("documents:manual_prepare"), {"language": "zh-hans", "change_reason_en": ""}
    )
    assert response.status_code == 302
    assert response["Location"] == f"{PAGE}?lang=zh-hans#versions"
    document = manual_document(scene.org)
    version = document.versions.get()
    html = client.get(PAGE).content.decode()
    assert 'data-version="1"' in html
    assert 'data-testid="transition-submit"' in html  # the workflow's buttons
    # A draft's files are for those who read drafts: not a viewer.
    draft = scene.client("viewer").get(reverse("documents:manual_version_file", args=[1, "pdf"]))
    assert draft.status_code == 404
    pdf = scene.client("auditor").get(reverse("documents:manual_version_file", args=[1, "pdf"]))
    assert pdf.status_code == 200
    assert pdf["Content-Disposition"] == 'attachment; filename="lakeside-service-manual-v1.pdf"'
    with version.file.open("rb") as handle:
        assert b"".join(pdf.streaming_content) == handle.read()
    docx = scene.client("auditor").get(reverse("documents:manual_version_file", args=[1, "docx"]))
    assert docx.status_code == 200
    services.version_submit(actor=scene.users["quality"], version=version)
    services.version_approve(actor=scene.users["admin"], version=version)
    approved = scene.client("viewer").get(reverse("documents:manual_version_file", args=[1, "pdf"]))
    assert "v1-approved.pdf" in approved["Content-Disposition"]
    assert "In force" in scene.client("viewer").get(PAGE).content.decode()


def test_frozen_downloads_that_do_not_exist(scene):
    client = scene.client("viewer")
    assert client.get(reverse("documents:manual_version_file", args=[1, "pdf"])).status_code == 404
    services.manual_version_prepare(actor=scene.users["quality"], organization=scene.org)
    assert client.get(reverse("documents:manual_version_file", args=[2, "pdf"])).status_code == 404
    assert client.get(reverse("documents:manual_version_file", args=[1, "odt"])).status_code == 404


def test_prepare_refusals(scene):
    url = reverse("documents:manual_prepare")
    assert scene.client("viewer").post(url, {"language": "en"}).status_code == 403
    assert scene.client("manager").post(url, {"language": "en"}).status_code == 403
    assert scene.client("quality").post(url, {"language": "fr"}).status_code == 400
    assert scene.client("quality").get(url).status_code == 405
    assert manual_document(scene.org) is None
    version = services.manual_version_prepare(actor=scene.users["quality"], organization=scene.org)
    services.version_submit(actor=scene.users["quality"], version=version)
    response = scene.client("quality").post(url, {"language": "en"})
    assert response.status_code == 409
    assert "in review" in response.content.decode()


def test_the_page_costs_a_bounded_number_of_queries(scene):
    client = scene.client("quality")
    services.manual_version_prepare(actor=scene.users["quality"], organization=scene.org)
    client.get(PAGE)  # warm up: sessions, figure cache
    with CaptureQueriesContext(connection) as few:
        assert client.get(PAGE).status_code == 200
    forms = Document.objects.bulk_create(
        Document(
            organization=scene.org,
            number=f"DOC-Q-{i:03d}",
            title_en=f"Form {i}",
            category=Category.FORM,
            status=Status.APPROVED,
            site=scene.sites[i % 3],
        )
        for i in range(40)
    )
    versions = DocumentVersion.objects.bulk_create(
        DocumentVersion(
            organization=scene.org,
            document=form,
            number=1,
            status=Status.APPROVED,
            approved_at=timezone.now(),
        )
        for form in forms
    )
    for form, version in zip(forms, versions, strict=True):
        form.current_version = version
    Document.objects.bulk_update(forms, ["current_version"])
    services.manual_version_prepare(actor=scene.users["quality"], organization=scene.org)
    with CaptureQueriesContext(connection) as many:
        response = client.get(PAGE)
    assert "DOC-Q-039" in response.content.decode()
    assert len(many.captured_queries) == len(few.captured_queries)
    # Each app's section reads its own records in a few queries: the bound grows by app,
    # never by record.
    assert len(few.captured_queries) <= 48  # a few per section; operations brings four


def test_the_manual_opens_in_the_readers_language(scene):
    viewer = scene.users["viewer"]
    viewer.language = "zh-hans"
    viewer.save(update_fields=["language"])
    html = scene.client("viewer").get(PAGE).content.decode()
    assert 'lang="zh-Hans" data-testid="manual-preview"' in html
