"""The REST API of core as a client program meets it: tokens, roles, writes and
their audit entries, validation errors, bad input, and the OpenAPI documents."""

from __future__ import annotations

import json
import re

import pytest
from django.test import Client
from drf_spectacular.validation import validate_schema
from rest_framework.test import APIClient

from fuwu.core.models import ApiToken, AuditEntry, Membership, Organization, Site, User
from fuwu.core.services.tokens import token_digest
from tests.factories import MembershipFactory, OrganizationFactory

from .conftest import LAKESIDE_MARK, api_client, tenant_state, token_client

pytestmark = pytest.mark.django_db

ROLES = ["admin", "quality", "manager", "staff", "auditor", "viewer", "root"]
ADMINS = {"admin", "root"}
AUDIT_READERS = {"admin", "quality", "auditor", "root"}
SCOPED = {"manager", "staff"}


def codes(response) -> list[str]:
    return [row["code"] for row in response.json()["results"]]


# -- tokens --------------------------------------------------------------------------


def test_token_is_issued_and_works(world):
    response = APIClient().post(
        "/api/v1/auth/token/", {"username": "viewer", "password": "pw"}, format="json"
    )
    assert response.status_code == 200
    key = response.json()["token"]
    assert re.fullmatch(r"[0-9a-f]{40}", key)
    # Only the digest is kept.
    token = ApiToken.objects.get(user=world.users["viewer"])
    assert token.digest == token_digest(key) and key not in (token.digest, token.prefix)
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    sites = client.get("/api/v1/sites/")
    assert sites.status_code == 200
    assert codes(sites) == ["H1", "H2", "H3"]
    token.refresh_from_db()
    assert token.last_used_at is not None


def test_token_works_with_form_data_too(world):
    response = Client().post("/api/v1/auth/token/", {"username": "viewer", "password": "pw"})
    assert response.status_code == 200
    assert "token" in response.json()


@pytest.mark.parametrize(
    "data, field",
    [
        ({"username": "viewer", "password": "wrong"}, "non_field_errors"),
        ({"username": "nobody", "password": "pw"}, "non_field_errors"),
        ({"username": "viewer"}, "password"),
        ({"password": "pw"}, "username"),
    ],
    ids=["wrong-password", "unknown-user", "no-password", "no-username"],
)
def test_bad_credentials_answer_400(world, data, field):
    response = APIClient().post("/api/v1/auth/token/", data, format="json")
    assert response.status_code == 400
    assert field in response.json()
    assert not ApiToken.objects.exists()


def test_token_requests_are_throttled(world):
    client = APIClient()
    for _attempt in range(5):
        bad = client.post(
            "/api/v1/auth/token/", {"username": "viewer", "password": "x"}, format="json"
        )
        assert bad.status_code == 400
    response = client.post(
        "/api/v1/auth/token/", {"username": "viewer", "password": "pw"}, format="json"
    )
    assert response.status_code == 429
    assert int(response["Retry-After"]) > 0
    assert "token" not in response.json()
    # The lock is shared with the login page.
    assert Client().post("/login/", {"username": "viewer", "password": "pw"}).status_code == 429


@pytest.mark.parametrize(
    "header",
    ["Token nonsense", "Token", "Token a b", "Token \xe9"],
    ids=["unknown", "empty", "two-words", "not-ascii"],
)
def test_bad_token_is_refused(world, header):
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=header)
    response = client.get("/api/v1/sites/")
    assert response.status_code == 401
    assert response["WWW-Authenticate"] == "Token"
    assert LAKESIDE_MARK not in response.content.decode()


def test_token_of_a_deactivated_user_is_refused(world):
    client = token_client(world, "viewer")
    User.objects.filter(username="viewer").update(is_active=False)
    assert client.get("/api/v1/sites/").status_code == 401


def test_no_credentials_is_401(world):
    response = APIClient().get("/api/v1/sites/")
    assert response.status_code == 401
    assert "detail" in response.json()


