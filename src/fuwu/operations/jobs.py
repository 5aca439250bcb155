"""Scheduled jobs of operations (run by `fuwu worker`)."""

from __future__ import annotations

from datetime import timedelta

from django_tasks import task

from fuwu.core.jobs import schedule


@schedule("operations.escalate_overdue_requests", timedelta(minutes=5))
@task()
def escalate_overdue_requests() -> dict[str, int]:
    """Escalate every open request past its response or resolution target to its
    site's manager, once, for every active organization."""
    from fuwu.core.models import Organization

    from .services.requests import overdue_escalate

    escalated = 0
    for organization in Organization.objects.filter(is_active=True):
        escalated += overdue_escalate(organization=organization)
    return {"escalated": escalated}


@schedule("operations.flag_overdue_property", timedelta(hours=1))
@task()
def flag_overdue_property() -> dict[str, int]:
    """Flag every item of customer property still in custody after its expected
    return, once, for every active organization (the overdue list and card show them)."""
    from fuwu.core.models import Organization

    from .services.property import property_flag_overdue

    flagged = 0
    for organization in Organization.objects.filter(is_active=True):
        flagged += property_flag_overdue(organization=organization)
    return {"flagged": flagged}


@schedule("operations.flag_unacknowledged_handovers", timedelta(minutes=15))
@task()
def flag_unacknowledged_handovers() -> dict[str, int]:
    """Flag every shift hand-over nobody acknowledged within the organization's hours
    to its site's manager, once, for every active organization."""
    from fuwu.core.models import Organization

    from .services.handovers import handovers_flag_unacknowledged

    flagged = 0
    for organization in Organization.objects.filter(is_active=True):
        flagged += handovers_flag_unacknowledged(organization=organization)
    return {"flagged": flagged}


@schedule("operations.plan_return_visits", timedelta(hours=1))
@task()
def plan_return_visits() -> dict[str, int]:
    """Plan the return visits the rules ask for after requests closed and property
    handed back, and flag the planned visits past their due date, once, for every
    active organization (4.4.8)."""
    from fuwu.core.models import Organization

    from .services.visits import visits_flag_overdue, visits_generate

    planned = flagged = 0
    for organization in Organization.objects.filter(is_active=True):
        planned += visits_generate(organization=organization)
        flagged += visits_flag_overdue(organization=organization)
    return {"planned": planned, "flagged": flagged}
