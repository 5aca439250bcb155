"""Tenant isolation, endpoint by endpoint.

A user of the other organization (`outsider`, administrator of Harbor) tries
every list, detail, edit, delete, history and export of every register of
Lakeside, in the web UI and in the API: lists and exports show none of our
data, our objects answer 404 (403 where the whole register is closed to them)
and nothing changes in the database. Then site scope: the site manager of
sites[0] sees and exports only that site.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from fuwu.core import services
from fuwu.core.models import Attachment, Membership, Role, Site
from tests.factories import MembershipFactory, UserFactory

from .conftest import (
    HARBOR_MARK,
    LAKESIDE_MARK,
    SMALL_PDF,
    api_client,
    content_of,
    csv_rows,
    tenant_state,
    token_client,
    xlsx_rows,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def our_attachment(scene, media) -> Attachment:
    return services.attachment_add(
        actor=scene.users["admin"],
        record=scene.sites[0],
        upload=SimpleUploadedFile("plan.pdf", SMALL_PDF, content_type="application/pdf"),
    )


# -- the web UI ----------------------------------------------------------------


def _site(s):
    return s.sites[0].pk


def _member(s):
    return s.membership("viewer").pk


def _entry(s):
    return s.audit_entry.pk


def _org(s):
    return s.org.pk


SITE_POST = {"code": "HACKED", "name_en": "Hacked", "is_active": "on"}
MEMBER_POST = {"role": Role.ADMIN, "all_sites": "on", "is_active": "on"}
ORG_POST = {"name_en": "Hacked", "slug": "hacked", "default_language": "en", "is_active": "on"}


@dataclass
class Case:
    method: str
    path: str  # with {pk} for the object
    pk: Any = None  # scene -> pk
    data: dict | None = None
    status: int = 404

    def url(self, scene) -> str:
        return self.path.format(pk=self.pk(scene)) if self.pk else self.path


UI_OBJECT_CASES = {
    # Sites: our objects are simply not there for them.
    "site-detail": Case("get", "/sites/{pk}/", _site),
    "site-edit-form": Case("get", "/sites/{pk}/edit/", _site),
    "site-edit": Case("post", "/sites/{pk}/edit/", _site, SITE_POST),
    "site-delete-form": Case("get", "/sites/{pk}/delete/", _site),
    "site-delete": Case("post", "/sites/{pk}/delete/", _site, {}),
    "site-history": Case("get", "/sites/{pk}/history/", _site),
    # Members (never deleted: the delete URL does not exist at all).
    "member-detail": Case("get", "/members/{pk}/", _member),
    "member-edit-form": Case("get", "/members/{pk}/edit/", _member),
    "member-edit": Case("post", "/members/{pk}/edit/", _member, MEMBER_POST),
    "member-delete": Case("post", "/members/{pk}/delete/", _member, {}),
    "member-history": Case("get", "/members/{pk}/history/", _member),
    # The audit trail is read-only for everyone.
    "audit-detail": Case("get", "/audit/{pk}/", _entry),
    "audit-edit": Case("post", "/audit/{pk}/edit/", _entry, {"action": "delete"}),
    "audit-delete": Case("post", "/audit/{pk}/delete/", _entry, {}),
    "audit-history": Case("get", "/audit/{pk}/history/", _entry),
    # The organizations register is for superusers only: closed, 403.
    "org-list": Case("get", "/organizations/", status=403),
    "org-export-csv": Case("get", "/organizations/?export=csv", status=403),
    "org-export-xlsx": Case("get", "/organizations/?export=xlsx", status=403),
    "org-detail": Case("get", "/organizations/{pk}/", _org, status=403),
    "org-edit-form": Case("get", "/organizations/{pk}/edit/", _org, status=403),
    "org-edit": Case("post", "/organizations/{pk}/edit/", _org, ORG_POST, status=403),
    "org-add": Case("post", "/organizations/add/", None, ORG_POST, status=403),
    "org-delete": Case("post", "/organizations/{pk}/delete/", _org, {}),
    "org-history": Case("get", "/organizations/{pk}/history/", _org, status=403),
    # Attachments of our records.
    "attachment-upload": Case("post", "/attachments/core.site/{pk}/add/", _site, {}),
}


@pytest.mark.parametrize("case", UI_OBJECT_CASES.values(), ids=UI_OBJECT_CASES.keys())
def test_ui_other_organization_cannot_reach_our_objects(scene, media, case):
    client = scene.client("outsider")
    before = tenant_state(scene.org)
    data = dict(case.data or {})
    if case.path.startswith("/attachments/"):
        data["file"] = SimpleUploadedFile("x.pdf", SMALL_PDF)
    if case.method == "post":
        response = client.post(case.url(scene), data)
    else:
        response = client.get(case.url(scene))
    assert response.status_code == case.status
    assert LAKESIDE_MARK not in content_of(response)
    assert tenant_state(scene.org) == before


@pytest.mark.parametrize("action", ["download", "remove"])
def test_ui_other_organization_cannot_reach_our_attachments(scene, our_attachment, action):
    client = scene.client("outsider")
    before = tenant_state(scene.org)
    if action == "download":
        response = client.get(f"/attachments/{our_attachment.pk}/")
    else:
        response = client.post(f"/attachments/{our_attachment.pk}/remove/")
    assert response.status_code == 404
    assert b"%PDF" not in response.content
    assert tenant_state(scene.org) == before
    assert Attachment.objects.filter(pk=our_attachment.pk).exists()


UI_LISTS = ["/sites/", "/members/", "/audit/"]
UI_LIST_VIEWS = [
    *UI_LISTS,
    *(f"{url}?export={fmt}" for url in UI_LISTS for fmt in ("csv", "xlsx")),
    *(f"{url}?q={LAKESIDE_MARK}" for url in UI_LISTS),
    *(f"{url}?q={LAKESIDE_MARK}&export=csv" for url in UI_LISTS),
]


@pytest.mark.parametrize("url", UI_LIST_VIEWS)
def test_ui_lists_and_exports_show_only_own_organization(scene, url):
    client = scene.client("outsider")
    before = tenant_state(scene.org)
    searching_page = "q=" in url and "export=" not in url
    # A search page echoes the query in its form: look at the results alone (HTMX).
    headers = {"HX-Request": "true"} if searching_page else {}
    response = client.get(url, headers=headers)
    assert response.status_code == 200
    text = content_of(response)
    if searching_page:
        assert 'data-testid="register-empty"' in text
    assert LAKESIDE_MARK not in text
    assert LAKESIDE_MARK.lower() not in text.lower()
    if "q=" not in url:
        assert HARBOR_MARK in text, "the other organization still sees its own rows"
    assert tenant_state(scene.org) == before


def test_ui_our_own_lists_do_not_show_the_other_organization(scene):
    client = scene.client("admin")
    for url in ["/sites/", "/members/", "/audit/", "/sites/?export=csv", "/audit/?export=xlsx"]:
        text = content_of(client.get(url))
        assert LAKESIDE_MARK in text, url
        assert HARBOR_MARK not in text, url


def test_ui_other_organization_audit_entry_is_not_ours_either(scene):
    """Symmetric: our admin cannot open Harbor's audit entry or site by id."""
    client = scene.client("admin")
    assert client.get(f"/audit/{scene.other_audit_entry.pk}/").status_code == 404
    assert client.get(f"/sites/{scene.other_site.pk}/").status_code == 404
    assert client.get(f"/sites/{scene.other_site.pk}/history/").status_code == 404