# -- bad input is a 400, never a 500 --------------------------------------------------------

BAD_BODIES = {
    "broken-json": "{bad",
    "truncated": '{"code": "H9", ',
    "list": "[1, 2]",
    "string": '"hello"',
    "null": "null",
    "number": "42",
}


@pytest.mark.parametrize("body", BAD_BODIES.values(), ids=BAD_BODIES.keys())
@pytest.mark.parametrize(
    "method, url",
    [
        ("post", "/api/v1/sites/"),
        ("patch", "/api/v1/sites/{s0}/"),
        ("post", "/api/v1/members/"),
        ("patch", "/api/v1/members/{viewer}/"),
        ("post", "/api/v1/organizations/"),
        ("post", "/api/v1/auth/token/"),
    ],
)
def test_bad_json_body_is_400(scene, method, url, body):
    client = api_client(scene.world, "root" if "organizations" in url else "admin")
    before = tenant_state(scene.org)
    url = url.format(s0=scene.sites[0].pk, viewer=scene.membership("viewer").pk)
    response = getattr(client, method)(url, body, content_type="application/json")
    assert response.status_code == 400, response.content
    assert response["Content-Type"].startswith("application/json")
    assert tenant_state(scene.org) == before


def test_unsupported_media_type_is_415(world):
    response = api_client(world, "admin").post(
        "/api/v1/sites/", "code=H9", content_type="text/plain"
    )
    assert response.status_code == 415


@pytest.mark.parametrize(
    "data, field, message",
    [
        ({"code": "H1", "name_en": "Duplicate"}, "code", "Another site of this organization"),
        ({"code": "", "name_en": "Empty"}, "code", "This field may not be blank."),
        ({"code": "X" * 31, "name_en": "Long"}, "code", "no more than 30 characters"),
        ({"code": "H9"}, "name_en", "This field is required."),
        ({"code": {"a": 1}, "name_en": "Odd"}, "code", "Not a valid string."),
        ({"code": "H9", "name_en": "x", "is_active": "perhaps"}, "is_active", "valid boolean"),
    ],
    ids=["duplicate", "blank", "too-long", "missing", "wrong-type", "bad-boolean"],
)
def test_site_validation_errors_are_400_with_field_messages(scene, data, field, message):
    before = tenant_state(scene.org)
    response = api_client(scene.world, "admin").post("/api/v1/sites/", data, format="json")
    assert response.status_code == 400
    errors = response.json()
    assert field in errors
    assert any(message in m for m in errors[field]), errors
    assert tenant_state(scene.org) == before


def test_changing_a_code_to_a_taken_one_is_400(scene):
    before = tenant_state(scene.org)
    response = api_client(scene.world, "admin").patch(
        f"/api/v1/sites/{scene.sites[1].pk}/", {"code": "H1"}, format="json"
    )
    assert response.status_code == 400
    assert response.json() == {"code": ["Another site of this organization has this code."]}
    assert tenant_state(scene.org) == before


ODD_QUERIES = [
    "?page=abc",
    "?page=999",
    "?page_size=-1",
    "?ordering=password",
    "?is_active=maybe",
    "?organization=abc",
    "?organization=99999999999999999999999",
    "?q=%00",
]


@pytest.mark.parametrize("query", ODD_QUERIES)
def test_odd_query_strings_do_not_break_lists(scene, query):
    response = api_client(scene.world, "admin").get("/api/v1/sites/" + query)
    assert response.status_code in (200, 400, 404)
    assert response["Content-Type"].startswith("application/json")


@pytest.mark.parametrize(
    "query, field",
    [("?created_after=yesterday", "created_after"), ("?action=explode", "action")],
)
def test_bad_audit_filters_are_400(scene, query, field):
    response = api_client(scene.world, "admin").get("/api/v1/audit-log/" + query)
    assert response.status_code == 400
    assert field in response.json()


