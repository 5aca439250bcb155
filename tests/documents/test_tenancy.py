"""Tenancy: another organization's documents answer 404 on every page and API
endpoint, leak into no list or export, and nothing of theirs changes; site scope
shows a site's documents and the organization-wide ones (never another site's),
and limits who may change them."""

from __future__ import annotations

import io
from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone
from openpyxl import load_workbook

from fuwu.core.models import Attachment, AuditEntry
from fuwu.documents import services
from fuwu.documents.models import (
    Document,
    DocumentVersion,
    RecordDisposal,
    RecordType,
    ReviewReminder,
)

from .conftest import ALL_ELEMENTS, api, approve, make_document, open_version, revise

pytestmark = pytest.mark.django_db

MARK = "Zqxsecret"


@pytest.fixture
def theirs(world):
    """Harbor's approved document with an open draft, and Harbor's record types."""
    document = make_document(
        world, actor="outsider", organization=world.other_org, title_en=f"{MARK} policy"
    )
    approve(world, document, author="outsider", approver="outsider")
    services.version_draft_create(actor=world.users["outsider"], document=document)
    seeded = services.record_types_seed(actor=world.users["outsider"], organization=world.other_org)
    services.record_type_update(
        actor=world.users["outsider"],
        record_type=seeded[0],
        data={"name_en": f"{MARK} guest records", "notes": f"{MARK} notes"},
    )
    return document


def documents_state(organization) -> dict[str, list]:
    """Everything of one organization's documents and records a request could
    change, for before/after comparisons."""
    return {
        "documents": list(Document.objects.filter(organization=organization).values()),
        "versions": list(DocumentVersion.objects.filter(organization=organization).values()),
        "reminders": list(ReviewReminder.objects.filter(organization=organization).values()),
        "record_types": list(RecordType.objects.filter(organization=organization).values()),
        "disposals": list(RecordDisposal.objects.filter(organization=organization).values()),
        "attachments": list(Attachment.objects.filter(organization=organization).values()),
        "audit": list(
            AuditEntry.objects.filter(organization=organization)
            .order_by("seq")
            .values_list("seq", "hash")
        ),
    }


def body_of(response) -> str:
    if getattr(response, "streaming", False):
        return b"".join(response.streaming_content).decode("utf-8-sig", "replace")
    return response.content.decode("utf-8", "replace")


def page_urls(document):
    pk = document.pk
    rtype = RecordType.objects.filter(organization=document.organization).first()
    return [
        f"/documents/{pk}/",
        f"/documents/{pk}/history/",
        f"/documents/{pk}/edit/",
        f"/documents/{pk}/versions/1/",
        f"/documents/{pk}/versions/2/",
        f"/documents/{pk}/versions/1/file/",
        f"/documents/record-types/{rtype.pk}/",
        f"/documents/record-types/{rtype.pk}/history/",
        f"/documents/record-types/{rtype.pk}/edit/",
        f"/documents/record-types/{rtype.pk}/delete/",
        f"/documents/retention/{rtype.pk}/due/",
    ]


def post_urls(document):
    pk = document.pk
    rtype = RecordType.objects.filter(organization=document.organization).first()
    return [
        f"/documents/{pk}/edit/",
        f"/documents/{pk}/versions/new/",
        f"/documents/{pk}/versions/2/edit/",
        f"/documents/{pk}/versions/2/submit/",
        f"/documents/{pk}/versions/2/approve/",
        f"/documents/{pk}/versions/2/reject/",
        f"/documents/{pk}/versions/2/obsolete/",
        f"/documents/{pk}/versions/1/obsolete/",
        f"/documents/{pk}/review/",
        f"/documents/retention/{rtype.pk}/dispose/",
        f"/documents/record-types/{rtype.pk}/edit/",
        f"/documents/record-types/{rtype.pk}/delete/",
        f"/attachments/documents.document/{pk}/add/",
    ]


def api_urls(document):
    pk = document.pk
    return [
        ("get", f"/api/v1/documents/{pk}/"),
        ("patch", f"/api/v1/documents/{pk}/"),
        ("put", f"/api/v1/documents/{pk}/"),
        ("get", f"/api/v1/documents/{pk}/versions/"),
        ("post", f"/api/v1/documents/{pk}/versions/"),
        ("get", f"/api/v1/documents/{pk}/versions/1/"),
        ("get", f"/api/v1/documents/{pk}/versions/2/"),
        ("put", f"/api/v1/documents/{pk}/versions/2/"),
        ("patch", f"/api/v1/documents/{pk}/versions/2/"),
        ("patch", f"/api/v1/documents/{pk}/versions/1/"),
        ("post", f"/api/v1/documents/{pk}/versions/2/submit/"),
        ("post", f"/api/v1/documents/{pk}/versions/2/approve/"),
        ("post", f"/api/v1/documents/{pk}/versions/2/reject/"),
        ("post", f"/api/v1/documents/{pk}/versions/1/obsolete/"),
    ]


