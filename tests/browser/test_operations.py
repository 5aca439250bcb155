# ruff: noqa: RUF001 - the Chinese texts use full-width punctuation, as Chinese does
"""First-inquiry responsibility on a phone, in Chinese: front-line staff log a complaint
in seconds and become its first owner; once it has been handled, the site manager
closes it with the customer's confirmation."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from fuwu.core.models import Role
from fuwu.operations.models import CustomerRequest, RequestStatus
from tests.browser.helpers import PASSWORD
from tests.browser.loop import log_in, log_out, no_sideways_scroll
from tests.factories import MembershipFactory, UserFactory

from ..operations.conftest import COMPLAINT_STEPS

pytestmark = pytest.mark.browser


def member(scene, username, role, sites=None):
    user = MembershipFactory(
        user=UserFactory(username=username, password=PASSWORD, language="zh-hans"),
        organization=scene.org,
        role=role,
        **({"sites": sites} if sites else {}),
    ).user
    scene.users[username] = user
    return user


def test_staff_log_a_complaint_and_the_manager_closes_it_on_a_phone(phone: Page, scene):
    from fuwu.operations.services import requests as services

    west_lake = scene.sites[0]
    staff = member(scene, "wang", Role.STAFF, [west_lake])
    manager = member(scene, "zhao", Role.SITE_MANAGER, [west_lake])

    log_in(phone, "wang")
    phone.locator("[data-testid=card-log]").click()
    form = phone.locator("[data-testid=log-form]")
    form.locator("input[name=kind][value=complaint]").check()
    form.locator("#id_summary").fill("1208房空调噪音大，客人无法入睡")
    form.locator("input[name=priority][value=high]").check()
    form.locator("#id_immediate_action").fill("已告知客人工程人员十分钟内到达")
    form.locator("#id_customer_told_at_once").check()
    no_sideways_scroll(phone)
    form.locator("[data-testid=log]").click()
    expect(phone.locator(".alert")).to_contain_text("您是首问负责人")
    record = CustomerRequest.objects.get()
    assert record.number.startswith("CP-") and record.first_owner == staff
    assert record.summary_zh.startswith("1208房") and record.summary_en == ""
    expect(phone.locator("[data-testid=first-owner]")).to_contain_text(staff.display_name)
    no_sideways_scroll(phone)

    # Handled through its steps (the pages of each step are tested elsewhere).
    for name in COMPLAINT_STEPS:
        record = services.request_step(
            actor=staff, request=record, step=name, text_zh=f"{name}：已处理"
        )

    log_out(phone)
    log_in(phone, "zhao")
    phone.goto(record.get_absolute_url())
    expect(phone.locator("[data-testid=status]")).to_have_text("已告知处理决定")
    close = phone.locator("[data-testid=close]")
    close.locator("input[name=confirmation][value=satisfied]").check()
    close.locator("button[type=submit]").click()
    expect(phone.locator("[data-testid=closed]")).to_contain_text("满意")
    no_sideways_scroll(phone)
    record.refresh_from_db()
    assert record.status == RequestStatus.CLOSED and record.closed_by == manager
    assert record.first_owner == staff