# -- sites --------------------------------------------------------------------------------


def test_site_lifecycle_with_audit_entries(scene):
    client = api_client(scene.world, "admin")
    created = client.post(
        "/api/v1/sites/",
        {"code": "H9", "name_en": "Nine", "name_zh": "九号"},
        format="json",
        headers={"X-Request-ID": "api-create"},
    )
    assert created.status_code == 201, created.content
    body = created.json()
    # A member of one organization need not name it.
    assert body["organization"] == scene.org.pk
    assert (body["code"], body["name_zh"], body["is_active"]) == ("H9", "九号", True)
    pk = body["id"]
    entry = AuditEntry.objects.latest("pk")
    assert (entry.action, entry.object_id, entry.actor, entry.request_id) == (
        "create",
        str(pk),
        scene.users["admin"],
        "api-create",
    )
    assert client.get(f"/api/v1/sites/{pk}/").json()["name_en"] == "Nine"

    count = AuditEntry.objects.count()
    patched = client.patch(
        f"/api/v1/sites/{pk}/",
        {"name_en": "Nine West"},
        format="json",
        headers={"X-Request-ID": "p"},
    )
    assert patched.status_code == 200
    assert patched.json()["name_en"] == "Nine West"
    assert AuditEntry.objects.count() == count + 1
    entry = AuditEntry.objects.latest("pk")
    assert (entry.action, entry.request_id) == ("update", "p")
    assert (entry.before["name_en"], entry.after["name_en"]) == ("Nine", "Nine West")

    put = client.put(f"/api/v1/sites/{pk}/", {"code": "H10", "name_en": "Ten"}, format="json")
    assert put.status_code == 200
    assert put.json()["code"] == "H10"
    assert AuditEntry.objects.count() == count + 2

    deleted = client.delete(f"/api/v1/sites/{pk}/")
    assert deleted.status_code == 204
    assert not Site.objects.filter(pk=pk).exists()
    entry = AuditEntry.objects.latest("pk")
    assert (entry.action, entry.before["code"]) == ("delete", "H10")
    assert AuditEntry.objects.count() == count + 3
    assert client.get(f"/api/v1/sites/{pk}/").status_code == 404


def test_deleting_a_site_in_a_member_scope_is_refused(scene):
    before = tenant_state(scene.org)
    response = api_client(scene.world, "admin").delete(f"/api/v1/sites/{scene.sites[0].pk}/")
    assert response.status_code == 409  # valid request, but the site's state forbids it
    assert "scope of members" in response.json()["detail"]
    assert tenant_state(scene.org) == before


def test_site_list_filters_sorts_and_pages(scene):
    Site.objects.filter(pk=scene.sites[2].pk).update(is_active=False)
    client = api_client(scene.world, "admin")
    assert codes(client.get("/api/v1/sites/?q=h2")) == ["H2"]
    assert codes(client.get("/api/v1/sites/?is_active=0")) == ["H3"]
    assert codes(client.get("/api/v1/sites/?is_active=1")) == ["H1", "H2"]
    assert codes(client.get("/api/v1/sites/?ordering=-code")) == ["H3", "H2", "H1"]
    page = client.get("/api/v1/sites/?page_size=2").json()
    assert page["count"] == 3 and len(page["results"]) == 2 and page["next"]
    assert codes(client.get("/api/v1/sites/?page_size=2&page=2")) == ["H3"]


