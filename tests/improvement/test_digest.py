"""The daily digest of "my work": one e-mail per person, in their language."""

from __future__ import annotations

import pytest
from django.core import mail

from fuwu.core.jobs import SCHEDULE

from .conftest import plan, raise_nc

pytestmark = pytest.mark.django_db


def test_daily_digest_in_each_persons_language(world, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    staff = world.users["staff"]
    staff.email, staff.language = "staff@example.com", "zh-hans"
    staff.save()
    manager = world.users["manager"]
    manager.email = "manager@example.com"
    manager.save()
    nc = raise_nc(world)
    plan(world, nc, owner="staff", due=-2)
    plan(world, nc, owner="manager", due=60)  # not due soon: no digest for it alone
    assert "core.work_digest" in SCHEDULE
    sent = SCHEDULE["core.work_digest"].task.call()
    by_person = {m.to[0]: m for m in mail.outbox}
    assert "staff@example.com" in by_person
    chinese = by_person["staff@example.com"]
    assert "纠正措施" in chinese.body and "逾期" in chinese.body
    assert "/improvement/actions/" in chinese.body
    # The manager owes a disposition (due within the week): in English.
    english = by_person["manager@example.com"]
    assert "Decide the disposition" in english.body
    assert sent == len(mail.outbox)
