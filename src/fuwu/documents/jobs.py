"""Scheduled jobs of controlled documents (run by `fuwu worker`)."""

from __future__ import annotations

from datetime import timedelta

from django_tasks import task

from fuwu.core.jobs import schedule


@schedule("documents.review_reminders", timedelta(days=1))
@task()
def review_reminders() -> int:
    """Daily: remind documents whose review falls due within 14 days (or has passed)."""
    from .services import review_reminders_create

    return review_reminders_create()
