"""Scheduled jobs of measurement (run by `fuwu worker`)."""

from __future__ import annotations

from datetime import timedelta

from django_tasks import task

from fuwu.core.jobs import schedule


@schedule("measurement.inspection_rounds", timedelta(hours=6))
@task()
def inspection_rounds() -> dict[str, int]:
    """Create the inspection rounds that fall due and flag those whose period ended,
    for every active organization."""
    from fuwu.core.models import Organization

    from .services import due_rounds_create, overdue_rounds_flag

    created = flagged = 0
    for organization in Organization.objects.filter(is_active=True):
        flagged += overdue_rounds_flag(organization=organization)
        created += due_rounds_create(organization=organization)
    return {"created": created, "flagged": flagged}


@schedule("measurement.rollup_evaluations", timedelta(minutes=5))
@task()
def rollup_evaluations() -> dict[str, int]:
    """Roll the evaluations that arrived since the last run into the daily and monthly
    rollups the dashboards read (ADR 0031); reads are current meanwhile, from the raw
    rows above the watermark."""
    from .rollups import refresh

    return refresh()
