"""Pages and the API of improvement run a bounded number of queries, whatever the
number of nonconformities and actions."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from rest_framework.test import APIClient

from .conftest import complete, plan, raise_nc

pytestmark = pytest.mark.django_db

PAGES = [
    "/improvement/nonconformities/",
    "/improvement/actions/",
    "/improvement/pareto/",
    "/my-work/",
    "/",
]


def count(client, url):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def grow(world, n):
    for _ in range(n):
        nc = raise_nc(world)
        action = plan(world, nc, owner="manager")
        complete(world, action, actor="manager")
        plan(world, nc, owner="manager", due=-2)


@pytest.mark.parametrize("username", ["quality", "manager"])
def test_pages_do_not_grow_with_the_data(world, username):
    grow(world, 1)
    client = world.client(username)
    client.get("/")
    before = {url: count(client, url) for url in PAGES}
    grow(world, 6)
    after = {url: count(client, url) for url in PAGES}
    assert after == before


def test_record_pages_are_bounded(world, django_assert_max_num_queries):
    nc = raise_nc(world)
    for _ in range(5):
        plan(world, nc)
    client = world.client("quality")
    client.get("/")
    with django_assert_max_num_queries(40):
        assert client.get(f"/improvement/nonconformities/{nc.pk}/").status_code == 200
    action = nc.actions.first()
    with django_assert_max_num_queries(30):
        assert client.get(f"/improvement/actions/{action.pk}/").status_code == 200


def test_api_lists_do_not_grow(world):
    api = APIClient()
    api.force_authenticate(world.users["quality"])
    grow(world, 1)
    before = [count(api, "/api/v1/nonconformities/"), count(api, "/api/v1/actions/")]
    grow(world, 5)
    assert [count(api, "/api/v1/nonconformities/"), count(api, "/api/v1/actions/")] == before