def test_joining_a_second_organization_does_not_break_the_first(scene):
    """A client written when its user had one organization keeps working after they join
    another: without a word about the organization, the API works in the first one."""
    admin = scene.users["admin"]
    client = token_client(scene.world, "admin")
    assert client.post("/api/v1/sites/", {"code": "N0", "name_en": "New"}).status_code == 201
    MembershipFactory(user=admin, organization=scene.other_org, role="admin")
    response = client.post("/api/v1/sites/", {"code": "N1", "name_en": "New"}, format="json")
    assert response.status_code == 201, response.content
    assert Site.objects.get(code="N1").organization == scene.org
    # The header picks the other one, and narrows lists as ?organization= does.
    theirs = {"HTTP_X_FUWU_ORGANIZATION": str(scene.other_org.pk)}
    response = client.post("/api/v1/sites/", {"code": "N2", "name_en": "New"}, **theirs)
    assert response.status_code == 201
    assert Site.objects.get(code="N2").organization == scene.other_org
    assert codes(client.get("/api/v1/sites/", **theirs)) == ["N2", "P1"]
    # The parameter wins over the header.
    response = client.post(
        "/api/v1/sites/", {"code": "N3", "name_en": "New", "organization": scene.org.pk}, **theirs
    )
    assert Site.objects.get(code="N3").organization == scene.org
    # A header naming an organization that is not yours is refused, not ignored.
    stranger = OrganizationFactory(slug="stranger")
    for wrong in ["abc", "0", str(stranger.pk), "99999999999999999999999"]:
        response = client.post(
            "/api/v1/sites/",
            {"code": "N4", "name_en": "New"},
            HTTP_X_FUWU_ORGANIZATION=wrong,
        )
        assert response.status_code == 400, wrong
        assert response.json() == {"organization": ["Choose one of your organizations."]}
    assert not Site.objects.filter(code="N4").exists()


def test_an_organization_named_wrongly_is_refused(scene, twin):
    client = api_client(scene.world, "twin")
    assert len(client.get("/api/v1/sites/").json()["results"]) == 4  # both organizations
    before = tenant_state(scene.org), tenant_state(scene.other_org)
    for wrong in ["abc", 0, -1, "99999999999999999999999", {"id": scene.org.pk}]:
        response = client.post(
            "/api/v1/sites/", {"code": "N1", "name_en": "New", "organization": wrong}, format="json"
        )
        assert response.status_code == 400, wrong
        assert response.json() == {"organization": ["Choose one of your organizations."]}
    assert (tenant_state(scene.org), tenant_state(scene.other_org)) == before
    response = client.post(
        "/api/v1/sites/",
        {"code": "N1", "name_en": "New", "organization": scene.other_org.pk},
        format="json",
    )
    assert response.status_code == 201
    assert Site.objects.get(code="N1").organization == scene.other_org
    narrowed = client.get(f"/api/v1/sites/?organization={scene.other_org.pk}")
    assert codes(narrowed) == ["N1", "P1"]


def test_a_superuser_without_membership_says_which_organization(scene):
    client = api_client(scene.world, "root")
    response = client.post("/api/v1/sites/", {"code": "N1", "name_en": "New"}, format="json")
    assert response.status_code == 400
    assert response.json() == {"organization": ["Say which organization this is for."]}
    assert not Site.objects.filter(code="N1").exists()


# -- members -----------------------------------------------------------------------------


