"""The conformity dashboard in a real browser: from a failing clause to the record
that causes it, fix it there, and see the clause turn conforming; in English and
in Chinese, with the conformity report downloaded as PDF on the way.

The organization is set up through the services: the scope is stated (clause 1),
the service policy is approved with its four elements confirmed (4.2.3.1), and a
procedure approved thirteen months ago with a twelve-month review cycle is
overdue for review, so 4.6.4 fails until the quality manager records the review.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from fuwu.core.dates import add_months
from fuwu.core.models import AuditEntry, Role, User
from fuwu.documents import services as documents
from fuwu.documents.checklists import POLICY_ELEMENTS
from fuwu.documents.models import Category, Document
from fuwu.standard import services as standard
from fuwu.standard.conformity import Status, evaluate
from fuwu.standard.loading import load_packaged_libraries
from tests.browser.helpers import PASSWORD, log_in
from tests.factories import MembershipFactory, UserFactory

pytestmark = pytest.mark.browser

DASHBOARD = "/standard/conformity/"
# The status labels of the glossary (SB/T 10382: 符合 / 不符合), as the badges show them.
LABELS = {
    "en": {
        Status.CONFORMING: "Conforming",
        Status.NONCONFORMING: "Nonconforming",
        "fail": "Fail",
        "pass": "Pass",
    },
    "zh-hans": {
        Status.CONFORMING: "符合",
        Status.NONCONFORMING: "不符合",
        "fail": "未通过",
        "pass": "通过",
    },
}


@dataclass
class Walk:
    quality: User
    policy: Document
    overdue: Document


def _approve(document: Document, *, author: User, approver: User, approved_on=None) -> None:
    version = document.versions.get(number=1)
    version = documents.version_submit(actor=author, version=version)
    documents.version_approve(
        actor=approver,
        version=version,
        confirmed=[item.key for item in POLICY_ELEMENTS],
        approved_on=approved_on,
    )


@pytest.fixture
def walk(scene) -> Walk:
    """Lakeside, set up through the services as the docstring says."""
    # The catalog comes with `migrate`; the flush between live-server tests (which
    # emits no post_migrate with `apps`) takes it away again, so load it here.
    load_packaged_libraries()
    quality = MembershipFactory(
        user=UserFactory(username="qiang", first_name="Qiang", last_name="Li", password=PASSWORD),
        organization=scene.org,
        role=Role.QUALITY_MANAGER,
    ).user
    admin = scene.admin
    standard.scope_update(
        actor=admin,
        organization=scene.org,
        data={
            "statement_en": "Accommodation, food and beverage at all Lakeside hotels.",
            "statement_zh": "湖畔酒店集团各酒店的住宿与餐饮服务。",
            "all_sites": True,
        },
    )
    policy = documents.document_create(
        actor=admin,
        organization=scene.org,
        data={"title_en": "Service policy", "title_zh": "服务方针", "category": Category.POLICY},
        body_en="# Service policy\n\nEvery guest leaves wanting to come back.\n",
        body_zh="# 服务方针\n\n让每一位宾客都愿意再来。\n",
    )
    _approve(policy, author=admin, approver=quality)
    overdue = documents.document_create(
        actor=admin,
        organization=scene.org,
        data={
            "title_en": "Complaint handling",
            "title_zh": "投诉处理程序",
            "category": Category.PROCEDURE,
            "review_interval_months": 12,
        },
        body_en="# Complaint handling\n\n1. Listen.\n2. Resolve within 24 hours.\n",
        body_zh="# 投诉处理程序\n\n1. 倾听。\n2. 24小时内解决。\n",
    )
    approved_on = add_months(timezone.localdate(), -13)
    _approve(overdue, author=admin, approver=quality, approved_on=approved_on)
    overdue.refresh_from_db()
    assert overdue.is_overdue()
    # What the walk starts from, according to the engine itself.
    report = evaluate(scene.org)
    assert report.by_ref["1"].status == Status.CONFORMING
    assert report.by_ref["4.2.3.1"].status == Status.CONFORMING
    assert report.by_ref["4.6.4"].status == Status.NONCONFORMING
    return Walk(quality=quality, policy=policy, overdue=overdue)


def switch_language(page: Page, code: str) -> None:
    page.locator(f"[data-testid=language-switcher] button[value={code}]").click()
    expect(page.locator("html")).to_have_attribute("lang", code)


def open_dashboard(page: Page) -> None:
    page.locator(f"[data-testid=main-nav] a[href='{DASHBOARD}']").click()
    expect(page).to_have_url(re.compile(rf"{DASHBOARD}$"))
    expect(page.locator("[data-testid=clause-table]")).to_be_visible()


def status_badge(page: Page, ref: str):
    return page.locator(f"[data-testid=clause-table] tr[data-ref='{ref}'] [data-status]")


@pytest.mark.parametrize("language", ["en", "zh-hans"])
def test_from_a_failing_clause_to_the_record_that_fixes_it(
    page: Page, walk: Walk, language: str, tmp_path
):
    labels = LABELS[language]
    document = walk.overdue
    title = document.title_zh if language == "zh-hans" else document.title_en
    log_in(page, "qiang")
    if language != "en":
        switch_language(page, language)

    # The dashboard: policy and scope conform, 4.6.4 does not, and says why.
    open_dashboard(page)
    for ref in ("1", "4.2.3.1"):
        expect(status_badge(page, ref)).to_have_attribute("data-status", "conforming")
        expect(status_badge(page, ref)).to_have_text(labels[Status.CONFORMING])
    row = page.locator("[data-testid=clause-table] tr[data-ref='4.6.4']")
    expect(status_badge(page, "4.6.4")).to_have_attribute("data-status", "nonconforming")
    expect(status_badge(page, "4.6.4")).to_have_text(labels[Status.NONCONFORMING])
    expect(row).to_contain_text(f"{document.number} {title}")

    # The conformity report, from the dashboard's button.
    with page.expect_download() as info:
        page.locator("[data-testid=report-export] a", has_text="PDF").click()
    download = info.value
    assert download.failure() is None
    suffix = "-zh.pdf" if language == "zh-hans" else "-en.pdf"
    assert download.suggested_filename.endswith(suffix), download.suggested_filename
    saved = tmp_path / download.suggested_filename
    download.save_as(saved)
    assert saved.read_bytes().startswith(b"%PDF")

    # Nonconforming only: the table is swapped in place (HTMX) and the URL follows.
    page.select_option("#id_status", "nonconforming")
    expect(page).to_have_url(re.compile(r"status=nonconforming"))
    badges = page.locator("[data-testid=clause-table] tbody [data-status]")
    expect(page.locator("[data-testid=clause-table] tbody tr[data-ref='4.2.3.1']")).to_have_count(0)
    expect(row).to_be_visible()
    assert badges.count() >= 1
    expect(
        page.locator(
            "[data-testid=clause-table] tbody [data-status]:not([data-status=nonconforming])"
        )
    ).to_have_count(0)

    # The clause page: the failing check names the document and links to it.
    row.locator("a.fuwu-ref").click()
    expect(page).to_have_url(re.compile(r"/standard/clause/4\.6\.4/$"))
    expect(page.locator("[data-testid=clause-status] [data-status]")).to_have_text(
        labels[Status.NONCONFORMING]
    )
    check = page.locator("tr[data-check='documents.reviews_current']")
    expect(check.locator("[data-check-status]")).to_have_attribute("data-check-status", "fail")
    expect(check.locator("[data-check-status]")).to_have_text(labels["fail"])
    expect(check).to_contain_text(f"{document.number} {title}")
    owned = page.locator("tr[data-check='documents.owned'] [data-check-status]")
    expect(owned).to_have_attribute("data-check-status", "pass")

    # Follow the record link to the document.
    check.locator("[data-testid=records] a", has_text=document.number).click()
    expect(page).to_have_url(re.compile(rf"/documents/{document.pk}/$"))
    expect(page.locator("[data-testid=document-title]")).to_contain_text(title)
    expect(page.locator("[data-testid=overdue-alert]")).to_be_visible()

    # Fix it: the periodic review finds the procedure still adequate.
    review = page.locator("[data-testid=review-form]")
    review.locator("textarea, input[type=text]").first.fill("Still adequate; steps unchanged.")
    review.get_by_role("button").click()
    expect(page.locator(".alert-success")).to_be_visible()
    expect(page.locator("[data-testid=overdue-alert]")).to_have_count(0)
    next_review = add_months(timezone.localdate(), document.review_interval_months)
    expect(page.locator("[data-testid=next-review]")).to_have_text(next_review.isoformat())

    document.refresh_from_db()
    assert document.next_review_date == next_review
    assert document.last_reviewed_by == walk.quality
    assert document.last_review_note == "Still adequate; steps unchanged."
    assert not document.is_overdue()
    entry = AuditEntry.objects.filter(
        organization=document.organization,
        object_type="documents.document",
        object_id=str(document.pk),
    ).latest("seq")
    assert (entry.action, entry.actor) == ("update", walk.quality)
    assert entry.after["next_review_date"] == next_review.isoformat()

    # Back on the dashboard, 4.6.4 conforms and has left the nonconforming list.
    open_dashboard(page)
    expect(status_badge(page, "4.6.4")).to_have_attribute("data-status", "conforming")
    expect(status_badge(page, "4.6.4")).to_have_text(labels[Status.CONFORMING])
    page.select_option("#id_status", "nonconforming")
    expect(page).to_have_url(re.compile(r"status=nonconforming"))
    expect(page.locator("[data-testid=clause-table] tbody tr[data-ref='4.6.4']")).to_have_count(0)
    page.goto("/standard/clause/4.6.4/")
    expect(page.locator("[data-testid=clause-status] [data-status]")).to_have_attribute(
        "data-status", "conforming"
    )
    fixed = page.locator("tr[data-check='documents.reviews_current'] [data-check-status]")
    expect(fixed).to_have_attribute("data-check-status", "pass")
    expect(fixed).to_have_text(labels["pass"])
    assert evaluate(document.organization).by_ref["4.6.4"].status == Status.CONFORMING
