"""Scheduled jobs: each fires once per interval, however many workers check, and
with the immediate task backend of the tests it really runs."""

from __future__ import annotations

import logging
from datetime import timedelta

import pytest
from django.utils import timezone

from fuwu.core import services
from fuwu.core.jobs import (
    SCHEDULE,
    Job,
    claim,
    enqueue_due,
    prune_login_throttles,
    verify_audit_chains,
)
from fuwu.core.models import AuditEntry, LoginThrottle, ScheduledJobRun
from tests.core.helpers import requires_postgres, run_in_threads

pytestmark = pytest.mark.django_db

VERIFY = "core.verify_audit_chains"
PRUNE = "core.prune_login_throttles"


def test_core_registers_its_jobs():
    assert SCHEDULE[VERIFY].every == timedelta(days=1)
    assert SCHEDULE[VERIFY].task is verify_audit_chains
    assert SCHEDULE[PRUNE].every == timedelta(hours=6)
    assert SCHEDULE[PRUNE].task is prune_login_throttles


def last_run(name: str):
    return ScheduledJobRun.objects.get(name=name).last_run_at


def age(name: str, by: timedelta) -> None:
    """Pretend the job last ran `by` earlier than it did."""
    ScheduledJobRun.objects.filter(name=name).update(last_run_at=last_run(name) - by)


def test_every_job_fires_once_then_waits_for_its_interval(world):
    first = enqueue_due()
    assert sorted(first) == sorted(SCHEDULE)
    assert set(ScheduledJobRun.objects.values_list("name", flat=True)) == set(SCHEDULE)
    assert enqueue_due() == []
    assert enqueue_due() == []


def test_a_job_fires_again_once_its_interval_has_passed(world):
    enqueue_due()
    age(PRUNE, timedelta(hours=5, minutes=59))
    assert enqueue_due() == []
    age(PRUNE, timedelta(minutes=1))  # now exactly six hours ago
    assert enqueue_due() == [PRUNE]
    assert timezone.now() - last_run(PRUNE) < timedelta(minutes=1)
    assert enqueue_due() == []
    age(VERIFY, timedelta(days=1, seconds=1))
    age(PRUNE, timedelta(days=1, seconds=1))
    assert sorted(enqueue_due()) == sorted([VERIFY, PRUNE])


def test_claim_is_false_while_the_job_is_not_due(world):
    job = Job("test.hourly", prune_login_throttles, timedelta(hours=1))
    assert claim(job) is True
    assert claim(job) is False
    age("test.hourly", timedelta(minutes=59))
    assert claim(job) is False
    age("test.hourly", timedelta(minutes=2))
    assert claim(job) is True
    assert claim(job) is False


def test_the_prune_job_runs_and_forgets_old_failures(world):
    for key in ("old|1", "old|2", "fresh|3"):
        LoginThrottle.objects.create(key=key, failures=2)
    LoginThrottle.objects.filter(key__startswith="old").update(
        updated_at=timezone.now() - timedelta(days=1, minutes=1)
    )
    assert PRUNE in enqueue_due()
    assert list(LoginThrottle.objects.values_list("key", flat=True)) == ["fresh|3"]


def test_the_prune_task_returns_what_it_deleted(world):
    LoginThrottle.objects.create(key="old|1")
    LoginThrottle.objects.update(updated_at=timezone.now() - timedelta(days=2))
    result = prune_login_throttles.enqueue()
    assert result.return_value == 1
    assert not LoginThrottle.objects.exists()


def test_the_verify_task_finds_intact_chains(world):
    services.site_update(actor=world.users["admin"], site=world.sites[1], data={"address": "1"})
    services.site_update(
        actor=world.users["outsider"], site=world.other_site, data={"address": "2"}
    )
    result = verify_audit_chains.enqueue()
    assert result.return_value == {"broken": 0}


def test_the_verify_task_reports_a_broken_chain_loudly(world, caplog):
    services.site_update(actor=world.users["admin"], site=world.sites[1], data={"address": "1"})
    services.site_update(actor=world.users["admin"], site=world.sites[1], data={"address": "2"})
    AuditEntry.objects.filter(organization=world.org, seq=1).update(actor_name="nobody")
    with caplog.at_level(logging.ERROR, logger="fuwu.core.jobs"):
        result = verify_audit_chains.enqueue()
    assert result.return_value == {"broken": 1}
    assert "audit chain of Lakeside Hotels is broken" in caplog.text
    assert "#1" in caplog.text


def test_the_scheduled_verify_runs_through_enqueue_due(world, caplog):
    services.site_update(actor=world.users["admin"], site=world.sites[1], data={"address": "1"})
    AuditEntry.objects.filter(organization=world.org).delete()
    with caplog.at_level(logging.ERROR, logger="fuwu.core.jobs"):
        assert VERIFY in enqueue_due()
    assert "audit chain of Lakeside Hotels is broken" in caplog.text


# -- several workers (PostgreSQL) -------------------------------------------------------


@requires_postgres
def test_several_workers_fire_a_new_job_once(transactional_db):
    job = Job("test.race", prune_login_throttles, timedelta(hours=1))
    claims = run_in_threads(8, lambda i: claim(job))
    assert claims.count(True) == 1
    assert ScheduledJobRun.objects.filter(name="test.race").count() == 1


@requires_postgres
def test_several_workers_fire_a_due_job_once(transactional_db):
    job = Job("test.race", prune_login_throttles, timedelta(hours=1))
    ScheduledJobRun.objects.create(
        name="test.race", last_run_at=timezone.now() - timedelta(hours=2)
    )
    claims = run_in_threads(8, lambda i: claim(job))
    assert claims.count(True) == 1
    assert timezone.now() - last_run("test.race") < timedelta(minutes=1)


@requires_postgres
def test_several_workers_running_enqueue_due(transactional_db):
    fired = run_in_threads(6, lambda i: enqueue_due())
    everything = sorted(name for names in fired for name in names)
    assert everything == sorted(SCHEDULE)
