"""The REST API of service design: the same services, permissions and tenancy as
the pages. Contact points, their specifications written item by item and moved
through the document endpoints, the contact process and the characteristic model,
and an OpenAPI schema without warnings."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from drf_spectacular.validation import validate_schema
from rest_framework.test import APIClient

from fuwu.core.models import AuditEntry, Role
from fuwu.design import services
from fuwu.design.models import (
    CATEGORIES,
    Characteristic,
    ContactActivity,
    ContactPoint,
    Indicator,
    ItemCategory,
    SpecificationItem,
)
from fuwu.documents.checklists import checklist_for
from tests.factories import MembershipFactory, UserFactory

from .conftest import INSPECTION, approve, fill, make_point, specified

pytestmark = pytest.mark.django_db

POINTS = "/api/v1/contact-points/"


def api(world: Any, username: str) -> APIClient:
    client = APIClient()
    client.default_format = "json"  # an unsent boolean is false in a form, unset in JSON
    client.force_authenticate(world.users[username])
    return client


def point_data(world: Any, code: str = "CI", **extra: Any) -> dict[str, Any]:
    return {
        "code": code,
        "name_en": "Check-in",
        "name_zh": "入住登记",
        "stage": "during",
        "order": 20,
        "channel": "in_person",
        "status": "active",
        "sites": [world.sites[0].pk, world.sites[1].pk],
    } | extra


def audited(object_type: str, action: str) -> int:
    return AuditEntry.objects.filter(object_type=object_type, action=action).count()


# -- contact points ------------------------------------------------------------------


def test_contact_point_crud_through_the_api_is_audited(world):
    client = api(world, "quality")
    created = client.post(
        POINTS,
        point_data(world, owner=world.users["manager"].pk, owner_role="site_manager"),
        format="json",
    )
    assert created.status_code == 201, created.json()
    body = created.json()
    assert body["organization"] == world.org.pk and body["site"] is None
    assert sorted(body["sites"]) == sorted(s.pk for s in world.sites[:2])
    assert (body["owner"], body["owner_role"]) == (world.users["manager"].pk, "site_manager")
    assert body["specifications"] == []
    pk = body["id"]
    assert audited("design.contactpoint", "create") == 1

    assert client.get(POINTS).json()["count"] == 1
    assert client.get(f"{POINTS}{pk}/").json()["code"] == "CI"
    patched = client.patch(f"{POINTS}{pk}/", {"name_en": "Arrival"}, format="json")
    assert patched.status_code == 200 and patched.json()["name_en"] == "Arrival"
    assert patched.json()["name_zh"] == "入住登记"  # PATCH keeps the rest
    put = client.put(f"{POINTS}{pk}/", point_data(world, sites=[world.sites[2].pk]), format="json")
    assert put.status_code == 200 and put.json()["sites"] == [world.sites[2].pk]
    assert audited("design.contactpoint", "update") == 2

    assert client.delete(f"{POINTS}{pk}/").status_code == 204
    assert not ContactPoint.objects.filter(pk=pk).exists()
    assert audited("design.contactpoint", "delete") == 1


def test_list_is_in_the_customers_order_and_filters(world):
    make_point(world, "PAY", stage="after", order=10)
    make_point(world, "WEB", stage="before", channel="web", manned=False)
    make_point(world, "FD", stage="during", sites=[world.sites[2]])
    client = api(world, "viewer")

    def codes(query: str = "") -> list[str]:
        response = client.get(POINTS + query)
        assert response.status_code == 200, response.json()
        return [row["code"] for row in response.json()["results"]]

    assert codes() == ["WEB", "FD", "PAY"]
    assert codes("?stage=before") == ["WEB"]
    assert codes("?manned=0") == ["WEB"]
    assert codes("?channel=web") == ["WEB"]
    assert codes(f"?site={world.sites[2].pk}") == ["FD"]
    assert codes("?q=front%20desk%20p") == ["PAY"]
    assert codes("?ordering=-code") == ["WEB", "PAY", "FD"]
    assert codes(f"?organization={world.org.pk}") == ["WEB", "FD", "PAY"]
    bad = client.get(POINTS + "?stage=never")
    assert bad.status_code == 400 and "stage" in bad.json()


def test_the_summary_of_specifications(world, point):
    service, _provision = specified(world, point, ["service", "provision"])
    services.specification_start(
        actor=world.users["quality"], point=point, kind="control", site=None
    )
    rows = api(world, "staff").get(f"{POINTS}{point.pk}/").json()["specifications"]
    by_kind = {row["kind"]: row for row in rows}
    assert by_kind["service"] == {
        "id": service.pk,
        "kind": "service",
        "local": False,
        "site": None,
        "document": service.document.pk,
        "number": service.document.number,
        "status": "approved",
        "approved_version": 1,
    }
    assert by_kind["control"]["status"] == "draft"
    assert by_kind["control"]["approved_version"] is None


def test_a_list_costs_the_same_queries_for_more_points(world):
    client = api(world, "viewer")

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(POINTS).status_code == 200
        return len(captured)

    specified(world, make_point(world, "A"), ["service"])
    few = queries()
    for code in ("B", "C", "D"):
        specified(world, make_point(world, code), ["service", "control"])
    assert queries() == few


@pytest.mark.parametrize(
    ("field", "value", "error"),
    [
        ("name_en", "", "name_en"),  # and no Chinese name either
        ("stage", "sometime", "stage"),
        ("channel", "pigeon", "channel"),
        ("code", "", "code"),
        ("code", "FD", "code"),  # taken
        ("sites", ["x"], "sites"),
    ],
)
def test_bad_input_answers_400_with_the_field(world, point, field, value, error):
    data = point_data(world) | {field: value}
    if field == "name_en":
        data["name_zh"] = ""
    response = api(world, "quality").post(POINTS, data, format="json")
    assert response.status_code == 400
    assert error in response.json(), response.json()


def test_related_fields_name_only_what_the_user_may_see(world):
    client = api(world, "quality")
    other_site = client.post(POINTS, point_data(world, sites=[world.other_site.pk]), format="json")
    assert other_site.status_code == 400 and "sites" in other_site.json()
    own = client.post(POINTS, point_data(world, site=world.other_site.pk), format="json")
    assert own.status_code == 400 and "site" in own.json()
    outsider = world.users["outsider"].pk
    owner = client.post(POINTS, point_data(world, owner=outsider), format="json")
    assert owner.status_code == 400 and "owner" in owner.json()
    assert not ContactPoint.objects.exists()


def test_a_point_with_specifications_is_retired_not_deleted(world, point):
    specified(world, point, ["service"])
    client = api(world, "quality")
    response = client.delete(f"{POINTS}{point.pk}/")
    assert response.status_code == 409
    assert "retired" in response.json()["detail"]
    retired = client.patch(f"{POINTS}{point.pk}/", {"status": "retired"}, format="json")
    assert retired.status_code == 200 and retired.json()["status"] == "retired"


@pytest.mark.parametrize(
    ("username", "status"),
    [
        ("admin", 201),
        ("quality", 201),
        ("manager", 403),  # the organization's points are not theirs to keep
        ("staff", 403),
        ("auditor", 403),
        ("viewer", 403),
        ("root", 201),
    ],
)
def test_who_may_add_an_organization_point(world, username, status):
    data = point_data(world, organization=world.org.pk, sites=[world.sites[0].pk])
    response = api(world, username).post(POINTS, data, format="json")
    assert response.status_code == status, response.json()
    if status == 403:
        assert response.json()["detail"]
        assert not ContactPoint.objects.exists()


def test_a_site_manager_keeps_only_their_sites_points(world, point):
    client = api(world, "manager")
    own = client.post(
        POINTS, point_data(world, "H1D", site=world.sites[0].pk, sites=[]), format="json"
    )
    assert own.status_code == 201, own.json()
    assert own.json()["sites"] == [world.sites[0].pk]  # deployed at its own site only
    other = client.post(
        POINTS, point_data(world, "H2D", site=world.sites[1].pk, sites=[]), format="json"
    )
    assert other.status_code == 400 and "site" in other.json()  # not a site they may name
    assert client.patch(
        f"{POINTS}{own.json()['id']}/", {"order": 5}, format="json"
    ).status_code == (200)
    refused = client.patch(f"{POINTS}{point.pk}/", {"name_en": "Mine"}, format="json")
    assert refused.status_code == 403
    assert client.delete(f"{POINTS}{point.pk}/").status_code == 403


def test_a_sites_own_point_is_seen_within_its_scope(world, point):
    theirs = make_point(world, "H2D", site=world.sites[1], sites=[])
    for username in ("manager", "staff"):
        client = api(world, username)
        codes = [row["code"] for row in client.get(POINTS).json()["results"]]
        assert codes == ["FD"], username
        assert client.get(f"{POINTS}{theirs.pk}/").status_code == 404
        assert client.get(f"{POINTS}{theirs.pk}/specifications/").status_code == 404
    assert api(world, "viewer").get(f"{POINTS}{theirs.pk}/").status_code == 200


def test_another_organization_sees_nothing(world, point):
    spec = specified(world, point, ["service"])[0]
    item = SpecificationItem.objects.filter(specification=spec).first()
    before = AuditEntry.objects.filter(organization=world.org).count()
    client = api(world, "outsider")
    assert client.get(POINTS).json()["count"] == 0
    assert client.get(f"{POINTS}?organization={world.org.pk}").json()["count"] == 0
    base = f"{POINTS}{point.pk}/"
    items = f"{base}specifications/{spec.pk}/items/"
    for url in (base, f"{base}specifications/", f"{base}specifications/{spec.pk}/", items):
        assert client.get(url).status_code == 404, url
    assert client.get(f"{items}{item.pk}/").status_code == 404
    assert client.patch(base, {"name_en": "x"}, format="json").status_code == 404
    assert client.delete(base).status_code == 404
    assert client.post(f"{base}specifications/", {"kind": "control"}).status_code == 404
    assert client.post(items, {"category": "scope", "text_en": "x"}).status_code == 404
    assert client.post(items, {"category": "nonsense"}).status_code == 404  # not a 400
    assert client.post(items + "not-applicable/", {}).status_code == 404
    assert client.delete(f"{items}{item.pk}/").status_code == 404
    data = point_data(world, organization=world.org.pk, sites=[])
    created = client.post(POINTS, data, format="json")
    assert created.status_code == 400 and "organization" in created.json()
    assert AuditEntry.objects.filter(organization=world.org).count() == before


# -- specifications and their items ------------------------------------------------------


def test_a_specification_written_and_approved_over_the_api(world, point):
    quality, admin, staff = api(world, "quality"), api(world, "admin"), api(world, "staff")
    base = f"{POINTS}{point.pk}/specifications/"
    started = quality.post(base, {"kind": "control"}, format="json")
    assert started.status_code == 201, started.json()
    spec = started.json()
    assert (spec["kind"], spec["clause"], spec["local"]) == ("control", "4.4.3.4", False)
    assert spec["versions"] == [{"number": 1, "status": "draft", "approved_at": None}]
    assert spec["approved"] is None and spec["open"]["items"] == []
    assert quality.post(base, {"kind": "control"}, format="json").status_code == 409

    items = f"{base}{spec['id']}/items/"
    extra = {"inspection": INSPECTION, "analysis": {"frequency": "quarterly"}}
    for category in CATEGORIES["control"]:
        if category == ItemCategory.IMPROVEMENT:
            continue
        data = {"category": category, "text_en": f"Do {category}"} | extra.get(category, {})
        added = quality.post(items, data, format="json")
        assert added.status_code == 201, added.json()
    assert added.json()["version"] == 1 and added.json()["applies"] is True
    not_applicable = quality.post(
        items + "not-applicable/",
        {"category": "improvement", "reason": "Improved centrally."},
        format="json",
    )
    assert not_applicable.status_code == 201, not_applicable.json()
    assert not_applicable.json()["applies"] is False
    assert quality.get(items).json()["count"] == 4
    assert audited("design.specificationitem", "create") == 4

    # Nothing for staff yet: the draft is not theirs to read.
    hidden = staff.get(f"{base}{spec['id']}/").json()
    assert hidden["versions"] == [] and hidden["approved"] is None and hidden["open"] is None
    assert staff.get(items).json()["count"] == 0

    document = spec["document"]["id"]
    version = f"/api/v1/documents/{document}/versions/1/"
    assert quality.post(version + "submit/").json()["status"] == "in_review"
    late = {"category": "inspection", "text_en": "Late"} | INSPECTION
    in_review = quality.post(items, late, format="json")
    assert in_review.status_code == 409
    keys = [item.key for item in checklist_for(point.specifications.get().document)]
    approved = admin.post(version + "approve/", {"checklist": keys}, format="json")
    assert approved.status_code == 200, approved.json()

    shown = staff.get(f"{base}{spec['id']}/").json()
    assert shown["document"]["status"] == "approved" and shown["open"] is None
    assert shown["approved"]["items"][0]["text_en"] == "Do inspection"
    assert len(shown["approved"]["items"]) == 4
    assert staff.get(items).json()["count"] == 4


def test_items_change_only_in_the_open_draft(world, point):
    spec = services.specification_start(actor=world.users["quality"], point=point, kind="service")
    fill(world, spec)
    client = api(world, "quality")
    items = f"{POINTS}{point.pk}/specifications/{spec.pk}/items/"
    item = SpecificationItem.objects.filter(specification=spec, category="scope").get()
    patched = client.patch(f"{items}{item.pk}/", {"criterion_en": "Within 3 min"}, format="json")
    assert patched.status_code == 200 and patched.json()["criterion_en"] == "Within 3 min"
    wrong = client.patch(f"{items}{item.pk}/", {"category": "personnel"}, format="json")
    assert wrong.status_code == 400 and "category" in wrong.json()
    blank = client.patch(f"{items}{item.pk}/", {"text_en": "", "text_zh": ""}, format="json")
    assert blank.status_code == 400 and "text_en" in blank.json()
    other_org = Indicator.objects.filter(organization=world.other_org).first()
    foreign = client.patch(f"{items}{item.pk}/", {"indicator": other_org.pk}, format="json")
    assert foreign.status_code == 400 and "indicator" in foreign.json()
    assert client.delete(f"{items}{item.pk}/").status_code == 204
    assert audited("design.specificationitem", "delete") == 1

    approve_spec = SpecificationItem.objects.filter(specification=spec).first()
    fill_missing(world, spec)
    approve(world, spec)
    frozen = client.patch(f"{items}{approve_spec.pk}/", {"criterion_en": "x"}, format="json")
    assert frozen.status_code == 409
    assert client.delete(f"{items}{approve_spec.pk}/").status_code == 409
    added = client.post(items, {"category": "scope", "text_en": "More"}, format="json")
    assert added.status_code == 409 and "draft" in added.json()["detail"]


def fill_missing(world: Any, spec: Any) -> None:
    """Put back the scope item the test removed, so the draft may be approved."""
    services.item_create(
        actor=world.users["quality"],
        specification=spec,
        data={"category": "scope", "text_en": "Requirement for scope"},
    )


def test_staff_read_only_the_approved_version(world, point):
    spec = specified(world, point, ["service"])[0]
    quality = api(world, "quality")
    draft = quality.post(f"/api/v1/documents/{spec.document.pk}/versions/")
    assert draft.status_code == 201 and draft.json()["number"] == 2
    items = f"{POINTS}{point.pk}/specifications/{spec.pk}/items/"
    added = quality.post(items, {"category": "etiquette", "text_en": "Smile"}, format="json")
    assert added.status_code == 201 and added.json()["version"] == 2

    writer = quality.get(f"{POINTS}{point.pk}/specifications/").json()[0]
    assert [v["number"] for v in writer["versions"]] == [2, 1]
    assert len(writer["open"]["items"]) == 5 and len(writer["approved"]["items"]) == 4
    assert quality.get(items + "?version=2").json()["count"] == 5

    for username in ("staff", "viewer"):
        reader = api(world, username).get(f"{POINTS}{point.pk}/specifications/").json()[0]
        assert [v["number"] for v in reader["versions"]] == [1], username
        assert reader["open"] is None
        texts = [i["text_en"] for i in reader["approved"]["items"]]
        assert "Smile" not in texts and len(texts) == 4
        listed = api(world, username).get(items).json()
        assert {row["version"] for row in listed["results"]} == {1}
        new = SpecificationItem.objects.get(text_en="Smile")
        assert api(world, username).get(f"{items}{new.pk}/").status_code == 404


@pytest.mark.parametrize(
    ("username", "status"),
    [("quality", 201), ("manager", 403), ("staff", 403), ("viewer", 403), ("auditor", 403)],
)
def test_who_may_start_a_standard_specification(world, point, username, status):
    response = api(world, username).post(
        f"{POINTS}{point.pk}/specifications/", {"kind": "service"}, format="json"
    )
    assert response.status_code == status, response.json()


def test_a_site_manager_writes_their_sites_local_addendum(world, point):
    client = api(world, "manager")
    base = f"{POINTS}{point.pk}/specifications/"
    other = client.post(base, {"kind": "service", "site": world.sites[1].pk}, format="json")
    assert other.status_code == 400 and "site" in other.json()
    started = client.post(base, {"kind": "service", "site": world.sites[0].pk}, format="json")
    assert started.status_code == 201, started.json()
    local = started.json()
    assert local["local"] is True and local["site"] == world.sites[0].pk
    added = client.post(
        f"{base}{local['id']}/items/",
        {"category": "scope", "text_en": "Boat schedule at check-in"},
        format="json",
    )
    assert added.status_code == 201, added.json()
    assert len(api(world, "admin").get(base).json()) == 1
    # Staff of another site never see that site's addendum.
    world.users["staff2"] = MembershipFactory(
        user=UserFactory(username="staff2"),
        organization=world.org,
        role=Role.STAFF,
        sites=[world.sites[1]],
    ).user
    elsewhere = api(world, "staff2")
    assert elsewhere.get(base).json() == []
    assert elsewhere.get(f"{base}{local['id']}/").status_code == 404
    assert elsewhere.get(f"{base}{local['id']}/items/").status_code == 404


def test_bad_specification_input_answers_400(world, point):
    client = api(world, "quality")
    base = f"{POINTS}{point.pk}/specifications/"
    assert "kind" in client.post(base, {"kind": "poetry"}, format="json").json()
    spec = client.post(base, {"kind": "control"}, format="json").json()
    items = f"{base}{spec['id']}/items/"
    inspection = client.post(items, {"category": "inspection", "text_en": "x"}, format="json")
    assert inspection.status_code == 400
    assert {"method_en", "frequency", "criterion_en"} <= set(inspection.json())
    wrong_kind = client.post(items, {"category": "scope", "text_en": "x"}, format="json")
    assert wrong_kind.status_code == 400 and "category" in wrong_kind.json()
    no_reason = client.post(items + "not-applicable/", {"category": "analysis"}, format="json")
    assert no_reason.status_code == 400 and "reason" in no_reason.json()


# -- the contact process and the characteristic model -------------------------------------


def test_the_stages_of_the_contact_process(world):
    response = api(world, "staff").get("/api/v1/contact-process/stages/")
    assert response.status_code == 200
    stages = response.json()
    assert [(s["key"], s["clause"]) for s in stages] == [
        ("before", "4.4.1 a"),
        ("during", "4.4.1 b"),
        ("after", "4.4.1 c"),
    ]
    assert stages[0]["label"] == "Before service provision"
    assert stages[0]["activities"][0]["standard_key"] == "requirements"
    assert all(a["stage"] == s["key"] for s in stages for a in s["activities"])
    other = api(world, "outsider").get(
        f"/api/v1/contact-process/stages/?organization={world.org.pk}"
    )
    assert other.status_code == 400 and "organization" in other.json()


def test_activities_over_the_api(world):
    url = "/api/v1/contact-process/activities/"
    client = api(world, "quality")
    created = client.post(
        url, {"stage": "after", "name_en": "Thank-you card", "description_en": "Front desk"}
    )
    assert created.status_code == 201, created.json()
    pk = created.json()["id"]
    assert created.json()["standard_key"] == "" and created.json()["order"] > 0
    assert client.get(url + "?stage=after").json()["results"][-1]["id"] == pk
    assert client.patch(f"{url}{pk}/", {"is_active": False}).json()["is_active"] is False
    assert client.get(url + "?is_active=0").json()["count"] == 1
    assert api(world, "manager").patch(f"{url}{pk}/", {"name_en": "x"}).status_code == 403
    assert api(world, "outsider").get(f"{url}{pk}/").status_code == 404
    assert client.delete(f"{url}{pk}/").status_code == 204
    standard = ContactActivity.objects.get(organization=world.org, standard_key="requirements")
    refused = client.delete(f"{url}{standard.pk}/")
    assert refused.status_code == 400 and "Active" in str(refused.json())
    moved = client.patch(f"{url}{standard.pk}/", {"stage": "after"}, format="json")
    assert moved.status_code == 400 and "stage" in moved.json()
    unnamed = client.post(url, {"stage": "after"})
    assert unnamed.status_code == 400 and "name_en" in unnamed.json()
    assert audited("design.contactactivity", "create") >= 1


def test_characteristics_with_their_indicators(world):
    client = api(world, "viewer")
    body = client.get("/api/v1/characteristics/").json()
    assert body["count"] == 8
    first = body["results"][0]
    assert (first["key"], first["kind"]) == ("personnel", "tangible")
    assert first["indicators"] and {"name_en", "is_active"} <= set(first["indicators"][0])
    pk = first["id"]
    url = f"/api/v1/characteristics/{pk}/"
    assert client.patch(url, {"name_en": "Our people"}).status_code == 403
    quality = api(world, "quality")
    renamed = quality.patch(url, {"name_en": "Our people", "key": "scope"}, format="json")
    assert renamed.status_code == 200
    assert (renamed.json()["name_en"], renamed.json()["key"]) == ("Our people", "personnel")
    assert audited("design.characteristic", "update") == 1
    blank = quality.patch(url, {"name_en": "", "name_zh": ""}, format="json")
    assert blank.status_code == 400 and "name_en" in blank.json()
    assert api(world, "outsider").get(url).status_code == 404
    assert client.delete(url).status_code == 405


def test_indicators_over_the_api(world, point):
    url = "/api/v1/indicators/"
    client = api(world, "quality")
    personnel = Characteristic.objects.get(organization=world.org, key="personnel")
    created = client.post(url, {"characteristic": personnel.pk, "name_en": "Remembers my name"})
    assert created.status_code == 201, created.json()
    pk = created.json()["id"]
    assert created.json()["from_standard"] is False
    assert audited("design.indicator", "create") == 1
    assert client.get(f"{url}?key=personnel").json()["results"][-1]["id"] == pk
    assert client.patch(f"{url}{pk}/", {"name_zh": "记得我的名字"}).status_code == 200
    theirs = Characteristic.objects.get(organization=world.other_org, key="personnel")
    foreign = client.post(url, {"characteristic": theirs.pk, "name_en": "x"})
    assert foreign.status_code == 400 and "characteristic" in foreign.json()
    assert (
        api(world, "manager")
        .post(url, {"characteristic": personnel.pk, "name_en": "x"})
        .status_code
        == 403
    )

    # One that an item refers to is retired, never deleted.
    spec = services.specification_start(actor=world.users["quality"], point=point, kind="service")
    services.item_create(
        actor=world.users["quality"],
        specification=spec,
        data={
            "category": "skills",
            "text_en": "Greets by name",
            "indicator": Indicator.objects.get(pk=pk),
        },
    )
    refused = client.delete(f"{url}{pk}/")
    assert refused.status_code == 400 and "retire" in str(refused.json())
    retired = client.patch(f"{url}{pk}/", {"is_active": False})
    assert retired.status_code == 200 and retired.json()["is_active"] is False
    unused = client.post(url, {"characteristic": personnel.pk, "name_en": "Spare"}).json()["id"]
    assert client.delete(f"{url}{unused}/").status_code == 204
    assert api(world, "outsider").get(f"{url}{pk}/").status_code == 404


# -- the schema -------------------------------------------------------------------------

DESIGN_PATHS = {
    "/api/v1/contact-points/": {"get", "post"},
    "/api/v1/contact-points/{id}/": {"get", "put", "patch", "delete"},
    "/api/v1/contact-points/{point_pk}/specifications/": {"get", "post"},
    "/api/v1/contact-points/{point_pk}/specifications/{id}/": {"get"},
    "/api/v1/contact-points/{point_pk}/specifications/{spec_pk}/items/": {"get", "post"},
    "/api/v1/contact-points/{point_pk}/specifications/{spec_pk}/items/{id}/": {
        "get",
        "put",
        "patch",
        "delete",
    },
    "/api/v1/contact-points/{point_pk}/specifications/{spec_pk}/items/not-applicable/": {"post"},
    "/api/v1/contact-process/stages/": {"get"},
    "/api/v1/contact-process/activities/": {"get", "post"},
    "/api/v1/contact-process/activities/{id}/": {"get", "put", "patch", "delete"},
    "/api/v1/characteristics/": {"get"},
    "/api/v1/characteristics/{id}/": {"get", "put", "patch"},
    "/api/v1/indicators/": {"get", "post"},
    "/api/v1/indicators/{id}/": {"get", "put", "patch", "delete"},
}


def test_openapi_schema_documents_the_design_endpoints(db):
    response = Client().get("/api/schema/?format=json")
    assert response.status_code == 200
    schema = json.loads(response.content)
    validate_schema(schema)
    for path, methods in DESIGN_PATHS.items():
        assert set(schema["paths"][path]) == methods, path
    components = schema["components"]["schemas"]
    assert components["ContactPointStatusEnum"]["enum"] == ["planned", "active", "retired"]
    assert "approved_version" in components["SpecificationSummary"]["properties"]


def test_schema_generation_has_no_warnings_for_design():
    from drf_spectacular.drainage import GENERATOR_STATS
    from drf_spectacular.generators import SchemaGenerator

    GENERATOR_STATS.reset()
    with GENERATOR_STATS.silence():
        SchemaGenerator().get_schema(request=None, public=True)
    messages = [*GENERATOR_STATS._warn_cache, *GENERATOR_STATS._error_cache]
    words = ("design", "contact", "specification", "characteristic", "indicator", "enum")
    ours = [m for m in messages if any(word in m.lower() for word in words)]
    assert ours == [], ours
