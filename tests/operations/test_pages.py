"""The pages: a complaint taken through its steps on its record page (in Chinese), a
step out of order answered 409 with the reason, the hand-over form, the closure with
the customer's confirmation, the overdue list, the settings, the card."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from fuwu.operations.models import RequestStatus

from .conftest import COMPLAINT_STEPS, log, through

pytestmark = pytest.mark.django_db


def test_steps_on_the_record_page_in_chinese(world):
    record = log(world)
    client = world.client("staff")
    client.cookies["django_language"] = "zh-hans"
    page = client.get(record.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="zh-hans")
    assert "确认受理" in page.content.decode() and "时间线" in page.content.decode()
    url = reverse("operations:request_step", args=[record.pk, "respond"])
    refused = client.post(url, {"respond-text": "对不起"})
    assert refused.status_code == 409
    for name in COMPLAINT_STEPS:
        url = reverse("operations:request_step", args=[record.pk, name])
        answer = client.post(url, {f"{name}-text": "已处理"})
        assert answer.status_code == 302, (name, answer.content.decode()[:500])
    record.refresh_from_db()
    assert record.status == RequestStatus.DECIDED and record.decision_zh == "已处理"
    assert record.decision_en == ""


def test_hand_over_and_close_with_the_confirmation(world):
    record = log(world)
    staff, manager = world.client("staff"), world.client("manager")
    moved = staff.post(
        reverse("operations:request_transfer", args=[record.pk]),
        {"to": world.users["manager"].pk, "reason": "Needs the manager"},
    )
    assert moved.status_code == 302
    record = through(world, record, *COMPLAINT_STEPS, actor="manager")
    page = manager.get(record.get_absolute_url()).content.decode()
    assert 'data-testid="close"' in page and 'data-testid="first-owner"' in page
    url = reverse("operations:request_close", args=[record.pk])
    assert manager.post(url, {"resolved": "1"}).status_code == 400  # no confirmation
    assert staff.post(url, {"confirmation": "satisfied", "resolved": "1"}).status_code == 403
    assert manager.post(url, {"confirmation": "satisfied", "resolved": "1"}).status_code == 302
    record.refresh_from_db()
    assert record.is_closed and record.first_owner == world.users["staff"]


def test_the_overdue_list_the_card_and_the_settings(world):
    late = log(world, kind="request", received_at=timezone.now() - timedelta(hours=3))
    client = world.client("manager")
    assert late.number in client.get(reverse("operations:request_overdue")).content.decode()
    home = client.get("/").content.decode()
    assert 'data-testid="requests-overdue">1<' in home and 'data-testid="card-log"' in home
    quality = world.client("quality")
    assert quality.get(reverse("operations:settings")).status_code == 200
    data = {
        f"response_{k}_{p}": 30
        for k in ("request", "enquiry", "complaint", "compliment")
        for p in ("urgent", "high", "normal")
    }
    data |= {
        f"resolution_{k}_{p}": 24
        for k in ("request", "enquiry", "complaint", "compliment")
        for p in ("urgent", "high", "normal")
    }
    assert quality.post(reverse("operations:settings"), data).status_code == 302
    assert (
        quality.post(
            reverse("operations:settings"), data | {"response_request_high": 0}
        ).status_code
        == 400
    )
    assert client.get(reverse("operations:settings")).status_code == 403
