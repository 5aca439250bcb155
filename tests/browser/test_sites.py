"""The Sites register in a real browser: add, validate, scope and export."""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

import pytest
from openpyxl import load_workbook
from playwright.sync_api import Page, expect

from fuwu.core.models import AuditEntry, Role, Site
from tests.browser.helpers import PASSWORD, log_in
from tests.factories import MembershipFactory, UserFactory

pytestmark = pytest.mark.browser


def download(page: Page, link_name: str, folder: Path) -> Path:
    """Click a download link; the file, saved under the name the server suggested."""
    with page.expect_download() as info:
        page.get_by_role("link", name=link_name).click()
    done = info.value
    assert done.failure() is None
    path = folder / done.suggested_filename
    done.save_as(path)
    return path


def csv_rows(path: Path) -> list[dict[str, str]]:
    # utf-8-sig: the export starts with a BOM so that Excel reads Chinese correctly.
    return list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8-sig"))))


def test_add_a_site_then_export_it(page: Page, scene, tmp_path: Path):
    log_in(page, "alice")
    page.locator("[data-testid=main-nav]").get_by_role("link", name="Sites", exact=True).click()
    expect(page).to_have_url(re.compile(r"/sites/$"))
    page.get_by_role("link", name="Add Site").click()
    expect(page).to_have_url(re.compile(r"/sites/add/$"))

    page.fill("#id_code", "SZ")
    page.fill("#id_name_en", "Lakeside Hotel Shenzhen Bay")
    page.fill("#id_name_zh", "湖畔酒店深圳湾店")
    page.fill("#id_address", "9 Binhai Avenue, Shenzhen")
    expect(page.locator("#id_is_active")).to_be_checked()
    page.get_by_role("button", name="Save").click()

    expect(page.locator(".alert-success")).to_contain_text("Saved.")
    site = Site.objects.get(organization=scene.org, code="SZ")
    expect(page).to_have_url(re.compile(rf"/sites/{site.pk}/$"))
    assert (site.name_zh, site.is_active) == ("湖畔酒店深圳湾店", True)
    assert AuditEntry.objects.filter(object_type="core.site", object_id=str(site.pk)).exists()

    page.goto("/sites/")
    table = page.locator("[data-testid=register-table]")
    row = table.locator("tbody tr", has_text="SZ")
    expect(row).to_contain_text("Lakeside Hotel Shenzhen Bay")
    expect(row).to_contain_text("9 Binhai Avenue, Shenzhen")
    expect(table.locator("tbody tr")).to_have_count(4)

    path = download(page, "Export CSV", tmp_path)
    assert path.name == "lakeside-sites.csv"
    rows = csv_rows(path)
    assert sorted(r["Code"] for r in rows) == ["BD", "GZ", "SZ", "WL"]
    new = next(r for r in rows if r["Code"] == "SZ")
    assert new["Name (Chinese)"] == "湖畔酒店深圳湾店"
    assert new["Address"] == "9 Binhai Avenue, Shenzhen"

    path = download(page, "Export Excel", tmp_path)
    assert path.name == "lakeside-sites.xlsx"
    sheet = load_workbook(path, read_only=True).active
    values = [list(r) for r in sheet.iter_rows(values_only=True)]
    assert values[0][:2] == ["Code", "Name"]
    codes = [r[0] for r in values[1:]]
    assert sorted(codes) == ["BD", "GZ", "SZ", "WL"]
    assert "湖畔酒店深圳湾店" in next(r for r in values if r[0] == "SZ")


def test_a_form_with_errors_says_so_and_saves_nothing(page: Page, scene):
    sites_before = Site.objects.count()
    audit_before = AuditEntry.objects.count()
    log_in(page, "alice")
    page.goto("/sites/add/")

    # No code: the message sits under the field, the rest of the input is kept.
    page.fill("#id_name_en", "Nameless code")
    with page.expect_response(lambda r: r.request.method == "POST") as answer:
        page.get_by_role("button", name="Save").click()
    assert answer.value.status == 400
    expect(page).to_have_url(re.compile(r"/sites/add/$"))
    expect(page.locator(".mb-3:has(#id_code) .invalid-feedback")).to_have_text(
        "This field is required."
    )
    expect(page.locator("#id_name_en")).to_have_value("Nameless code")
    expect(page.locator(".alert-success")).to_have_count(0)

    # A code the organization already uses: the service's error comes back to the form.
    page.fill("#id_code", "WL")
    with page.expect_response(lambda r: r.request.method == "POST") as answer:
        page.get_by_role("button", name="Save").click()
    assert answer.value.status == 400
    error = page.locator(".mb-3:has(#id_code) .invalid-feedback, [data-testid=form-errors]")
    expect(error).to_have_count(1)
    expect(error).to_contain_text(re.compile("code", re.IGNORECASE))

    assert Site.objects.count() == sites_before
    assert AuditEntry.objects.count() == audit_before


def test_a_site_manager_sees_only_their_site(page: Page, scene, tmp_path: Path):
    west_lake, bund, _ = scene.sites
    MembershipFactory(
        user=UserFactory(username="mei", password=PASSWORD),
        organization=scene.org,
        role=Role.SITE_MANAGER,
        sites=[west_lake],
    )
    log_in(page, "mei")
    expect(page.locator("[data-testid=count-sites]")).to_have_text("1")

    page.goto("/sites/")
    rows = page.locator("[data-testid=register-table] tbody tr")
    expect(rows).to_have_count(1)
    expect(rows.first).to_contain_text("WL")
    expect(rows.first).to_contain_text("Lakeside Hotel West Lake")
    expect(page.get_by_role("link", name="Add Site")).to_have_count(0)

    # Searching does not reach other sites either.
    page.goto("/sites/?q=Bund")
    expect(page.locator("[data-testid=register-empty]")).to_be_visible()

    # Nor does the export, nor the address of another site.
    page.goto("/sites/")
    path = download(page, "Export CSV", tmp_path)
    assert [r["Code"] for r in csv_rows(path)] == ["WL"]
    answer = page.goto(f"/sites/{bund.pk}/")
    assert answer is not None and answer.status == 404
