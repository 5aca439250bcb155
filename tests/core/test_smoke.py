"""Every page of core answers for its users."""

import pytest

pytestmark = pytest.mark.django_db


def test_dashboard_and_registers_render(world):
    client = world.client("admin")
    for url in [
        "/",
        "/sites/",
        "/members/",
        "/audit/",
        "/section/leadership/",
        "/sites/add/",
        "/members/add/",
        f"/sites/{world.sites[0].pk}/",
        f"/sites/{world.sites[0].pk}/edit/",
        f"/sites/{world.sites[0].pk}/history/",
    ]:
        response = client.get(url)
        assert response.status_code == 200, url
