"""Specifications: started as controlled documents, items only in the draft,
approval freezes them, a new draft copies them."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from fuwu.core.audit import verify_chain
from fuwu.core.errors import StateConflict
from fuwu.core.models import AuditEntry
from fuwu.design import services
from fuwu.design.models import SpecificationItem
from fuwu.documents import services as documents
from fuwu.documents.models import Category, Status

from .conftest import approve, fill

pytestmark = pytest.mark.django_db


def test_starting_a_specification_makes_a_controlled_document(world, point):
    spec = services.specification_start(actor=world.users["quality"], point=point, kind="service")
    document = spec.document
    assert document.category == Category.SPECIFICATION
    assert document.subject_type == "design.specification"
    assert document.title_en == "Service specification: FD Front desk FD"
    assert document.title_zh == "服务规范：FD 前台 FD"  # noqa: RUF001
    assert document.versions.get().status == Status.DRAFT
    assert AuditEntry.objects.filter(object_type="design.specification").exists()
    assert verify_chain(world.org).intact


def test_a_specification_is_started_once(world, point):
    services.specification_start(actor=world.users["quality"], point=point, kind="service")
    with pytest.raises(StateConflict):
        services.specification_start(actor=world.users["quality"], point=point, kind="service")


def test_submitting_needs_items(world, point):
    spec = services.specification_start(actor=world.users["quality"], point=point, kind="service")
    version = spec.document.versions.get()
    with pytest.raises(ValidationError, match="content"):
        documents.version_submit(actor=world.users["quality"], version=version)


def test_inspection_items_need_method_frequency_and_criterion(world, point):
    spec = services.specification_start(actor=world.users["quality"], point=point, kind="control")
    with pytest.raises(ValidationError) as caught:
        services.item_create(
            actor=world.users["quality"],
            specification=spec,
            data={"category": "inspection", "text_en": "Lobby cleanliness"},
        )
    assert set(caught.value.error_dict) == {"method_en", "frequency", "criterion_en"}
    assert not SpecificationItem.objects.exists()


def test_a_category_of_another_kind_is_refused(world, point):
    spec = services.specification_start(actor=world.users["quality"], point=point, kind="service")
    with pytest.raises(ValidationError):
        services.item_create(
            actor=world.users["quality"],
            specification=spec,
            data={"category": "personnel", "text_en": "Uniform"},
        )


def test_items_serve_their_categorys_characteristic_by_default(world, point):
    spec = services.specification_start(actor=world.users["quality"], point=point, kind="service")
    item = services.item_create(
        actor=world.users["quality"],
        specification=spec,
        data={"category": "etiquette", "text_en": "Greet within 10 seconds"},
    )
    assert item.characteristic.key == "etiquette"


def test_approved_items_never_change_and_a_new_draft_copies_them(world, point):
    spec = services.specification_start(actor=world.users["quality"], point=point, kind="service")
    fill(world, spec)
    approve(world, spec)
    approved = SpecificationItem.objects.filter(specification=spec)
    first = approved.first()
    with pytest.raises(StateConflict):
        services.item_update(actor=world.users["quality"], item=first, data={"text_en": "x"})
    draft = documents.version_draft_create(actor=world.users["quality"], document=spec.document)
    copied = SpecificationItem.objects.filter(version=draft)
    assert copied.count() == 4
    assert sorted(copied.values_list("text_en", flat=True)) == sorted(
        SpecificationItem.objects.filter(version__number=1).values_list("text_en", flat=True)
    )


def test_a_category_can_say_why_it_does_not_apply(world, point):
    spec = services.specification_start(actor=world.users["quality"], point=point, kind="provision")
    item = services.category_not_applicable(
        actor=world.users["quality"],
        specification=spec,
        category="personnel",
        reason="Unmanned kiosk",
    )
    assert not item.applies
    with pytest.raises(ValidationError):
        services.item_create(
            actor=world.users["quality"],
            specification=spec,
            data={"category": "personnel", "text_en": "Uniform"},
        )


@pytest.mark.parametrize(
    ("username", "allowed"),
    [("admin", True), ("quality", True), ("manager", False), ("staff", False), ("auditor", False)],
)
def test_who_may_start_the_organizations_specification(world, point, username, allowed):
    if allowed:
        services.specification_start(actor=world.users[username], point=point, kind="service")
    else:
        with pytest.raises(PermissionDenied):
            services.specification_start(actor=world.users[username], point=point, kind="service")


def test_a_site_manager_keeps_the_local_addendum_of_their_site(world, point):
    manager = world.users["manager"]
    local = services.specification_start(
        actor=manager, point=point, kind="service", site=world.sites[0]
    )
    assert local.local and local.site == world.sites[0]
    assert local.document.site == world.sites[0]
    services.item_create(
        actor=manager,
        specification=local,
        data={"category": "scope", "text_en": "Lake-view rooms shown first"},
    )
    with pytest.raises(PermissionDenied):
        services.specification_start(
            actor=manager, point=point, kind="service", site=world.sites[1]
        )


def test_a_local_addendum_needs_the_point_deployed_there(world, point):
    with pytest.raises(ValidationError):
        services.specification_start(
            actor=world.users["quality"], point=point, kind="service", site=world.sites[2]
        )