@pytest.mark.parametrize("username", ["admin", "quality", "auditor", "manager", "viewer"])
def test_other_organizations_documents_are_404_on_every_page(world, theirs, username, media):
    client = world.client(username)
    before = documents_state(world.other_org)
    for url in page_urls(theirs):
        response = client.get(url)
        assert response.status_code == 404, url
        assert MARK not in body_of(response), url
    for url in post_urls(theirs):
        response = client.post(
            url,
            {
                "reason": "x",
                "body_en": "x",
                "all": "1",
                "record": "1",
                "name_en": "Hacked",
                "retention_months": "1",
                "approve-checklist": ALL_ELEMENTS,
                "reject-reason": "x",
                "obsolete-reason": "x",
            },
        )
        assert response.status_code == 404, url
        assert MARK not in body_of(response), url
    assert documents_state(world.other_org) == before


@pytest.mark.parametrize("username", ["admin", "quality", "auditor", "viewer"])
def test_other_organizations_documents_are_404_in_the_api(world, theirs, username):
    client = api(world, username)
    before = documents_state(world.other_org)
    body = {"reason": "x", "body_en": "x", "checklist": ALL_ELEMENTS, "title_en": "x"}
    for method, url in api_urls(theirs):
        response = getattr(client, method)(url, body, format="json")
        assert response.status_code == 404, (method, url)
        assert MARK not in response.content.decode(), (method, url)
    assert client.get("/api/v1/documents/").json()["count"] == 0
    assert client.get(f"/api/v1/documents/?organization={world.other_org.pk}").json()["count"] == 0
    assert client.get(f"/api/v1/documents/?q={MARK}").json()["count"] == 0
    assert documents_state(world.other_org) == before


@pytest.mark.parametrize("username", ["admin", "quality"])
def test_nothing_is_created_in_another_organization_through_the_api(world, theirs, username):
    client = api(world, username)
    before = documents_state(world.other_org)
    response = client.post(
        "/api/v1/documents/",
        {"title_en": "Planted", "category": "procedure", "organization": world.other_org.pk},
        format="json",
    )
    assert response.status_code == 400
    assert "organization" in response.json()
    assert documents_state(world.other_org) == before
    assert not Document.objects.filter(title_en="Planted").exists()


def test_nothing_of_theirs_in_our_lists_and_exports(world, theirs):
    make_document(world, title_en="Ours")
    client = world.client("admin")
    services.record_types_seed(actor=world.users["admin"], organization=world.org)
    for url in (
        "/documents/",
        f"/documents/?q={MARK}",
        "/documents/?export=csv",
        "/documents/?export=xlsx",
        f"/documents/?q={MARK}&export=csv",
        "/documents/retention/",
        "/documents/record-types/",
        "/documents/record-types/?export=csv",
        "/documents/record-types/?export=xlsx",
    ):
        response = client.get(url, headers={"HX-Request": "true"} if "q=" in url else {})
        assert response.status_code == 200, url
        if "xlsx" in url:
            book = load_workbook(io.BytesIO(response.content), read_only=True)
            text = str([list(r) for r in book.active.iter_rows(values_only=True)])
        else:
            text = body_of(response)
        assert MARK not in text, url
    # and nothing changed of theirs
    theirs.refresh_from_db()
    assert theirs.status == "approved" and open_version(theirs).number == 2


def test_they_see_their_own(world, theirs):
    client = api(world, "outsider")
    assert client.get("/api/v1/documents/").json()["count"] == 1
    assert world.client("outsider").get(f"/documents/{theirs.pk}/").status_code == 200


