"""Pages of service design: the register, a specification written and approved in
the browser's forms, the contact process and the characteristic model."""

from __future__ import annotations

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from fuwu.design import services
from fuwu.design.models import (
    Characteristic,
    ContactActivity,
    ContactPoint,
    Indicator,
    SpecificationItem,
)
from fuwu.documents.models import Status

from .conftest import INSPECTION, make_point, specified

pytestmark = pytest.mark.django_db


def test_the_register_lists_and_filters_contact_points(world):
    make_point(world, "FD", stage="during")
    make_point(world, "WEB", stage="before", channel="web", manned=False)
    client = world.client("viewer")
    page = client.get("/design/contact-points/")
    assert page.status_code == 200
    assert b"FD" in page.content and b"WEB" in page.content
    filtered = client.get("/design/contact-points/?stage=before").content.decode()
    assert "WEB" in filtered and "Front desk FD" not in filtered


def test_a_quality_manager_adds_a_contact_point(world):
    response = world.client("quality").post(
        "/design/contact-points/add/",
        {
            "code": "CI",
            "name_en": "Check-in",
            "name_zh": "入住登记",
            "stage": "during",
            "order": "20",
            "channel": "in_person",
            "manned": "on",
            "status": "active",
            "sites": [world.sites[0].pk, world.sites[1].pk],
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    point = ContactPoint.objects.get(code="CI")
    assert set(point.sites.all()) == set(world.sites[:2])


def test_a_taken_code_is_refused_on_its_field(world):
    make_point(world, "FD")
    response = world.client("quality").post(
        "/design/contact-points/add/",
        {
            "code": "FD",
            "name_en": "Again",
            "stage": "during",
            "order": "1",
            "channel": "web",
            "status": "planned",
        },
    )
    assert response.status_code == 400
    assert "Another contact point" in response.content.decode()


def test_the_contact_point_page_shows_its_specifications(world, point):
    specified(world, point, ["service"])
    page = world.client("staff").get(f"/design/contact-points/{point.pk}/").content.decode()
    assert 'data-testid="spec-service"' in page
    assert "Approved" in page


def spec_url(point, kind="service"):
    return f"/design/contact-points/{point.pk}/specifications/{kind}/"


def test_writing_a_specification_in_the_page(world, point):
    client = world.client("quality")
    assert client.post(spec_url(point), {"action": "start"}).status_code == 302
    for category in ("scope", "procedure", "skills", "etiquette"):
        response = client.post(
            spec_url(point),
            {"action": "add", "add-category": category, "add-text_en": f"Do the {category}"},
        )
        assert response.status_code == 302, response.content.decode()[:3000]
    page = client.get(spec_url(point)).content.decode()
    assert "Do the procedure" in page
    assert 'data-testid="transition-submit"' in page


def test_an_inspection_item_without_method_is_shown_with_its_errors(world, point):
    client = world.client("quality")
    client.post(spec_url(point, "control"), {"action": "start"})
    response = client.post(
        spec_url(point, "control"),
        {"action": "add", "add-category": "inspection", "add-text_en": "Lobby clean"},
    )
    assert response.status_code == 400
    assert "Say how it is checked" in response.content.decode()
    assert not SpecificationItem.objects.exists()
    response = client.post(
        spec_url(point, "control"),
        {
            "action": "add",
            "add-category": "inspection",
            "add-text_en": "Lobby clean",
            **{f"add-{k}": v for k, v in INSPECTION.items()},
        },
    )
    assert response.status_code == 302


def test_staff_see_the_approved_version_only(world, point):
    [spec] = specified(world, point, ["service"])
    world.client("quality").post(spec_url(point), {"action": "new_version"})
    draft = spec.document.versions.get(status=Status.DRAFT)
    item = SpecificationItem.objects.filter(version=draft).first()
    services.item_update(actor=world.users["quality"], item=item, data={"text_en": "Secret draft"})
    assert "Secret draft" not in world.client("staff").get(spec_url(point)).content.decode()
    assert "Secret draft" in world.client("auditor").get(spec_url(point)).content.decode()


def test_staff_cannot_change_a_specification(world, point):
    specified(world, point, ["service"])
    response = world.client("staff").post(spec_url(point), {"action": "new_version"})
    assert response.status_code == 403


def test_another_organization_sees_no_contact_point(world, point):
    client = world.client("outsider")
    assert client.get(f"/design/contact-points/{point.pk}/").status_code == 404
    assert client.get(spec_url(point)).status_code == 404


def test_an_unknown_kind_is_not_found(world, point):
    assert world.client("quality").get(spec_url(point, "nonsense")).status_code == 404


def test_the_transition_comes_back_to_the_specification(world, point):
    client = world.client("quality")
    client.post(spec_url(point), {"action": "start"})
    client.post(spec_url(point), {"action": "add", "add-category": "scope", "add-text_en": "x"})
    spec = point.specifications.get()
    response = client.post(
        f"/documents/{spec.document.pk}/versions/1/submit/", {"next": spec_url(point)}
    )
    assert response.status_code == 302 and response["Location"] == spec_url(point)


def test_the_contact_process_page(world, point):
    page = world.client("viewer").get("/design/process/").content.decode()
    assert "Service commitment" in page and point.code in page


def test_activities_are_added_and_planned(world):
    client = world.client("quality")
    response = client.post(
        "/design/process/",
        {
            "action": "add",
            "add-stage": "after",
            "add-name_en": "Loyalty mail",
            "add-is_active": "on",
        },
    )
    assert response.status_code == 302
    activity = ContactActivity.objects.get(name_en="Loyalty mail")
    assert activity.stage == "after"
    assert (
        world.client("staff")
        .post("/design/process/", {"action": "delete", "activity": activity.pk})
        .status_code
        == 403
    )


def test_a_standard_activity_is_not_deleted(world):
    activity = ContactActivity.objects.get(organization=world.org, standard_key="commitment")
    response = world.client("quality").post(
        "/design/process/", {"action": "delete", "activity": activity.pk}
    )
    assert response.status_code == 400
    assert ContactActivity.objects.filter(pk=activity.pk).exists()


def test_the_characteristic_model_page(world):
    client = world.client("viewer")
    page = client.get("/design/characteristics/").content.decode()
    assert page.count('data-testid="indicator"') == 31
    assert "Service etiquette" in page and "considerate care" in page

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            client.get("/design/characteristics/")
        return len(captured)

    before = queries()
    scope = Characteristic.objects.get(organization=world.org, key="scope")
    for n in range(5):
        services.indicator_create(
            actor=world.users["quality"],
            organization=world.org,
            data={"characteristic": scope, "name_en": f"Extra {n}"},
        )
    assert queries() == before


def test_every_input_of_the_characteristic_model_page_has_a_label(world):
    page = world.client("quality").get("/design/characteristics/").content.decode()
    inputs = re.findall(r"<input(?![^>]*type=\"hidden\")[^>]*>", page)
    assert inputs
    for tag in inputs:
        field_id = re.search(r'id="([^"]+)"', tag)
        assert field_id, tag
        assert f'for="{field_id.group(1)}"' in page, tag


def test_an_indicator_in_use_is_retired_not_deleted(world, point):
    specified(world, point, ["service"])
    indicator = Indicator.objects.filter(
        organization=world.org, characteristic__key="scope"
    ).first()
    item = SpecificationItem.objects.filter(category="scope").first()
    SpecificationItem.objects.filter(pk=item.pk).update(indicator=indicator)
    client = world.client("quality")
    response = client.post(
        "/design/characteristics/", {"action": "delete", "indicator": indicator.pk}
    )
    assert response.status_code == 400
    client.post("/design/characteristics/", {"action": "retire", "indicator": indicator.pk})
    indicator.refresh_from_db()
    assert not indicator.is_active


def test_an_organization_adds_its_own_indicator(world):
    client = world.client("quality")
    scope = world.org.pk and Indicator.objects.filter(organization=world.org).first().characteristic
    response = client.post(
        "/design/characteristics/",
        {
            "action": "add",
            "characteristic": scope.pk,
            "add-name_en": "Late check-out offered",
            "add-is_active": "on",
        },
    )
    assert response.status_code == 302
    assert Indicator.objects.filter(name_en="Late check-out offered", from_standard=False).exists()


def test_files_are_attached_to_a_contact_point(world, point, settings, tmp_path):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from fuwu.core.models import Attachment

    settings.MEDIA_ROOT = tmp_path / "media"
    url = f"/attachments/design.contactpoint/{point.pk}/add/"

    def upload(username):
        plan = SimpleUploadedFile("floor-plan.pdf", b"%PDF-1.4\n%%EOF\n")
        return world.client(username).post(url, {"file": plan})

    assert upload("quality").status_code == 302
    assert Attachment.objects.filter(object_type="design.contactpoint").count() == 1
    assert upload("staff").status_code == 403
    assert upload("outsider").status_code == 404