# -- the API -------------------------------------------------------------------

API_OBJECT_CASES = {
    "org-detail": Case("get", "/api/v1/organizations/{pk}/", _org),
    "org-patch": Case("patch", "/api/v1/organizations/{pk}/", _org, {"name_en": "Hacked"}),
    "org-put": Case("put", "/api/v1/organizations/{pk}/", _org, ORG_POST),
    # Organizations are never deleted, by anyone: the method does not exist.
    "org-delete": Case("delete", "/api/v1/organizations/{pk}/", _org, status=405),
    "site-detail": Case("get", "/api/v1/sites/{pk}/", _site),
    "site-patch": Case("patch", "/api/v1/sites/{pk}/", _site, {"name_en": "Hacked"}),
    "site-put": Case("put", "/api/v1/sites/{pk}/", _site, {"code": "X", "name_en": "Hacked"}),
    "site-delete": Case("delete", "/api/v1/sites/{pk}/", _site),
    "member-detail": Case("get", "/api/v1/members/{pk}/", _member),
    "member-patch": Case("patch", "/api/v1/members/{pk}/", _member, {"role": "admin"}),
    "member-put": Case("put", "/api/v1/members/{pk}/", _member, {"role": "admin"}),
    "member-delete": Case("delete", "/api/v1/members/{pk}/", _member),
    "audit-detail": Case("get", "/api/v1/audit-log/{pk}/", _entry),
    # The audit log is read-only for everyone.
    "audit-patch": Case("patch", "/api/v1/audit-log/{pk}/", _entry, {"action": "x"}, 405),
    "audit-delete": Case("delete", "/api/v1/audit-log/{pk}/", _entry, status=405),
}


