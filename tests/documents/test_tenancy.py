"""Tenancy: another organization's documents answer 404 on every page and API
endpoint and leak into no list or export; site scope shows a site's documents and
the organization-wide ones, and limits who may change them."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied

from fuwu.documents import services
from fuwu.documents.models import Document, DocumentVersion, RecordType

from .conftest import ALL_ELEMENTS, api, approve, make_document, open_version

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
    services.record_types_seed(actor=world.users["outsider"], organization=world.other_org)
    return document


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
        f"/documents/record-types/{rtype.pk}/edit/",
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
        f"/documents/{pk}/versions/1/obsolete/",
        f"/documents/{pk}/review/",
        f"/documents/retention/{rtype.pk}/dispose/",
        f"/documents/record-types/{rtype.pk}/delete/",
    ]


def api_urls(document):
    pk = document.pk
    return [
        ("get", f"/api/v1/documents/{pk}/"),
        ("patch", f"/api/v1/documents/{pk}/"),
        ("put", f"/api/v1/documents/{pk}/"),
        ("get", f"/api/v1/documents/{pk}/versions/"),
        ("post", f"/api/v1/documents/{pk}/versions/"),
        ("get", f"/api/v1/documents/{pk}/versions/2/"),
        ("patch", f"/api/v1/documents/{pk}/versions/2/"),
        ("post", f"/api/v1/documents/{pk}/versions/2/submit/"),
        ("post", f"/api/v1/documents/{pk}/versions/2/approve/"),
        ("post", f"/api/v1/documents/{pk}/versions/2/reject/"),
        ("post", f"/api/v1/documents/{pk}/versions/1/obsolete/"),
    ]


@pytest.mark.parametrize("username", ["admin", "quality", "auditor", "manager", "viewer"])
def test_other_organizations_documents_are_404_on_every_page(world, theirs, username):
    client = world.client(username)
    for url in page_urls(theirs):
        assert client.get(url).status_code == 404, url
    for url in post_urls(theirs):
        response = client.post(url, {"reason": "x", "body_en": "x", "all": "1", "record": "1"})
        assert response.status_code == 404, url


@pytest.mark.parametrize("username", ["admin", "quality", "auditor", "viewer"])
def test_other_organizations_documents_are_404_in_the_api(world, theirs, username):
    client = api(world, username)
    body = {"reason": "x", "body_en": "x", "checklist": ALL_ELEMENTS, "title_en": "x"}
    for method, url in api_urls(theirs):
        response = getattr(client, method)(url, body, format="json")
        assert response.status_code == 404, (method, url)
    assert client.get("/api/v1/documents/").json()["count"] == 0
    assert client.get(f"/api/v1/documents/?organization={world.other_org.pk}").json()["count"] == 0


def test_nothing_of_theirs_in_our_lists_and_exports(world, theirs):
    make_document(world, title_en="Ours")
    client = world.client("admin")
    for url in (
        "/documents/",
        "/documents/?export=csv",
        "/documents/?export=xlsx",
        "/documents/retention/",
        "/documents/record-types/",
    ):
        response = client.get(url)
        assert response.status_code == 200, url
        body = b"".join(response.streaming_content) if response.streaming else response.content
        assert MARK.encode() not in body, url
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
