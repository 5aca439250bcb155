"""The satisfaction read layer's figures per group and filter equal a recomputation over
the raw answers, whatever the state of the rollups: none at all, rolled up to the first
500 evaluations with the rest raw, or all rolled up by an incremental refresh.

Each state is arranged once for all its group and filter cases (a savepoint inside the
scene of tests/measurement/test_satisfaction.py): refreshing the rollups per case cost a
minute per run."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta

import pytest
from django.db import transaction

from fuwu.measurement import satisfaction as reads
from tests.measurement.test_satisfaction import (  # noqa: F401 (scene: the module's fixture)
    FILTERS,
    START,
    arrange,
    recompute,
    resolve,
    same,
    scene,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def reference_data() -> None:
    """The scene seeds its own organizations (the package's fixture builds a world)."""


@pytest.fixture(scope="module", params=["raw", "tail", "refreshed"])
def state(request, scene, django_db_blocker) -> Iterator[str]:  # noqa: F811
    with django_db_blocker.unblock(), transaction.atomic():
        arrange(request.param)
        yield request.param
        transaction.set_rollback(True)


@pytest.mark.parametrize("group_by", [None, *reads.GROUPS])
@pytest.mark.parametrize("filters", FILTERS, ids=lambda f: "-".join(map(str, f.values())) or "all")
def test_figures_equal_a_recomputation_over_raw_rows(scene, state, group_by, filters):  # noqa: F811
    sites, points, characteristic, channel = resolve(scene, filters)
    # From the 4th of January to the 22nd of March: February whole (month rows),
    # the edges by day.
    start, end = START + timedelta(days=3), START + timedelta(days=80)
    figures = reads.satisfaction(
        organization=scene.org,
        user=scene.users["admin"],
        start=start,
        end=end,
        sites=sites,
        contact_points=points,
        characteristic=characteristic,
        channel=channel,
        group_by=group_by,
    )
    same(
        figures, recompute(scene.org, start, end, sites, points, characteristic, channel, group_by)
    )