@pytest.fixture(params=["session", "token"])
def outsider_api(request, scene):
    make = api_client if request.param == "session" else token_client
    return make(scene.world, "outsider")


@pytest.mark.parametrize("case", API_OBJECT_CASES.values(), ids=API_OBJECT_CASES.keys())
def test_api_other_organization_cannot_reach_our_objects(scene, outsider_api, case):
    before = tenant_state(scene.org)
    call = getattr(outsider_api, case.method)
    if case.data is not None:
        response = call(case.url(scene), case.data, format="json")
    else:
        response = call(case.url(scene))
    assert response.status_code == case.status
    assert response["Content-Type"].startswith("application/json")
    assert LAKESIDE_MARK not in response.content.decode()
    assert tenant_state(scene.org) == before


API_LISTS = {
    "organizations": "/api/v1/organizations/",
    "sites": "/api/v1/sites/",
    "members": "/api/v1/members/",
    "audit-log": "/api/v1/audit-log/",
}


@pytest.mark.parametrize("name", API_LISTS)
@pytest.mark.parametrize("query", ["", "?organization={org}", f"?q={LAKESIDE_MARK}"])
def test_api_lists_show_only_own_organization(scene, outsider_api, name, query):
    response = outsider_api.get(API_LISTS[name] + query.format(org=scene.org.pk))
    assert response.status_code == 200
    body = response.json()
    text = response.content.decode()
    assert LAKESIDE_MARK not in text
    assert "Lakeside" not in text
    for row in body["results"]:
        assert row.get("organization", row["id"]) == scene.other_org.pk
    if not query:
        assert body["count"] >= 1, "the other organization still sees its own rows"


@pytest.mark.parametrize(
    "url, data",
    [
        ("/api/v1/sites/", {"code": "INTRUDE", "name_en": "Intruder"}),
        ("/api/v1/members/", {"username": "intruder", "role": "admin"}),
    ],
)
def test_api_cannot_create_in_our_organization(scene, outsider_api, url, data):
    before = tenant_state(scene.org)
    response = outsider_api.post(url, {**data, "organization": scene.org.pk}, format="json")
    assert response.status_code == 400
    assert "organization" in response.json()
    assert tenant_state(scene.org) == before
    assert not Site.objects.filter(code="INTRUDE").exists()


def test_api_superuser_only_creates_organizations(scene, outsider_api):
    response = outsider_api.post("/api/v1/organizations/", ORG_POST, format="json")
    assert response.status_code == 403
    assert not scene.org.__class__.objects.filter(slug="hacked").exists()


# -- site scope ------------------------------------------------------------------


