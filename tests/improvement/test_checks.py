"""The conformity checks of 4.5.2 and 4.5.4 a-c, in pass and fail states, naming the
records at fault."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from fuwu.core import clock
from fuwu.improvement import checks
from fuwu.improvement.services import actions as action_services
from fuwu.standard.conformity import REGISTRY, CheckStatus

from .conftest import complete, dispose, plan, raise_nc, verify

pytestmark = pytest.mark.django_db


def run(check_id, org):
    return REGISTRY[check_id].run(org)


def days_ago(n):
    return timezone.now() - timedelta(days=n)


def test_checks_are_registered_for_their_clauses():
    clauses = {c.id: c.clause for c in REGISTRY.values() if c.id.startswith("improvement.")}
    assert clauses == {
        "improvement.disposition_in_time": "4.5.2",
        "improvement.corrective_planned": "4.5.4 a",
        "improvement.corrective_verified": "4.5.4 a",
        "improvement.preventive_taken": "4.5.4 b",
        "improvement.remedial_for_customers": "4.5.4 c",
    }


def test_nothing_recorded_is_not_applicable_except_prevention(world):
    assert run("improvement.disposition_in_time", world.org).status == CheckStatus.NOT_APPLICABLE
    assert run("improvement.remedial_for_customers", world.org).status == CheckStatus.NOT_APPLICABLE
    assert run("improvement.preventive_taken", world.org).status == CheckStatus.FAIL


def test_disposition_deadline(world):
    late = raise_nc(world, detected_at=days_ago(20))
    recent = raise_nc(world)
    result = run("improvement.disposition_in_time", world.org)
    assert result.status == CheckStatus.FAIL
    assert late.number in result.message and recent.number not in result.message
    assert result.records[0].url.endswith(f"/{late.pk}/")
    # Disposed of within the deadline: pass (the disposition stamped 3 days after).
    with clock.seeding_at(days_ago(17)):
        dispose(world, late)
    dispose(world, recent)
    assert run("improvement.disposition_in_time", world.org).status == CheckStatus.PASS


def test_corrective_actions_planned_verified_not_overdue(world, no_wait):
    nc = raise_nc(world, detected_at=days_ago(30))
    result = run("improvement.corrective_planned", world.org)
    assert result.status == CheckStatus.FAIL and nc.number in result.message
    assert run("improvement.corrective_verified", world.org).status == CheckStatus.FAIL
    action = plan(world, nc)
    assert run("improvement.corrective_planned", world.org).status == CheckStatus.PASS
    assert run("improvement.corrective_verified", world.org).status == CheckStatus.PASS
    # Long overdue: due 40 days ago (the default: 30 days).
    action_services.action_update(
        actor=world.users["manager"],
        action=action,
        data={"due_on": timezone.localdate() - timedelta(days=40)},
    )
    result = run("improvement.corrective_verified", world.org)
    assert result.status == CheckStatus.FAIL and action.number in result.message
    complete(world, action)
    verify(world, action)
    result = run("improvement.corrective_verified", world.org)
    assert result.status == CheckStatus.PASS and "1 of 1" in result.message


def test_preventive_action_on_its_own(world):
    action_services.action_plan(
        actor=world.users["quality"],
        organization=world.org,
        kind="preventive",
        origin="trend",
        owner=world.users["manager"],
        due_on=timezone.localdate() + timedelta(days=30),
        description_en="Extra staff at check-in on Friday evenings",
    )
    assert run("improvement.preventive_taken", world.org).status == CheckStatus.PASS


def test_remedy_for_customers(world):
    nc = raise_nc(world, customer_affected=True)
    result = run("improvement.remedial_for_customers", world.org)
    assert result.status == CheckStatus.FAIL and nc.number in result.message
    plan(world, nc, kind="remedial")
    assert run("improvement.remedial_for_customers", world.org).status == CheckStatus.PASS
    raise_nc(world, immediate_remedy_en="Upgraded the guest to a suite")
    assert run("improvement.remedial_for_customers", world.org).status == CheckStatus.PASS


def test_evidence_is_read_once_per_evaluation(world, django_assert_max_num_queries):
    from fuwu.standard.conformity import evaluation

    raise_nc(world)
    with evaluation():
        checks.read_improvement(world.org)
        with django_assert_max_num_queries(0):
            checks.read_improvement(world.org)
