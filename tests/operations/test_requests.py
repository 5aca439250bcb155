"""Requests and complaints (4.2.2): logging, the complaint steps and their refusals,
the first owner kept across transfers, closure with the customer's confirmation, the
nonconformity of a dissatisfied closure, targets, escalation by the worker, erasure."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from fuwu.core.errors import StateConflict
from fuwu.core.models import AuditEntry
from fuwu.improvement.models import ActionKind, Nonconformity
from fuwu.operations.jobs import escalate_overdue_requests
from fuwu.operations.models import EventKind, RequestStatus
from fuwu.operations.services import requests as services
from fuwu.operations.services.settings import settings_update

from .conftest import COMPLAINT_STEPS, log, step, through

pytestmark = pytest.mark.django_db


def test_the_logger_is_first_owner_and_handler_and_the_targets_are_set(world):
    record = log(world, kind="request", priority="urgent")
    assert record.number.startswith("RQ-")
    assert record.first_owner == record.handler == world.users["staff"]
    assert record.status == RequestStatus.RECEIVED
    assert record.response_due_at == record.received_at + timedelta(minutes=5)
    assert record.resolution_due_at == record.received_at + timedelta(hours=1)
    assert [e.kind for e in record.events.all()] == [EventKind.RECEIVED]


def test_targets_come_from_the_organization_settings(world):
    settings_update(
        actor=world.users["quality"],
        organization=world.org,
        data={"response_complaint_high": 10, "resolution_complaint_high": 12},
    )
    record = log(world, priority="high")
    assert record.response_due_at - record.received_at == timedelta(minutes=10)
    assert record.resolution_due_at - record.received_at == timedelta(hours=12)
    with pytest.raises(PermissionDenied):
        settings_update(actor=world.users["manager"], organization=world.org, data={})
    with pytest.raises(ValidationError):
        settings_update(
            actor=world.users["quality"], organization=world.org, data={"response_request_high": 0}
        )


def test_a_request_met_at_once_is_closed_at_once(world):
    record = log(
        world, kind="request", immediate_action_en="Extra pillows brought", met_at_once=True
    )
    assert record.status == RequestStatus.CLOSED and record.resolved
    assert record.first_response_at == record.received_at
    assert not record.response_late(timezone.now())


def test_met_at_once_needs_what_was_done(world):
    with pytest.raises(ValidationError) as caught:
        log(world, kind="request", met_at_once=True)
    assert "immediate_action_en" in caught.value.error_dict


def test_told_at_once_is_the_first_response_and_a_complaint_still_follows_its_steps(world):
    record = log(world, customer_told_at_once=True, immediate_action_en="Manager will call")
    assert record.first_response_at == record.received_at
    assert record.status == RequestStatus.RECEIVED


def test_a_complaint_goes_through_every_step_and_closes_satisfied(world):
    record = through(world, log(world), *COMPLAINT_STEPS)
    assert record.status == RequestStatus.DECIDED and record.responded_at and record.decided_at
    record = services.request_close(
        actor=world.users["manager"], request=record, confirmation="satisfied"
    )
    assert record.status == RequestStatus.CLOSED and record.nonconformity is None
    kinds = [e.kind for e in record.events.all()]
    assert kinds == [
        "received",
        *[k for k in ("acknowledged", "assessed", "investigated", "responded", "decided")],
        "closed",
    ]


@pytest.mark.parametrize(
    "done, refused",
    [
        ((), "assess"),
        ((), "respond"),
        (("acknowledge",), "investigate"),
        (("acknowledge", "assess"), "respond"),
        (("acknowledge", "assess", "investigate"), "decide"),
    ],
)
def test_a_step_out_of_order_is_a_conflict(world, done, refused):
    record = through(world, log(world), *done)
    with pytest.raises(StateConflict):
        step(world, record, refused)


def test_a_complaint_closes_only_once_decided_by_a_site_manager_with_confirmation(world):
    record = through(world, log(world), "acknowledge", "assess", "investigate", "respond")
    with pytest.raises(StateConflict):
        services.request_close(
            actor=world.users["manager"], request=record, confirmation="satisfied"
        )
    record = step(world, record, "decide")
    with pytest.raises(ValidationError):
        services.request_close(actor=world.users["manager"], request=record)
    with pytest.raises(PermissionDenied):
        services.request_close(actor=world.users["staff"], request=record, confirmation="satisfied")
    record = services.request_close(
        actor=world.users["manager"], request=record, confirmation="satisfied"
    )
    with pytest.raises(StateConflict):
        services.request_close(
            actor=world.users["manager"], request=record, confirmation="satisfied"
        )


def test_a_request_has_no_complaint_steps(world):
    record = log(world, kind="enquiry")
    with pytest.raises(StateConflict):
        step(world, record, "acknowledge")
    record = step(world, record, "respond")
    record = services.request_close(actor=world.users["staff"], request=record)
    assert record.status == RequestStatus.CLOSED


def test_a_dissatisfied_closure_raises_a_nonconformity_with_a_remedial_action(world):
    record = through(world, log(world), *COMPLAINT_STEPS)
    with pytest.raises(ValidationError):  # what is still wrong is said
        services.request_close(
            actor=world.users["manager"], request=record, confirmation="dissatisfied"
        )
    record = services.request_close(
        actor=world.users["manager"],
        request=record,
        confirmation="dissatisfied",
        note_en="Guest wanted a refund, not a discount",
    )
    nc = Nonconformity.objects.get(pk=record.nonconformity_id)
    assert nc.source_type == "complaint" and nc.source_id == str(record.pk)
    assert nc.site == record.site and record.number in nc.description_en
    action = nc.actions.get()
    assert action.kind == ActionKind.REMEDIAL and action.owner == world.users["staff"]


def test_an_unresolved_closure_raises_a_nonconformity_too(world):
    record = through(world, log(world), *COMPLAINT_STEPS)
    record = services.request_close(
        actor=world.users["manager"],
        request=record,
        confirmation="no_answer",
        resolved=False,
        note_en="Could not be fixed",
    )
    assert record.nonconformity is not None


def test_the_first_owner_is_kept_across_transfers(world):
    record = log(world)
    record = services.request_transfer(
        actor=world.users["staff"],
        request=record,
        to=world.users["manager"],
        reason_en="Needs a manager",
    )
    record = services.request_transfer(
        actor=world.users["manager"],
        request=record,
        to=world.users["quality"],
        reason_zh="需质量经理处理",
    )
    record.refresh_from_db()
    assert record.first_owner == world.users["staff"] and record.handler == world.users["quality"]
    transfers = list(record.events.filter(kind=EventKind.TRANSFERRED))
    assert [(t.from_user.username, t.to_user.username) for t in transfers] == [
        ("staff", "manager"),
        ("manager", "quality"),
    ]
    assert all(t.at and (t.note_en or t.note_zh) for t in transfers)
    # The first owner may still transfer it; closing keeps the first owner.
    record = services.request_transfer(
        actor=world.users["staff"], request=record, to=world.users["manager"], reason_en="Back"
    )
    assert record.first_owner == world.users["staff"]


def test_transfers_are_refused_without_a_reason_to_the_wrong_person_or_once_closed(world):
    record = log(world)
    with pytest.raises(ValidationError):
        services.request_transfer(
            actor=world.users["staff"], request=record, to=world.users["manager"]
        )
    with pytest.raises(ValidationError):  # an auditor handles nothing
        services.request_transfer(
            actor=world.users["staff"], request=record, to=world.users["auditor"], reason_en="x"
        )
    with pytest.raises(ValidationError):  # another organization
        services.request_transfer(
            actor=world.users["staff"], request=record, to=world.users["outsider"], reason_en="x"
        )
    closed = services.request_close(
        actor=world.users["staff"],
        request=step(world, log(world, kind="request"), "respond"),
    )
    with pytest.raises(StateConflict):
        services.request_transfer(
            actor=world.users["staff"], request=closed, to=world.users["manager"], reason_en="x"
        )


def test_staff_log_only_at_their_sites(world):
    with pytest.raises(PermissionDenied):
        log(world, site=1)
    with pytest.raises(PermissionDenied):
        log(world, actor="auditor")


def test_identity_needs_consent_and_purpose_and_never_reaches_the_audit_trail(world):
    with pytest.raises(ValidationError):
        log(world, customer_name="Ms Li", customer_contact="13800000000")
    with pytest.raises(ValidationError):
        log(world, customer_name="Ms Li", consent=True)
    record = log(
        world,
        customer_name="Ms Li",
        customer_contact="13800000000",
        consent=True,
        consent_purpose="Call back with the outcome",
    )
    assert record.consented_at is not None
    trail = AuditEntry.objects.filter(
        object_id=str(record.pk), object_type__endswith="customerrequest"
    )
    assert trail.exists()
    assert all("13800000000" not in str(e.after) and "Ms Li" not in str(e.after) for e in trail)
    with pytest.raises(PermissionDenied):
        services.request_erase_identity(actor=world.users["staff"], request=record)
    record = services.request_erase_identity(actor=world.users["manager"], request=record)
    assert not record.has_identity and record.identity_erased_at
    assert record.events.filter(kind=EventKind.ERASED).exists()


def test_the_worker_escalates_an_overdue_request_to_the_site_manager_once(world):
    past = timezone.now() - timedelta(hours=2)
    late = log(world, kind="request", received_at=past)  # 30 min to respond, normal
    on_time = log(world, kind="request")
    answered = step(world, log(world, kind="request", received_at=past), "respond")
    assert escalate_overdue_requests.call() == {"escalated": 1}
    late.refresh_from_db()
    on_time.refresh_from_db()
    answered.refresh_from_db()
    assert late.escalated_at and late.escalated_to == world.users["manager"]
    assert on_time.escalated_at is None and answered.escalated_at is None
    event = late.events.get(kind=EventKind.ESCALATED)
    assert event.to_user == world.users["manager"] and event.actor is None
    assert escalate_overdue_requests.call() == {"escalated": 0}
