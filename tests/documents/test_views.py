"""The pages: the register (filters, search, sort, export, bounded queries), the
document page (what each person is offered), the editor, and Chinese."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from fuwu.documents import services
from fuwu.documents.models import Document, Status

from .conftest import TEXT_EN, approve, make_document, open_version

pytestmark = pytest.mark.django_db


def queries_for(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_the_register_lists_filters_and_searches(world):
    policy = make_document(world, category="policy", title_en="Service policy")
    approve(world, policy)
    site_doc = make_document(world, actor="manager", title_en="Key control", site=world.sites[0])
    client = world.client("viewer")
    html = client.get("/documents/").content.decode()
    assert policy.number in html and site_doc.number in html
    assert "Organization-wide" in html
    assert site_doc.number not in client.get("/documents/?category=policy").content.decode()
    only_site = client.get(f"/documents/?site={world.sites[0].pk}").content.decode()
    assert site_doc.number in only_site and policy.number not in only_site
    org_wide = client.get("/documents/?site=none").content.decode()
    assert policy.number in org_wide and site_doc.number not in org_wide
    searched = client.get("/documents/?q=key").content.decode()
    assert site_doc.number in searched and policy.number not in searched
    approved = client.get("/documents/?status=approved").content.decode()
    assert policy.number in approved and site_doc.number not in approved
    assert client.get("/documents/?sort=-next_review_date").status_code == 200


def test_the_register_exports(world):
    document = make_document(world, title_en="Complaint handling")
    approve(world, document)
    client = world.client("auditor")
    csv = b"".join(client.get("/documents/?export=csv").streaming_content).decode("utf-8-sig")
    assert document.number in csv and "Complaint handling" in csv and "投诉处理程序" in csv
    assert "<span" not in csv  # badges are for the page only
    xlsx = client.get("/documents/?export=xlsx")
    assert xlsx.status_code == 200 and xlsx["Content-Type"].startswith("application/vnd")


def test_register_queries_do_not_grow_with_rows(world):
    client = world.client("manager")
    make_document(world)
    client.get("/documents/")  # settles the session
    few = queries_for(client, "/documents/")
    for i in range(15):
        document = make_document(
            world, title_en=f"Doc {i}", site=world.sites[i % 2] if i % 3 else None
        )
        if i % 2:
            approve(world, document, approver="admin")
    services.review_reminders_create()
    assert queries_for(client, "/documents/") == few
    assert queries_for(client, "/documents/?overdue=0&reminded=0") <= few + 1


def test_document_page_queries_are_bounded(world):
    document = make_document(world)
    approve(world, document)
    client = world.client("quality")
    client.get(f"/documents/{document.pk}/")
    few = queries_for(client, f"/documents/{document.pk}/")
    for _ in range(5):
        draft = services.version_draft_create(actor=world.users["quality"], document=document)
        services.version_update(
            actor=world.users["quality"], version=draft, data={"change_reason_en": "More."}
        )
        services.version_submit(actor=world.users["quality"], version=draft)
        approve(world, document)
    assert queries_for(client, f"/documents/{document.pk}/") == few


def test_the_document_page_for_each_person(world):
    document = make_document(world)
    version = open_version(document)
    url = f"/documents/{document.pk}/"
    quality = world.client("quality").get(url).content.decode()
    assert 'data-testid="draft-editor"' in quality
    assert 'data-testid="transition-submit"' in quality
    assert 'data-testid="transition-approve"' not in quality
    viewer = world.client("viewer").get(url).content.decode()
    assert 'data-testid="draft-editor"' not in viewer and "transition-" not in viewer
    assert "<h1>Complaint handling</h1>" not in viewer  # a draft is not in force
    assert "<h1>Complaint handling</h1>" in quality  # the draft's text, rendered
    services.version_submit(actor=world.users["quality"], version=version)
    quality = world.client("quality").get(url).content.decode()
    assert 'data-testid="refused-approve"' in quality and "another approver" in quality
    assert 'data-testid="transition-reject"' in quality
    admin = world.client("admin").get(url).content.decode()
    assert 'data-testid="transition-approve"' in admin


def test_writing_submitting_and_approving_through_the_pages(world):
    quality, admin = world.client("quality"), world.client("admin")
    created = quality.post(
        "/documents/add/",
        {
            "title_en": "Lost and found",
            "title_zh": "失物招领",
            "category": "procedure",
            "review_interval_months": 12,
        },
    )
    assert created.status_code == 302
    document = Document.objects.get(title_en="Lost and found")
    saved = quality.post(
        f"/documents/{document.pk}/versions/1/edit/",
        {"body_en": "# Lost and found\n\nLog it.", "body_zh": "# 失物招领", "change_reason_en": ""},
    )
    assert saved.status_code == 302
    assert quality.post(f"/documents/{document.pk}/versions/1/submit/").status_code == 302
    assert admin.post(f"/documents/{document.pk}/versions/1/approve/").status_code == 302
    document.refresh_from_db()
    assert document.status == Status.APPROVED
    page = world.client("staff").get(f"/documents/{document.pk}/").content.decode()
    assert "<h1>Lost and found</h1>" in page and "<h1>失物招领</h1>" in page
    # Revise: a new draft, copied.
    assert quality.post(f"/documents/{document.pk}/versions/new/").status_code == 302
    assert document.versions.get(number=2).body_en == "# Lost and found\n\nLog it."
    again = quality.post(f"/documents/{document.pk}/versions/new/")
    assert again.status_code == 409 and "still open" in again.content.decode()


def test_refusals_on_the_page_say_why(world):
    document = make_document(world, body_en="", body_zh="")
    client = world.client("quality")
    response = client.post(f"/documents/{document.pk}/versions/1/submit/")
    assert response.status_code == 400 and "Write the text" in response.content.decode()
    forbidden = world.client("manager").post(f"/documents/{document.pk}/versions/1/submit/")
    assert forbidden.status_code == 403
    unseen = world.client("viewer").post(f"/documents/{document.pk}/versions/1/submit/")
    assert unseen.status_code == 404  # drafts are not theirs to read
    reject = client.post(f"/documents/{document.pk}/versions/1/reject/", {"reject-reason": "x"})
    assert reject.status_code == 409
    unknown = client.post(f"/documents/{document.pk}/versions/1/publish/")
    assert unknown.status_code == 404
    assert client.get(f"/documents/{document.pk}/versions/9/").status_code == 404


def test_the_history_page_shows_document_and_versions(world):
    document = make_document(world)
    approve(world, document)
    html = world.client("auditor").get(f"/documents/{document.pk}/history/").content.decode()
    assert "status changed" in html and f"{document.number} v1" in html
    assert html.count("<tr>") >= 5


def test_the_pages_in_chinese(world):
    document = make_document(world)
    approve(world, document)
    user = world.users["viewer"]
    user.language = "zh-hans"
    user.save()
    client = world.client("viewer")
    for url in ("/documents/", f"/documents/{document.pk}/", "/documents/retention/"):
        response = client.get(url)
        assert response.status_code == 200, url
        assert 'lang="zh-hans"' in response.content.decode()
    page = client.get(f"/documents/{document.pk}/").content.decode()
    # The Chinese text is the open tab.
    assert 'tab-pane markdown active show" id="body-zh"' in page


def test_navigation_has_the_documents_entries(world):
    html = world.client("staff").get("/section/documents/").content.decode()
    assert "/documents/" in html and "/documents/retention/" in html


def test_attachments_on_a_document(world, media):
    from django.core.files.uploadedfile import SimpleUploadedFile

    document = make_document(world)
    client = world.client("quality")
    upload = SimpleUploadedFile("signed.pdf", b"%PDF-1.4\n%%EOF\n", content_type="application/pdf")
    response = client.post(f"/attachments/documents.document/{document.pk}/add/", {"file": upload})
    assert response.status_code == 302
    assert "signed.pdf" in client.get(f"/documents/{document.pk}/").content.decode()


def test_the_edit_page_changes_metadata(world):
    document = make_document(world)
    client = world.client("quality")
    assert client.get(f"/documents/{document.pk}/edit/").status_code == 200
    response = client.post(
        f"/documents/{document.pk}/edit/",
        {
            "title_en": "Complaint handling (ISO 10002)",
            "title_zh": "投诉处理程序",
            "category": "procedure",
            "owner": world.users["admin"].pk,
            "site": "",
            "review_interval_months": 24,
            "next_review_date": "",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    document.refresh_from_db()
    assert document.owner == world.users["admin"] and document.review_interval_months == 24
    assert open_version(document).body_en == TEXT_EN
    bad = client.post(
        f"/documents/{document.pk}/edit/",
        {"title_en": "", "title_zh": "", "category": "procedure", "review_interval_months": 12},
    )
    assert bad.status_code == 400


def test_staff_and_viewers_read_only_what_is_in_force(world):
    from fuwu.documents import services as documents_services

    document = documents_services.document_create(
        actor=world.users["quality"],
        organization=world.org,
        data={"title_en": "Draft procedure"},
        body_en="Not yet in force",
    )
    for username, status in (("viewer", 404), ("staff", 404), ("auditor", 200), ("quality", 200)):
        response = world.client(username).get(f"/documents/{document.pk}/versions/1/")
        assert response.status_code == status, username
    page = world.client("viewer").get(f"/documents/{document.pk}/").content.decode()
    assert "Not yet in force" not in page
