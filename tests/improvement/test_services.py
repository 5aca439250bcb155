"""Nonconformities and actions through their services: numbering, audit, scope, the
status that follows the actions, closing only when corrective actions are effective."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from fuwu.core.audit import verify_chain
from fuwu.core.errors import StateConflict
from fuwu.core.models import AuditEntry
from fuwu.improvement.models import ActionStatus, NCStatus, Nonconformity
from fuwu.improvement.services import nonconformities as nc_services
from fuwu.improvement.sources import SOURCES, register_source, source_link

from .conftest import complete, dispose, plan, raise_nc, verify

pytestmark = pytest.mark.django_db


def test_raise_is_numbered_audited_and_linked_to_its_source(world):
    nc = raise_nc(world)
    assert nc.number == f"NC-{timezone.localdate().year}-0001"
    assert (nc.source_type, nc.source_id, nc.status) == ("manual", "", NCStatus.OPEN)
    entry = AuditEntry.objects.get(object_type="improvement.nonconformity", object_id=str(nc.pk))
    assert (entry.action, entry.actor_name) == ("create", "staff")
    assert verify_chain(world.org).intact
    assert source_link(nc) is None  # a manual entry has no record behind it
    assert raise_nc(world).number.endswith("-0002")


def test_a_source_record_is_linked_back(world):
    first = raise_nc(world)
    # Any registered source links back: here a nonconformity stands in as the record.
    register_source("test-source", label="Test", model="improvement.Nonconformity")
    try:
        nc = raise_nc(world, source="test-source", source_object=first)
        assert (nc.source_type, nc.source_id) == ("test-source", str(first.pk))
        link = source_link(nc, world.users["quality"])
        assert link.label == first.label and link.url.endswith(f"/{first.pk}/")
    finally:
        SOURCES.pop("test-source")


def test_unknown_source_and_mismatched_record_are_refused(world):
    with pytest.raises(ValidationError):
        raise_nc(world, source="nowhere")
    with pytest.raises(ValidationError):
        raise_nc(world, source="manual", source_object=world.sites[0])
    assert not Nonconformity.objects.exists()


@pytest.mark.parametrize(
    ("actor", "site", "allowed"),
    [
        ("staff", 0, True),
        ("staff", 1, False),
        ("manager", 0, True),
        ("quality", 2, True),
        ("auditor", 0, False),
        ("viewer", 0, False),
        ("outsider", 0, False),
    ],
)
def test_who_may_raise(world, actor, site, allowed):
    if allowed:
        raise_nc(world, actor=actor, site=site)
    else:
        with pytest.raises(PermissionDenied):
            raise_nc(world, actor=actor, site=site)


def test_bad_input_writes_nothing(world):
    with pytest.raises(ValidationError):
        raise_nc(world, description_en="", description_zh="")
    with pytest.raises(ValidationError):
        raise_nc(world, severity="huge")
    with pytest.raises(ValidationError):
        raise_nc(world, characteristic="taste")
    with pytest.raises(ValidationError):
        raise_nc(world, detected_at=timezone.now() + timedelta(days=2))
    assert not Nonconformity.objects.exists()
    assert not AuditEntry.objects.filter(object_type="improvement.nonconformity").exists()


def test_status_follows_actions_and_closes_only_when_effective(world, no_wait):
    nc = raise_nc(world, immediate_remedy_en="Moved the guest")
    assert nc.customer_affected
    remedial = plan(world, nc, kind="remedial")
    corrective = plan(world, nc)
    assert corrective.number.startswith("ACT-")
    nc.refresh_from_db()
    assert nc.status == NCStatus.UNDER_ACTION
    with pytest.raises(StateConflict):
        nc_services.nonconformity_close(actor=world.users["quality"], nonconformity=nc)
    complete(world, remedial)
    complete(world, corrective)
    nc.refresh_from_db()
    assert nc.status == NCStatus.AWAITING_VERIFICATION
    dispose(world, nc)
    with pytest.raises(StateConflict, match=corrective.number):
        nc_services.nonconformity_close(actor=world.users["quality"], nonconformity=nc)
    verify(world, corrective)
    corrective.refresh_from_db()
    assert corrective.status == ActionStatus.EFFECTIVE
    nc_services.nonconformity_close(actor=world.users["quality"], nonconformity=nc)
    nc.refresh_from_db()
    assert nc.status == NCStatus.CLOSED and nc.closed_by == world.users["quality"]
    with pytest.raises(StateConflict):
        plan(world, nc)
    assert verify_chain(world.org).intact


def test_not_effective_reopens_and_counts_rework(world, no_wait):
    nc = raise_nc(world)
    action = plan(world, nc)
    complete(world, action)
    verify(world, action, effective=False)
    action.refresh_from_db()
    nc.refresh_from_db()
    assert (action.status, action.rework_count) == (ActionStatus.PLANNED, 1)
    assert nc.status == NCStatus.UNDER_ACTION
    complete(world, action)
    verify(world, action)
    action.refresh_from_db()
    assert action.status == ActionStatus.EFFECTIVE
    assert [v.effective for v in action.verifications.all()] == [False, True]


def test_the_owner_may_not_verify(world, no_wait):
    nc = raise_nc(world)
    action = plan(world, nc, owner="quality")
    complete(world, action, actor="quality")
    with pytest.raises(PermissionDenied):
        verify(world, action, actor="quality")
    verify(world, action, actor="admin")


def test_verification_waits_the_organizations_time(world):
    action = plan(world, raise_nc(world))
    complete(world, action)
    with pytest.raises(StateConflict):
        verify(world, action)


def test_site_manager_plans_only_at_their_site(world):
    with pytest.raises(PermissionDenied):
        plan(world, raise_nc(world, site=1, actor="quality"))
    with pytest.raises(PermissionDenied):
        plan(world, raise_nc(world), actor="staff")


def test_a_minor_one_closes_with_its_correction_a_major_one_needs_corrective(world):
    minor = raise_nc(world, severity="minor", immediate_remedy_en="Re-cleaned at once")
    dispose(world, minor)
    nc_services.nonconformity_close(actor=world.users["quality"], nonconformity=minor)
    major = raise_nc(world, severity="major")
    dispose(world, major)
    with pytest.raises(StateConflict, match="corrective action"):
        nc_services.nonconformity_close(actor=world.users["quality"], nonconformity=major)
    with pytest.raises(PermissionDenied):
        nc_services.nonconformity_close(actor=world.users["manager"], nonconformity=major)


def test_the_link_back_is_hidden_from_a_reader_who_may_not_read_the_record(world):
    elsewhere = raise_nc(world, site=1, actor="quality")
    register_source("test-source", label="Test", model="improvement.Nonconformity")
    try:
        nc = raise_nc(world, source="test-source", source_object=elsewhere)
        assert source_link(nc, world.users["quality"]).url
        hidden = source_link(nc, world.users["manager"])  # site 1 is not theirs
        assert hidden.url == "" and hidden.label == "Test"
    finally:
        SOURCES.pop("test-source")