def test_member_create_patch_and_deactivate(scene):
    client = api_client(scene.world, "admin")
    count = AuditEntry.objects.count()
    created = client.post(
        "/api/v1/members/",
        {
            "username": "li.na",
            "email": "li.na@example.com",
            "first_name": "Na",
            "last_name": "Li",
            "password": "Harbour-Lantern-42",
            "role": "staff",
            "all_sites": False,
            "sites": [scene.sites[1].pk],
        },
        format="json",
    )
    assert created.status_code == 201, created.content
    body = created.json()
    assert (body["username"], body["full_name"], body["email"]) == (
        "li.na",
        "Na Li",
        "li.na@example.com",
    )
    assert (body["role"], body["all_sites"], body["sites"]) == ("staff", False, [scene.sites[1].pk])
    assert "password" not in body
    assert User.objects.get(username="li.na").check_password("Harbour-Lantern-42")
    assert AuditEntry.objects.count() == count + 1
    pk = body["id"]

    patched = client.patch(
        f"/api/v1/members/{pk}/",
        {"role": "site_manager", "sites": [scene.sites[1].pk, scene.sites[2].pk]},
        format="json",
    )
    assert patched.status_code == 200
    assert patched.json()["role"] == "site_manager"
    assert sorted(patched.json()["sites"]) == sorted([scene.sites[1].pk, scene.sites[2].pk])
    assert AuditEntry.objects.count() == count + 2

    widened = client.patch(f"/api/v1/members/{pk}/", {"all_sites": True}, format="json")
    assert (widened.json()["all_sites"], widened.json()["sites"]) == (True, [])

    deleted = client.delete(f"/api/v1/members/{pk}/")
    assert deleted.status_code == 204
    membership = Membership.objects.get(pk=pk)  # kept, so its history stays attributable
    assert membership.is_active is False
    assert client.get(f"/api/v1/members/{pk}/").json()["is_active"] is False
    assert AuditEntry.objects.count() == count + 4
    # Listed among the inactive members.
    assert api_client(scene.world, "admin").get("/api/v1/members/?is_active=0").json()["count"] == 1


@pytest.mark.parametrize(
    "data, field",
    [
        ({"role": "staff"}, "username"),
        ({"username": "viewer", "role": "staff"}, "username"),
        ({"username": "has space", "role": "staff"}, "username"),
        ({"username": "new1", "role": "owner"}, "role"),
        ({"username": "new1"}, "role"),
        ({"username": "new1", "role": "staff", "all_sites": False}, "sites"),
        ({"username": "new1", "role": "staff", "all_sites": False, "sites": ["x"]}, "sites"),
        ({"username": "new1", "role": "staff", "all_sites": False, "sites": [0]}, "sites"),
        ({"username": "new1", "role": "staff", "password": "123"}, "password"),
        ({"username": "new1", "role": "staff", "email": "not-an-email"}, "email"),
    ],
    ids=[
        "no-username",
        "already-member",
        "bad-username",
        "bad-role",
        "no-role",
        "no-scope",
        "site-not-a-number",
        "site-zero",
        "weak-password",
        "bad-email",
    ],
)
def test_member_create_errors(scene, data, field):
    before = tenant_state(scene.org)
    users = User.objects.count()
    response = api_client(scene.world, "admin").post("/api/v1/members/", data, format="json")
    assert response.status_code == 400
    assert field in response.json(), response.json()
    assert tenant_state(scene.org) == before
    assert User.objects.count() == users


def test_member_scope_cannot_name_other_organization_sites(scene):
    before = tenant_state(scene.org)
    client = api_client(scene.world, "admin")
    response = client.post(
        "/api/v1/members/",
        {"username": "new1", "role": "staff", "all_sites": False, "sites": [scene.other_site.pk]},
        format="json",
    )
    assert response.status_code == 400
    assert response.json() == {"sites": ["Choose sites of this organization only."]}
    response = client.patch(
        f"/api/v1/members/{scene.membership('viewer').pk}/",
        {"all_sites": False, "sites": [scene.other_site.pk]},
        format="json",
    )
    assert response.status_code == 400
    assert tenant_state(scene.org) == before


@pytest.mark.parametrize(
    "method, data, message",
    [
        ("patch", {"role": "viewer"}, "You cannot remove your own administrator rights."),
        ("patch", {"is_active": False}, "You cannot remove your own administrator rights."),
        ("delete", None, "You cannot deactivate yourself."),
    ],
    ids=["demote", "deactivate", "delete"],
)
def test_member_cannot_demote_themself(scene, method, data, message):
    before = tenant_state(scene.org)
    client = api_client(scene.world, "admin")
    url = f"/api/v1/members/{scene.membership('admin').pk}/"
    response = client.patch(url, data, format="json") if data else client.delete(url)
    assert response.status_code == 400
    assert response.json() == {"non_field_errors": [message]}
    assert tenant_state(scene.org) == before