def test_site_manager_sees_only_own_site_in_list(scene):
    client = scene.client("manager")
    text = client.get("/sites/").content.decode()
    assert f"{LAKESIDE_MARK} H1 Hotel" in text
    assert "H2 Hotel" not in text
    assert "H3 Hotel" not in text
    assert "Showing 1 to 1 of 1" in text


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_site_manager_exports_only_own_site(scene, fmt):
    response = scene.client("manager").get(f"/sites/?export={fmt}")
    assert response.status_code == 200
    rows = csv_rows(response) if fmt == "csv" else xlsx_rows(response)
    assert [row[0] for row in rows[1:]] == ["H1"]


def test_site_manager_sees_only_own_site_in_api(scene):
    client = api_client(scene.world, "manager")
    body = client.get("/api/v1/sites/").json()
    assert [row["code"] for row in body["results"]] == ["H1"]
    assert client.get(f"/api/v1/sites/{scene.sites[1].pk}/").status_code == 404
    assert client.get("/api/v1/sites/?q=H2").json()["count"] == 0


@pytest.mark.parametrize("username", ["manager", "staff"])
def test_site_scoped_users_cannot_change_any_site(scene, username):
    client = scene.client(username)
    before = tenant_state(scene.org)
    own, other = scene.sites[0].pk, scene.sites[1].pk
    # Their own site: visible, but only administrators manage sites.
    assert client.get(f"/sites/{own}/").status_code == 200
    assert client.get(f"/sites/{own}/edit/").status_code == 403
    assert client.post(f"/sites/{own}/edit/", SITE_POST).status_code == 403
    # Another site: not even there.
    for url in [f"/sites/{other}/", f"/sites/{other}/edit/", f"/sites/{other}/history/"]:
        assert client.get(url).status_code == 404, url
    assert client.post(f"/sites/{other}/edit/", SITE_POST).status_code == 404
    assert client.post(f"/sites/{other}/delete/").status_code == 404
    api = api_client(scene.world, username)
    assert api.patch(f"/api/v1/sites/{own}/", {"name_en": "x"}, format="json").status_code == 403
    assert api.patch(f"/api/v1/sites/{other}/", {"name_en": "x"}, format="json").status_code == 404
    assert api.delete(f"/api/v1/sites/{other}/").status_code == 404
    assert tenant_state(scene.org) == before


@pytest.fixture
def scoped_admin(scene):
    user = UserFactory(username="scopedadmin")
    MembershipFactory(user=user, organization=scene.org, role=Role.ADMIN, sites=[scene.sites[0]])
    scene.users["scopedadmin"] = user
    return user


def test_site_scoped_administrator_manages_only_own_site(scene, scoped_admin):
    client = scene.client("scopedadmin")
    own, other = scene.sites[0], scene.sites[1]
    response = client.post(
        f"/sites/{own.pk}/edit/", {"code": "H1", "name_en": "Renamed", "is_active": "on"}
    )
    assert response.status_code == 302
    own.refresh_from_db()
    assert own.name_en == "Renamed"
    before = tenant_state(scene.org)
    assert client.get(f"/sites/{other.pk}/edit/").status_code == 404
    assert client.post(f"/sites/{other.pk}/edit/", SITE_POST).status_code == 404
    assert client.post(f"/sites/{other.pk}/delete/").status_code == 404
    api = api_client(scene.world, "scopedadmin")
    assert api.patch(f"/api/v1/sites/{other.pk}/", {"name_en": "x"}, format="json").status_code == (
        404
    )
    assert tenant_state(scene.org) == before


def test_site_scope_in_the_members_site_filter(scene):
    """The site filter of the member list offers only the manager's sites."""
    text = scene.client("manager").get("/members/").content.decode()
    assert f'value="{scene.sites[0].pk}"' in text
    assert f'value="{scene.sites[1].pk}"' not in text


def test_deactivated_membership_loses_access(scene):
    Membership.objects.filter(user=scene.users["viewer"]).update(is_active=False)
    client = scene.client("viewer")
    assert client.get("/sites/").status_code == 403
    assert client.get(f"/sites/{scene.sites[0].pk}/").status_code == 403
    body = api_client(scene.world, "viewer").get("/api/v1/sites/").json()
    assert body["count"] == 0


