"""Scheduled jobs: apps register a task and an interval; `fuwu worker` enqueues
each when it is due. The run time is claimed in the database first, so several
workers never fire the same job twice."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import timedelta

from django.db import transaction
from django.utils import timezone, translation
from django_tasks import task

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Job:
    name: str
    task: object  # a django_tasks Task
    every: timedelta


SCHEDULE: dict[str, Job] = {}


def schedule(name: str, every: timedelta):
    """Register a task to run every `every`: `@schedule("core.x", timedelta(days=1))`."""

    def wrap(t: object) -> object:
        SCHEDULE[name] = Job(name, t, every)
        return t

    return wrap


def claim(job: Job) -> bool:
    """Mark the job as run now if it is due; True when this caller should run it."""
    from .models import ScheduledJobRun

    now = timezone.now()
    with transaction.atomic():
        run, created = ScheduledJobRun.objects.select_for_update().get_or_create(
            name=job.name, defaults={"last_run_at": now}
        )
        if created:
            return True
        if now - run.last_run_at < job.every:
            return False
        run.last_run_at = now
        run.save(update_fields=["last_run_at"])
        return True


def enqueue_due() -> list[str]:
    """Enqueue every due job; returns their names."""
    fired = []
    for job in SCHEDULE.values():
        if claim(job):
            job.task.enqueue()
            fired.append(job.name)
    return fired


@schedule("core.verify_audit_chains", timedelta(days=1))
@task()
def verify_audit_chains() -> dict[str, int]:
    """Daily: recompute every audit chain, compare it with the anchor file, append
    today's chain heads to it and send them on; log any break loudly."""
    from django.conf import settings

    from .audit_verify import fault_summary
    from .services.verification import run_verification

    outcome = run_verification(
        source="scheduled", anchor_file=settings.FUWU_AUDIT_ANCHOR_FILE, record_anchor=True
    )
    with translation.override("en"):  # the log is read by operators
        for report in outcome.broken:
            log.error(
                "audit chain of %s is broken: %s",
                report.organization,
                fault_summary(report).replace("\n", "; "),
            )
    for note in outcome.anchor_notes:
        log.error("%s", note)
    return {"broken": len(outcome.broken)}


@schedule("core.database_maintenance", timedelta(days=1))
@task()
def database_maintenance() -> str:
    """Daily: let SQLite refresh its query-planner statistics (PostgreSQL's autovacuum
    does this by itself), so large tables keep using the right indexes."""
    from django.db import connection

    if connection.vendor != "sqlite":
        return "nothing to do"
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA optimize=0x10002")
    return "optimized"


@schedule("core.prune_login_throttles", timedelta(hours=6))
@task()
def prune_login_throttles() -> int:
    """Forget failed-login counters older than a day."""
    from .models import LoginThrottle

    cutoff = timezone.now() - timedelta(days=1)
    deleted, _ = LoginThrottle.objects.filter(updated_at__lt=cutoff).delete()
    return deleted


@schedule("core.work_digest", timedelta(days=1))
@task()
def work_digest() -> int:
    """Daily: each person's due and overdue work by e-mail, in their language
    (core/work.py; Django's e-mail backend: console unless SMTP is set)."""
    from .work import send_digests

    return send_digests()


@schedule("core.seal_append_only", timedelta(minutes=5))
@task()
def seal_append_only() -> int:
    """Every few minutes: chain the append-only records written since (customer
    evaluations) into the audit trail, one audit entry per batch (core/seals.py)."""
    from .seals import seal_pending

    return seal_pending()