def test_member_put_needs_a_role(scene):
    url = f"/api/v1/members/{scene.membership('viewer').pk}/"
    response = api_client(scene.world, "admin").put(url, {"all_sites": True}, format="json")
    assert response.status_code == 400
    assert "role" in response.json()


# -- per role ---------------------------------------------------------------------------


def role_client(scene, role: str) -> APIClient:
    return token_client(scene.world, role)


@pytest.mark.parametrize("role", ROLES)
def test_site_list_per_role(scene, role):
    response = role_client(scene, role).get("/api/v1/sites/")
    assert response.status_code == 200
    expected = {"root": ["H1", "H2", "H3", "P1"]}.get(role)
    expected = expected or (["H1"] if role in SCOPED else ["H1", "H2", "H3"])
    assert codes(response) == expected


@pytest.mark.parametrize("role", ROLES)
def test_site_writes_per_role(scene, role):
    client = role_client(scene, role)
    before = tenant_state(scene.org)
    data = {"code": "H9", "name_en": "Nine", "organization": scene.org.pk}
    create = client.post("/api/v1/sites/", data, format="json")
    patch = client.patch(f"/api/v1/sites/{scene.sites[0].pk}/", {"name_en": "x"}, format="json")
    delete = client.delete(f"/api/v1/sites/{scene.sites[2].pk}/")
    statuses = (create.status_code, patch.status_code, delete.status_code)
    if role in ADMINS:
        assert statuses == (201, 200, 204)
    else:
        assert statuses == (403, 403, 404 if role in SCOPED else 403)
        assert tenant_state(scene.org) == before


@pytest.mark.parametrize("role", ROLES)
def test_member_writes_per_role(scene, role):
    client = role_client(scene, role)
    before = tenant_state(scene.org)
    members = client.get("/api/v1/members/")
    assert members.status_code == 200
    assert {"admin", "viewer", "staff"} <= {m["username"] for m in members.json()["results"]}
    data = {"username": "new1", "role": "staff", "organization": scene.org.pk}
    create = client.post("/api/v1/members/", data, format="json")
    viewer = scene.membership("viewer").pk
    patch = client.patch(f"/api/v1/members/{viewer}/", {"role": "auditor"}, format="json")
    staff = scene.membership("staff").pk
    delete = client.delete(f"/api/v1/members/{staff}/")
    statuses = (create.status_code, patch.status_code, delete.status_code)
    if role in ADMINS:
        assert statuses == (201, 200, 204)
    else:
        assert statuses == (403, 403, 403)
        assert tenant_state(scene.org) == before
        assert not User.objects.filter(username="new1").exists()


@pytest.mark.parametrize("role", ROLES)
def test_audit_log_per_role(scene, role):
    client = role_client(scene, role)
    response = client.get("/api/v1/audit-log/")
    detail = client.get(f"/api/v1/audit-log/{scene.audit_entry.pk}/")
    if role not in AUDIT_READERS:
        # Refused as the audit trail page refuses them, not an empty list.
        assert (response.status_code, detail.status_code) == (403, 403)
        return
    assert response.status_code == 200
    results = response.json()["results"]
    assert scene.audit_entry.pk in [e["id"] for e in results]
    assert detail.status_code == 200
    body = detail.json()
    assert (body["actor"], body["hash"]) == ("admin", scene.audit_entry.hash)
    if role != "root":
        assert scene.other_audit_entry.pk not in [e["id"] for e in results]