# -- service design ------------------------------------------------------------------


@dataclass
class DesignScene:
    """The scene with a marked contact point, specification, item, characteristic,
    indicator and activity in Lakeside, and Harbor's own marked rows."""

    scene: Any
    point: Any
    specification: Any
    item: Any
    characteristic: Any
    indicator: Any
    activity: Any

    def __getattr__(self, name: str) -> Any:
        return getattr(self.scene, name)


def _design_rows(actor: Any, organization: Any, mark: str, sites: list) -> dict[str, Any]:
    from fuwu.design import services as design
    from fuwu.design.models import Characteristic

    design.seed_reference_data(organization)
    point = design.contact_point_create(
        actor=actor,
        organization=organization,
        data={"code": "CP1", "name_en": f"{mark} desk", "stage": "during", "sites": sites},
    )
    characteristic = design.characteristic_update(
        actor=actor,
        characteristic=Characteristic.objects.get(organization=organization, key="personnel"),
        data={"name_en": f"{mark} people"},
    )
    return {
        "point": point,
        "characteristic": characteristic,
        "indicator": design.indicator_create(
            actor=actor,
            organization=organization,
            data={"characteristic": characteristic, "name_en": f"{mark} smiles"},
        ),
        "activity": design.activity_create(
            actor=actor,
            organization=organization,
            data={"stage": "after", "name_en": f"{mark} thank-you card"},
        ),
    }


@pytest.fixture
def design_scene(scene) -> DesignScene:
    from fuwu.design import services as design

    admin = scene.users["admin"]
    _design_rows(scene.users["outsider"], scene.other_org, HARBOR_MARK, [scene.other_site])
    ours = _design_rows(admin, scene.org, LAKESIDE_MARK, scene.sites[:1])
    specification = design.specification_start(actor=admin, point=ours["point"], kind="service")
    item = design.item_create(
        actor=admin,
        specification=specification,
        data={"category": "scope", "text_en": f"{LAKESIDE_MARK} greets"},
    )
    return DesignScene(scene=scene, specification=specification, item=item, **ours)


def _point(d):
    return d.point.pk


def _spec(d):
    return f"{d.point.pk}/specifications/{d.specification.pk}"


def _item(d):
    return f"{_spec(d)}/items/{d.item.pk}"


def _characteristic(d):
    return d.characteristic.pk


def _indicator(d):
    return d.indicator.pk


def _activity(d):
    return d.activity.pk


CP = "/api/v1/contact-points/{pk}/"
DESIGN_API_OBJECT_CASES = {
    "point-detail": Case("get", CP, _point),
    "point-patch": Case("patch", CP, _point, {"name_en": "Hacked"}),
    "point-delete": Case("delete", CP, _point),
    "specifications": Case("get", CP + "specifications/", _point),
    "specification-start": Case("post", CP + "specifications/", _point, {"kind": "control"}),
    "specification-detail": Case("get", CP, _spec),
    "items": Case("get", CP + "items/", _spec),
    "item-add": Case("post", CP + "items/", _spec, {"category": "scope", "text_en": "x"}),
    "not-applicable": Case(
        "post", CP + "items/not-applicable/", _spec, {"category": "scope", "reason": "x"}
    ),
    "item-detail": Case("get", CP, _item),
    "item-patch": Case("patch", CP, _item, {"text_en": "Hacked"}),
    "item-delete": Case("delete", CP, _item),
    "characteristic-detail": Case("get", "/api/v1/characteristics/{pk}/", _characteristic),
    "characteristic-patch": Case(
        "patch", "/api/v1/characteristics/{pk}/", _characteristic, {"name_en": "Hacked"}
    ),
    "indicator-detail": Case("get", "/api/v1/indicators/{pk}/", _indicator),
    "indicator-patch": Case("patch", "/api/v1/indicators/{pk}/", _indicator, {"name_en": "x"}),
    "indicator-delete": Case("delete", "/api/v1/indicators/{pk}/", _indicator),
    "activity-detail": Case("get", "/api/v1/contact-process/activities/{pk}/", _activity),
    "activity-patch": Case(
        "patch", "/api/v1/contact-process/activities/{pk}/", _activity, {"name_en": "x"}
    ),
    "activity-delete": Case("delete", "/api/v1/contact-process/activities/{pk}/", _activity),
}