def test_site_scope_shows_the_site_and_the_organization_wide_documents(world):
    org_wide = make_document(world, title_en="Organization-wide")
    own_site = make_document(world, title_en="West Lake", site=world.sites[0])
    other_site = make_document(world, title_en="Jinji Lake", site=world.sites[1])
    for username in ("manager", "staff"):
        user = world.users[username]
        visible = set(Document.objects.for_user(user).values_list("title_en", flat=True))
        assert visible == {"Organization-wide", "West Lake"}, username
        versions = DocumentVersion.objects.for_user(user).values_list(
            "document__title_en", flat=True
        )
        assert set(versions) == {"Organization-wide", "West Lake"}
        client = world.client(username)
        assert client.get(f"/documents/{org_wide.pk}/").status_code == 200
        assert client.get(f"/documents/{own_site.pk}/").status_code == 200
        assert client.get(f"/documents/{other_site.pk}/").status_code == 404
        listed = api(world, username).get("/api/v1/documents/").json()
        assert {d["title_en"] for d in listed["results"]} == {"Organization-wide", "West Lake"}
    auditor = world.users["auditor"]
    assert Document.objects.for_user(auditor).count() == 3
    assert Document.objects.for_user(world.users["outsider"]).count() == 0


def test_a_site_manager_reads_but_does_not_change_organization_wide_documents(world):
    org_wide = make_document(world)
    with pytest.raises(PermissionDenied):
        services.document_update(
            actor=world.users["manager"], document=org_wide, data={"title_en": "Mine"}
        )
    with pytest.raises(PermissionDenied):
        services.version_draft_create(actor=world.users["manager"], document=org_wide)
    client = world.client("manager")
    assert client.get(f"/documents/{org_wide.pk}/edit/").status_code == 403
    page = client.get(f"/documents/{org_wide.pk}/").content.decode()
    assert 'data-testid="draft-editor"' not in page
    assert 'data-testid="transition-submit"' not in page


def test_a_site_manager_cannot_move_a_document_to_another_site(world):
    own = make_document(world, actor="manager", site=world.sites[0])
    with pytest.raises(PermissionDenied):
        services.document_update(
            actor=world.users["manager"], document=own, data={"site": world.sites[1]}
        )
    with pytest.raises(PermissionDenied):
        services.document_update(actor=world.users["manager"], document=own, data={"site": None})


def test_a_site_of_another_organization_is_refused(world):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        make_document(world, site=world.other_site)
    response = api(world, "quality").post(
        "/api/v1/documents/",
        {"title_en": "X", "category": "procedure", "site": world.other_site.pk},
        format="json",
    )
    assert response.status_code == 400


def test_a_site_manager_is_told_to_choose_their_site(world):
    response = world.client("manager").post(
        "/documents/add/",
        {"title_en": "Mine", "category": "procedure", "site": "", "review_interval_months": 12},
    )
    assert response.status_code == 400
    assert "Choose one of your sites" in response.content.decode()
    created = world.client("manager").post(
        "/documents/add/",
        {
            "title_en": "Mine",
            "category": "procedure",
            "site": world.sites[0].pk,
            "review_interval_months": 12,
        },
    )
    assert created.status_code == 302
    # A site of theirs only: another site is not even offered.
    other = world.client("manager").post(
        "/documents/add/",
        {
            "title_en": "Not mine",
            "category": "procedure",
            "site": world.sites[1].pk,
            "review_interval_months": 12,
        },
    )
    assert other.status_code == 400


# -- site scope, endpoint by endpoint ------------------------------------------------

SITE_MARK = "Zqxjinji"


@pytest.fixture
def sited(world):
    """Three approved documents with an open draft each: organization-wide, of the
    manager's site (sites[0]) and of another site (sites[1], titled SITE_MARK)."""
    made = {}
    for key, site, title in (
        ("org_wide", None, "Organization-wide"),
        ("own", world.sites[0], "West Lake"),
        ("other", world.sites[1], f"{SITE_MARK} Jinji Lake"),
    ):
        document = make_document(world, title_en=title, site=site)
        approve(world, document)
        revise(world, document)
        made[key] = document
    return made


def site_page_urls(document) -> list[str]:
    pk = document.pk
    return [
        f"/documents/{pk}/",
        f"/documents/{pk}/history/",
        f"/documents/{pk}/edit/",
        f"/documents/{pk}/versions/1/",
        f"/documents/{pk}/versions/2/",
    ]


def site_post_urls(document) -> list[str]:
    pk = document.pk
    return [
        f"/documents/{pk}/edit/",
        f"/documents/{pk}/versions/new/",
        f"/documents/{pk}/versions/2/edit/",
        f"/documents/{pk}/versions/2/submit/",
        f"/documents/{pk}/versions/2/obsolete/",
        f"/documents/{pk}/versions/1/obsolete/",
        f"/documents/{pk}/review/",
        f"/attachments/documents.document/{pk}/add/",
    ]


