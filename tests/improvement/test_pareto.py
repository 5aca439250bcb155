"""Pareto analyses: counts by dimension, largest first, cumulative share; the page,
its table, its exports and the period; the deadlines page."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from fuwu.improvement.models import ImprovementSettings, Nonconformity
from fuwu.improvement.pareto import BY_KEY, pareto
from fuwu.improvement.services import nonconformities as nc_services

from .conftest import raise_nc

pytestmark = pytest.mark.django_db


def analyse(world, nc, category):
    nc_services.nonconformity_analyse(
        actor=world.users["quality"],
        nonconformity=nc,
        cause_category=category,
        root_cause_en="x",
    )


def test_bars_largest_first_with_cumulative_share(world):
    for category in ("people", "people", "people", "method"):
        analyse(world, raise_nc(world), category)
    raise_nc(world)  # not analysed: last whatever its count
    chart = pareto(Nonconformity.objects.all(), BY_KEY["cause"], world.org)
    assert [(b.label, b.count) for b in chart.bars] == [
        ("People", 3),
        ("Method", 1),
        ("Not analysed", 1),
    ]
    assert [round(b.cumulative) for b in chart.bars] == [60, 80, 100]
    sites = pareto(Nonconformity.objects.all(), BY_KEY["site"], world.org)
    first = world.sites[0]
    assert sites.bars[0].label == f"{first.code} {first.name}" and sites.total == 5
    assert sites.bars[0].short == first.code  # the axis shows the code


def test_page_period_scope_and_exports(world):
    raise_nc(world)
    raise_nc(world, site=1, actor="quality", detected_at=timezone.now() - timedelta(days=400))
    page = world.client("quality").get("/improvement/pareto/")
    assert page.status_code == 200
    assert 'data-testid="pareto-cause"' in page.content.decode()
    assert "1 nonconformity from" in page.content.decode()  # the old one is out of the period
    start = (timezone.localdate() - timedelta(days=500)).isoformat()
    page = world.client("quality").get(f"/improvement/pareto/?start={start}")
    assert "2 nonconformities" in page.content.decode()
    csv = (
        world.client("quality")
        .get(f"/improvement/pareto/?start={start}&export=csv&by=site")
        .getvalue()
        .decode()
    )
    assert world.sites[0].name in csv and world.sites[1].name in csv
    # A site manager sees their site only.
    csv = (
        world.client("manager")
        .get(f"/improvement/pareto/?start={start}&export=csv&by=site")
        .getvalue()
        .decode()
    )
    assert world.sites[1].name not in csv
    xlsx = world.client("auditor").get("/improvement/pareto/?export=xlsx&by=cause")
    assert xlsx.status_code == 200
    assert world.client("quality").get("/improvement/pareto/?export=csv&by=x").status_code == 400
    assert (
        world.client("quality")
        .get("/improvement/pareto/?start=2026-05-01&end=2026-01-01")
        .status_code
        == 400
    )
    assert world.client("staff").get("/improvement/pareto/?export=csv&by=site").status_code == 403


def test_deadlines_page(world):
    assert world.client("manager").get("/improvement/settings/").status_code == 403
    client = world.client("quality")
    assert client.get("/improvement/settings/").status_code == 200
    answer = client.post(
        "/improvement/settings/",
        {"disposition_days": 3, "overdue_days": 14, "verification_days": 21},
    )
    assert answer.status_code == 302
    saved = ImprovementSettings.objects.get(organization=world.org)
    assert (saved.disposition_days, saved.overdue_days, saved.verification_days) == (3, 14, 21)
    assert client.post("/improvement/settings/", {"disposition_days": 0}).status_code == 400