@pytest.mark.parametrize(
    "case", DESIGN_API_OBJECT_CASES.values(), ids=DESIGN_API_OBJECT_CASES.keys()
)
def test_api_other_organization_cannot_reach_our_design(design_scene, outsider_api, case):
    before = tenant_state(design_scene.org)
    call = getattr(outsider_api, case.method)
    if case.data is not None:
        response = call(case.url(design_scene), case.data, format="json")
    else:
        response = call(case.url(design_scene))
    assert response.status_code == case.status
    assert LAKESIDE_MARK not in response.content.decode()
    assert tenant_state(design_scene.org) == before


DESIGN_API_LISTS = {
    "contact-points": "/api/v1/contact-points/",
    "activities": "/api/v1/contact-process/activities/",
    "characteristics": "/api/v1/characteristics/",
    "indicators": "/api/v1/indicators/",
}


@pytest.mark.parametrize("name", DESIGN_API_LISTS)
@pytest.mark.parametrize("query", ["", "?organization={org}", f"?q={LAKESIDE_MARK}"])
def test_api_design_lists_show_only_own_organization(design_scene, outsider_api, name, query):
    response = outsider_api.get(DESIGN_API_LISTS[name] + query.format(org=design_scene.org.pk))
    assert response.status_code == 200
    text = response.content.decode()
    assert LAKESIDE_MARK not in text
    assert "Lakeside" not in text
    body = response.json()
    assert all(row["organization"] == design_scene.other_org.pk for row in body["results"])
    if not query:
        assert HARBOR_MARK in text, "the other organization still sees its own rows"


def test_api_design_stages_are_of_ones_own_organization(design_scene, outsider_api):
    own = outsider_api.get("/api/v1/contact-process/stages/")
    assert own.status_code == 200
    assert HARBOR_MARK in own.content.decode()
    assert LAKESIDE_MARK not in own.content.decode()
    ours = outsider_api.get(f"/api/v1/contact-process/stages/?organization={design_scene.org.pk}")
    assert ours.status_code == 400
    assert LAKESIDE_MARK not in ours.content.decode()


def test_api_cannot_create_design_rows_in_our_organization(design_scene, outsider_api):
    before = tenant_state(design_scene.org)
    theirs = {"organization": design_scene.org.pk}
    for url, data in [
        ("/api/v1/contact-points/", {"code": "X", "name_en": "x", "stage": "during"}),
        ("/api/v1/contact-process/activities/", {"stage": "after", "name_en": "x"}),
        ("/api/v1/indicators/", {"characteristic": design_scene.characteristic.pk, "name_en": "x"}),
    ]:
        response = outsider_api.post(url, data | theirs, format="json")
        assert response.status_code == 400, url
        assert LAKESIDE_MARK not in response.content.decode()
    assert tenant_state(design_scene.org) == before


def test_site_scope_in_the_design_api(design_scene):
    """A site's own contact point of sites[1] is not there for the manager of sites[0]."""
    from fuwu.design import services as design

    theirs = design.contact_point_create(
        actor=design_scene.users["admin"],
        organization=design_scene.org,
        data={
            "code": "H2",
            "name_en": "Lobby bar",
            "stage": "during",
            "site": design_scene.sites[1],
        },
    )
    client = api_client(design_scene.world, "manager")
    codes = [row["code"] for row in client.get("/api/v1/contact-points/").json()["results"]]
    assert codes == ["CP1"]
    assert client.get(f"/api/v1/contact-points/{theirs.pk}/").status_code == 404
    assert client.get(f"/api/v1/contact-points/?site={design_scene.sites[1].pk}").status_code == 400