@pytest.mark.parametrize("username", ["manager", "staff"])
def test_another_sites_document_is_404_everywhere_for_a_site_scoped_member(
    world, sited, username, media
):
    other = sited["other"]
    before = documents_state(world.org)
    client = world.client(username)
    for url in site_page_urls(other):
        response = client.get(url)
        assert response.status_code == 404, url
        assert SITE_MARK not in body_of(response), url
    for url in site_post_urls(other):
        response = client.post(url, {"reason": "x", "body_en": "x", "change_reason_en": "x"})
        assert response.status_code == 404, url
    rest = api(world, username)
    for method, url in api_urls(other):
        response = getattr(rest, method)(url, {"reason": "x", "body_en": "x"}, format="json")
        assert response.status_code == 404, (method, url)
        assert SITE_MARK not in response.content.decode()
    assert documents_state(world.org) == before


@pytest.mark.parametrize("username", ["manager", "staff"])
def test_a_site_scoped_members_lists_and_exports_hold_their_site_and_the_organization(
    world, sited, username
):
    client = world.client(username)
    wanted = {sited["org_wide"].number, sited["own"].number}
    for url in ("/documents/", f"/documents/?site={world.sites[1].pk}"):
        text = body_of(client.get(url))
        assert SITE_MARK not in text, url
        assert sited["other"].number not in text, url
    if username == "manager":  # staff do not export
        rows = body_of(client.get("/documents/?export=csv")).splitlines()[1:]
        assert {row.split(",")[0] for row in rows} == wanted
    rest = api(world, username)
    listed = rest.get("/api/v1/documents/?page_size=500").json()
    assert {d["number"] for d in listed["results"]} == wanted
    assert rest.get(f"/api/v1/documents/?site={world.sites[1].pk}").json()["count"] == 0
    assert rest.get(f"/api/v1/documents/?q={SITE_MARK}").json()["count"] == 0
    # Organization-wide and own-site documents, and their versions, are readable.
    for key in ("org_wide", "own"):
        pk = sited[key].pk
        assert client.get(f"/documents/{pk}/versions/1/").status_code == 200
        # Staff read what is in force, not the draft of version 2.
        count = rest.get(f"/api/v1/documents/{pk}/versions/").json()["count"]
        assert count == (2 if username == "manager" else 1)


def test_a_site_manager_works_on_their_sites_documents_but_does_not_approve(world, sited):
    own = sited["own"]
    rest = api(world, "manager")
    draft = {"body_en": "# New steps\n", "change_reason_en": "Clearer."}
    assert rest.patch(
        f"/api/v1/documents/{own.pk}/versions/2/", draft, format="json"
    ).status_code == (200)
    assert rest.post(f"/api/v1/documents/{own.pk}/versions/2/submit/").status_code == 200
    before = documents_state(world.org)
    refused = rest.post(
        f"/api/v1/documents/{own.pk}/versions/2/approve/", {"checklist": []}, format="json"
    )
    assert refused.status_code == 403
    assert world.client("manager").post(f"/documents/{own.pk}/review/").status_code == 403
    assert documents_state(world.org) == before
    # Staff of the same site read it, and change nothing.
    staff = api(world, "staff")
    assert staff.get(f"/api/v1/documents/{own.pk}/").status_code == 200
    assert staff.post(
        f"/api/v1/documents/{own.pk}/versions/2/reject/", {"reason": "x"}
    ).status_code == (404)  # a version in review is not theirs to read
    assert world.client("staff").post(f"/documents/{own.pk}/versions/new/").status_code == 403
    assert documents_state(world.org) == before


def test_the_disposal_list_shows_a_site_scoped_member_only_their_records(world, sited):
    """Obsolete versions are records (4.6.5): another site's stay out of the list."""
    services.record_types_seed(actor=world.users["admin"], organization=world.org)
    rtype = RecordType.objects.get(organization=world.org, model_label="documents.documentversion")
    services.record_type_update(
        actor=world.users["admin"], record_type=rtype, data={"retention_months": 1}
    )
    for key in ("org_wide", "own", "other"):
        approve(world, sited[key])  # version 2 approved: version 1 becomes obsolete
    old = timezone.now() - timedelta(days=90)
    DocumentVersion.objects.filter(organization=world.org, number=1).update(obsoleted_at=old)

    other = f"{sited['other'].number} v1"
    everyone = body_of(world.client("admin").get(f"/documents/retention/{rtype.pk}/due/"))
    assert other in everyone
    for username in ("manager", "staff"):
        text = body_of(world.client(username).get(f"/documents/retention/{rtype.pk}/due/"))
        assert f"{sited['own'].number} v1" in text, username
        assert f"{sited['org_wide'].number} v1" in text, username
        assert other not in text, username
