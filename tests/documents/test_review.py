"""Review dates: set by approval, overdue flagged in the register and on the page,
reminders written by the daily job, the periodic review moving the date on."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from fuwu.core.dates import add_months
from fuwu.core.errors import StateConflict
from fuwu.core.jobs import SCHEDULE
from fuwu.core.models import AuditEntry
from fuwu.documents import services
from fuwu.documents.jobs import review_reminders
from fuwu.documents.models import ReviewReminder

from .conftest import api, approve, make_document

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [
        (date(2026, 1, 31), 1, date(2026, 2, 28)),
        (date(2028, 1, 31), 1, date(2028, 2, 29)),
        (date(2026, 11, 15), 12, date(2027, 11, 15)),
        (date(2026, 3, 31), -1, date(2026, 2, 28)),
        (date(2026, 12, 1), 1, date(2027, 1, 1)),
    ],
)
def test_add_months(day, months, expected):
    assert add_months(day, months) == expected


def test_approval_sets_the_next_review_one_interval_later(world):
    document = make_document(world, review_interval_months=6)
    approve(world, document)
    assert document.next_review_date == add_months(timezone.localdate(), 6)
    assert not document.is_overdue()


def test_a_document_approved_on_paper_long_ago_is_overdue(world):
    document = make_document(world)
    approve(world, document, approved_on=timezone.localdate() - timedelta(days=400))
    assert document.is_overdue()


def test_an_approval_date_in_the_future_is_refused(world):
    document = make_document(world)
    with pytest.raises(ValidationError):
        approve(world, document, approved_on=timezone.localdate() + timedelta(days=1))


def overdue_and_fresh(world):
    old = make_document(world, title_en="Old procedure")
    approve(world, old, approved_on=timezone.localdate() - timedelta(days=400))
    fresh = make_document(world, title_en="Fresh procedure")
    approve(world, fresh)
    return old, fresh


def test_the_register_filters_and_flags_overdue_documents(world):
    old, fresh = overdue_and_fresh(world)
    client = world.client("viewer")
    flagged = client.get("/documents/?overdue=1").content.decode()
    assert old.number in flagged and fresh.number not in flagged
    assert 'data-testid="overdue"' in flagged
    rest = client.get("/documents/?overdue=0").content.decode()
    assert fresh.number in rest and old.number not in rest
    assert api(world, "viewer").get("/api/v1/documents/?overdue=1").json()["count"] == 1
    detail = client.get(f"/documents/{old.pk}/").content.decode()
    assert 'data-testid="overdue-alert"' in detail


def test_the_reminder_job_reminds_once_per_cycle(world):
    soon = make_document(world, title_en="Soon")
    approve(world, soon, approved_on=add_months(timezone.localdate(), -12) + timedelta(days=10))
    later = make_document(world, title_en="Later")
    approve(world, later, approved_on=add_months(timezone.localdate(), -12) + timedelta(days=20))
    _old, _fresh = overdue_and_fresh(world)
    assert services.review_reminders_create() == 2  # soon (10 days) and old (overdue)
    assert services.review_reminders_create() == 0  # already reminded this cycle
    assert set(ReviewReminder.objects.values_list("document__title_en", flat=True)) == {
        "Soon",
        "Old procedure",
    }
    # Written by the system, in the audit trail.
    entry = AuditEntry.objects.get(
        object_type="documents.reviewreminder",
        object_id=str(ReviewReminder.objects.get(document=soon).pk),
    )
    assert (entry.action, entry.actor_name) == ("create", "system")
    # Ten days on, "Later" comes within two weeks of its review.
    assert services.review_reminders_create(today=timezone.localdate() + timedelta(days=10)) == 1


def test_the_reminder_is_a_daily_scheduled_task(world):
    assert SCHEDULE["documents.review_reminders"].every == timedelta(days=1)
    soon = make_document(world)
    approve(world, soon, approved_on=add_months(timezone.localdate(), -12) + timedelta(days=3))
    result = review_reminders.enqueue()  # the tests run tasks at once
    assert result.return_value == 1


def test_reminders_show_on_the_page_and_in_the_register(world):
    soon = make_document(world, title_en="Soon")
    approve(world, soon, approved_on=add_months(timezone.localdate(), -12) + timedelta(days=5))
    services.review_reminders_create()
    client = world.client("staff")
    register = client.get("/documents/?reminded=1").content.decode()
    assert soon.number in register and 'data-testid="due-soon"' in register
    assert 'data-testid="reminder-alert"' in client.get(f"/documents/{soon.pk}/").content.decode()


def test_the_periodic_review_moves_the_date_on(world):
    old, _fresh = overdue_and_fresh(world)
    with pytest.raises(Exception, match="permission"):
        services.document_review_confirm(actor=world.users["manager"], document=old)
    response = world.client("quality").post(
        f"/documents/{old.pk}/review/", {"note": "Still matches practice."}
    )
    assert response.status_code == 302
    old.refresh_from_db()
    assert old.next_review_date == add_months(timezone.localdate(), 12)
    assert old.last_reviewed_by == world.users["quality"] and not old.is_overdue()
    assert old.last_review_note == "Still matches practice."
    entry = AuditEntry.objects.filter(object_type="documents.document", object_id=str(old.pk))
    assert entry.latest("seq").after["last_review_note"] == "Still matches practice."


def test_only_approved_documents_are_reviewed(world):
    draft = make_document(world)
    with pytest.raises(StateConflict):
        services.document_review_confirm(actor=world.users["quality"], document=draft)