def test_audit_log_filters_and_is_read_only(scene):
    client = api_client(scene.world, "auditor")
    assert client.get("/api/v1/audit-log/?action=update").json()["count"] == 1
    assert client.get("/api/v1/audit-log/?action=delete").json()["count"] == 0
    assert client.get("/api/v1/audit-log/?object_type=core.site").json()["count"] == 1
    assert client.get(f"/api/v1/audit-log/?q={LAKESIDE_MARK}").json()["count"] == 1
    before = tenant_state(scene.org)
    admin = api_client(scene.world, "admin")
    assert admin.post("/api/v1/audit-log/", {"action": "create"}, format="json").status_code == 405
    url = f"/api/v1/audit-log/{scene.audit_entry.pk}/"
    assert admin.put(url, {"action": "create"}, format="json").status_code == 405
    assert admin.delete(url).status_code == 405
    assert tenant_state(scene.org) == before


@pytest.mark.parametrize("role", ROLES)
def test_organizations_per_role(scene, role):
    client = role_client(scene, role)
    listed = client.get("/api/v1/organizations/").json()
    slugs = [o["slug"] for o in listed["results"]]
    assert slugs == (["harbor", "lakeside"] if role == "root" else ["lakeside"])
    data = {"name_en": "New Co", "slug": "newco", "default_language": "en"}
    create = client.post("/api/v1/organizations/", data, format="json")
    patch = client.patch(
        f"/api/v1/organizations/{scene.org.pk}/", {"name_en": "Renamed"}, format="json"
    )
    delete = client.delete(f"/api/v1/organizations/{scene.org.pk}/")
    assert delete.status_code == 405
    if role == "root":
        assert (create.status_code, patch.status_code) == (201, 200)
        org = Organization.objects.get(slug="newco")
        creations = AuditEntry.objects.filter(organization=org, object_type="core.organization")
        assert creations.count() == 1
        assert Organization.objects.get(pk=scene.org.pk).name_en == "Renamed"
    else:
        assert (create.status_code, patch.status_code) == (403, 403)
        assert not Organization.objects.filter(slug="newco").exists()
        assert Organization.objects.get(pk=scene.org.pk).name_en == "Lakeside Hotels"


def test_duplicate_organization_slug_is_400(world):
    response = api_client(world, "root").post(
        "/api/v1/organizations/",
        {"name_en": "Again", "slug": "lakeside", "default_language": "en"},
        format="json",
    )
    assert response.status_code == 400
    assert "slug" in response.json()


# -- OpenAPI ----------------------------------------------------------------------------


def test_openapi_schema(db):
    response = Client().get("/api/schema/?format=json")
    assert response.status_code == 200
    schema = json.loads(response.content)
    validate_schema(schema)
    paths = set(schema["paths"])
    for path in [
        "/api/v1/auth/token/",
        "/api/v1/organizations/",
        "/api/v1/organizations/{id}/",
        "/api/v1/sites/",
        "/api/v1/sites/{id}/",
        "/api/v1/members/",
        "/api/v1/members/{id}/",
        "/api/v1/audit-log/",
        "/api/v1/audit-log/{id}/",
    ]:
        assert path in paths, path
    assert set(schema["paths"]["/api/v1/sites/{id}/"]) >= {"get", "put", "patch", "delete"}
    assert "delete" not in schema["paths"]["/api/v1/audit-log/{id}/"]
    # Clients learn how to send the token.
    assert schema["components"]["securitySchemes"]["tokenAuth"] == {
        "type": "apiKey",
        "in": "header",
        "name": "Authorization",
        "description": 'Token-based authentication with required prefix "Token"',
    }


def test_swagger_ui_uses_only_local_files(db):
    client = Client()
    response = client.get("/api/docs/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "swagger-ui" in html
    foreign = [u for u in re.findall(r"(?:https?:)?//[\w.-]+[^\s\"'<>]*", html)]
    assert foreign == [], foreign
    assets = re.findall(r'(?:src|href)="([^"]+)"', html)
    assert any(a.endswith("swagger-ui-bundle.js") for a in assets)
    for asset in assets:
        assert asset.startswith("/static/"), asset
        assert client.get(asset).status_code == 200, asset
