"""Daily conformity snapshots, so the dashboard shows the trend."""

from __future__ import annotations

from datetime import timedelta

from django_tasks import task

from fuwu.core.jobs import schedule


@schedule("standard.conformity_snapshots", timedelta(days=1))
@task()
def conformity_snapshots() -> int:
    from fuwu.core.models import Organization

    from .services import snapshot_take

    count = 0
    for organization in Organization.objects.filter(is_active=True):
        snapshot_take(organization=organization)
        count += 1
    return count
