"""The service manual in a real browser: preview, a live download behind the spinner,
then a version prepared, submitted and approved, and its frozen file downloaded."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from fuwu.documents.manual.selectors import manual_document
from tests.browser.helpers import log_in
from tests.documents.manual_support import dense, pdf_text

pytestmark = pytest.mark.browser


def download(page: Page, locator, folder: Path) -> Path:
    with page.expect_download() as info:
        locator.click()
    done = info.value
    assert done.failure() is None
    path = folder / done.suggested_filename
    done.save_as(path)
    return path


def test_preview_download_prepare_and_approve(page: Page, scene, tmp_path: Path):
    log_in(page, "alice")
    page.goto("/documents/manual/")
    expect(page.locator("[data-section=crossref]")).to_be_visible()
    expect(page.locator("[data-testid=manual-diagram] img")).to_be_visible()
    expect(page.locator("[data-section=contact_process]")).to_contain_text(
        "No contact points are recorded yet"
    )

    downloads = page.locator("[data-testid=manual-downloads] a")
    pdf = download(page, downloads.nth(0), tmp_path)
    assert re.fullmatch(r"lakeside-service-manual-\d{4}-\d\d-\d\d-en\.pdf", pdf.name)
    assert pdf.read_bytes().startswith(b"%PDF")
    expect(downloads.nth(0)).not_to_have_attribute("aria-busy", "true")  # spinner gone

    page.get_by_role("link", name="简体中文", exact=True).last.click()
    expect(page.locator("[data-testid=manual-preview]")).to_contain_text("湖畔酒店集团")

    prepare = page.locator("[data-testid=manual-prepare]")
    prepare.locator("select[name=language]").select_option("zh-hans")
    prepare.get_by_role("button").click()
    expect(page.locator("[data-version='1']")).to_contain_text("v1")
    frozen = download(page, page.locator("[data-testid=frozen-pdf]"), tmp_path)
    assert frozen.name == "lakeside-service-manual-v1.pdf"

    # One approver in this organization: the four-eyes rule lets her approve.
    page.locator("[data-testid=transition-submit] button").click()
    expect(page.locator("[data-testid=document-title]")).to_be_visible()
    page.goto("/documents/manual/")
    page.locator("[data-testid=transition-approve] button").click()
    page.goto("/documents/manual/")
    expect(page.locator("[data-version='1']")).to_contain_text("In force")
    approved = download(page, page.locator("[data-testid=frozen-pdf]"), tmp_path)
    assert approved.name == "lakeside-service-manual-v1-approved.pdf"
    # The approved file is drawn again: the same manual, its title page now saying so.
    assert approved.read_bytes() != frozen.read_bytes()
    assert dense("已批准") in dense(pdf_text(approved.read_bytes()))
    assert manual_document(scene.org).status == "approved"
