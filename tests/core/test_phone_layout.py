"""The markup the phone layout needs (the browser test checks how it looks at
390 px): every register cell carries its column heading, and the filters fold
unless one is in use."""

from __future__ import annotations

import re

import pytest

pytestmark = pytest.mark.django_db

PANEL = re.compile(r'<div class="([^"]*)" id="filters-panel">')


def panel_classes(page: str) -> set[str]:
    return set(PANEL.search(page).group(1).split())


@pytest.mark.parametrize("url", ["/sites/", "/standard/conformity/"])
def test_filters_fold_unless_in_use(world, url):
    client = world.client("admin")
    page = client.get(url).content.decode()
    assert {"collapse", "d-sm-block"} <= panel_classes(page)
    assert "show" not in panel_classes(page)
    assert 'data-testid="filters-toggle"' in page
    used = "?is_active=true" if url == "/sites/" else "?status=conforming"
    page = client.get(url + used).content.decode()
    assert "show" in panel_classes(page)


def test_register_cells_carry_their_column_heading(world):
    page = world.client("admin").get("/sites/").content.decode()
    row = page.split("<tbody>")[1].split("</tr>")[0]
    assert re.findall(r'data-label="([^"]+)"', row) == ["Code", "Name", "Address", "Active"]
    assert 'class="table table-vcenter card-table fuwu-stack"' in page
