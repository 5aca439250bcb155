"""The service blueprint's page, its SVG download and its API: within the reader's
scope, a 404 (never a 500) for a site they may not see, JSON or SVG on request."""

from __future__ import annotations

import json
import re
from typing import Any
from xml.etree import ElementTree

import pytest
from django.test import Client
from rest_framework.test import APIClient

from .conftest import make_point, specified

pytestmark = pytest.mark.django_db

PAGE = "/design/blueprint/"
DOWNLOAD = "/design/blueprint.svg"
API = "/api/v1/blueprint/"


def api(world: Any, username: str) -> APIClient:
    client = APIClient()
    client.force_authenticate(world.users[username])
    return client


# -- the page ------------------------------------------------------------------------------


def test_the_page_draws_the_blueprint_inline(world):
    point = make_point(world, "FD", manned=False)
    specified(world, point)
    page = world.client("staff").get(PAGE)
    assert page.status_code == 200
    html = page.content.decode()
    svg = re.search(r"<svg.*?</svg>", html, re.S).group(0)
    ElementTree.fromstring(svg)
    assert "Requirement for facilities" in svg
    assert f'href="/design/contact-points/{point.pk}/"' in svg
    # Nothing the content security policy would block.
    assert "<script" not in svg and "style=" not in svg
    assert 'href="/design/contact-points/"' in html
    assert 'href="/design/blueprint.svg"' in html
    assert "1 unmanned" in html


def test_the_site_selector_offers_the_sites_one_may_see(world):
    make_point(world, "FD")
    staff = world.client("staff").get(PAGE).content.decode()
    assert f'value="{world.sites[0].pk}"' in staff
    assert f'value="{world.sites[1].pk}"' not in staff  # outside the staff member's scope
    quality = world.client("quality").get(f"{PAGE}?site={world.sites[1].pk}").content.decode()
    assert f'value="{world.sites[1].pk}" selected' in quality
    assert f'href="/design/blueprint.svg?site={world.sites[1].pk}"' in quality


def test_the_empty_page_says_where_to_start(world):
    page = world.client("quality").get(PAGE)
    assert page.status_code == 200
    assert b'data-testid="blueprint-empty"' in page.content
    assert b"<svg" not in page.content


@pytest.mark.parametrize("wanted", ["abc", "-1", "99999999", "9" * 30, "1e3", " "])
def test_a_site_that_is_not_a_site_is_a_404(world, wanted):
    status = world.client("quality").get(PAGE, {"site": wanted}).status_code
    assert status == (200 if wanted == " " else 404)


def test_sites_outside_ones_scope_are_a_404(world):
    assert world.client("staff").get(f"{PAGE}?site={world.sites[1].pk}").status_code == 404
    other = world.client("quality").get(f"{PAGE}?site={world.other_site.pk}")
    assert other.status_code == 404
    outsider = world.client("outsider").get(f"{DOWNLOAD}?site={world.sites[0].pk}")
    assert outsider.status_code == 404


def test_anonymous_visitors_are_sent_to_log_in():
    response = Client().get(PAGE)
    assert response.status_code == 302 and "login" in response["Location"]


# -- the download --------------------------------------------------------------------------


def test_the_download_is_an_svg_file(world):
    specified(world, make_point(world, "FD"))
    site = world.sites[0]
    response = world.client("staff").get(f"{DOWNLOAD}?site={site.pk}")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("image/svg+xml")
    assert (
        response["Content-Disposition"]
        == f'attachment; filename="lakeside-blueprint-{site.code}.svg"'
    )
    root = ElementTree.fromstring(response.content)
    assert "Requirement for facilities" in " ".join(root.itertext())


def test_the_download_in_either_language(world):
    make_point(world, "FD")
    client = world.client("quality")
    chinese = client.get(DOWNLOAD, {"lang": "zh-hans"}).content.decode()
    assert "服务蓝图" in chinese and "前台 FD" in chinese
    english = client.get(DOWNLOAD, {"lang": "en"}).content.decode()
    assert "Service blueprint" in english and "Front desk FD" in english
    assert client.get(DOWNLOAD, {"lang": "fr"}).status_code == 400


# -- the API -------------------------------------------------------------------------------


def test_the_api_answers_json_by_default(world):
    specified(world, make_point(world, "FD", owner_role="staff"))
    response = api(world, "viewer").get(API)
    assert response.status_code == 200 and response["Content-Type"] == "application/json"
    [point] = response.json()["contact_points"]
    assert point["code"] == "FD" and point["owner_role"] == "Front-line staff"
    assert point["physical_evidence"] and point["onstage"] and point["backstage"]


@pytest.mark.parametrize(
    ("query", "accept"),
    [("?format=svg", None), ("?output=svg", None), ("", "image/svg+xml")],
)
def test_the_api_answers_svg_when_asked(world, query, accept):
    make_point(world, "FD")
    headers = {"HTTP_ACCEPT": accept} if accept else {}
    response = api(world, "viewer").get(API + query, **headers)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("image/svg+xml")
    assert "FD" in " ".join(ElementTree.fromstring(response.content).itertext())


def test_api_errors_are_json_even_when_svg_was_asked(world):
    client = api(world, "viewer")
    bad_format = client.get(API + "?format=pdf")
    assert bad_format.status_code == 400 and "format" in bad_format.json()
    assert client.get(API + "?site=" + "9" * 30).status_code == 400  # no id is that large
    bad_site = client.get(API + "?format=svg&site=abc")
    assert bad_site.status_code == 400 and bad_site["Content-Type"] == "application/json"
    assert "site" in bad_site.json()
    unseen = api(world, "staff").get(f"{API}?format=svg&site={world.sites[1].pk}")
    assert unseen.status_code == 404 and unseen["Content-Type"] == "application/json"


def test_the_api_stays_within_the_tenant(world):
    specified(world, make_point(world, "FD"))
    outsider = api(world, "outsider")
    assert outsider.get(API).json()["contact_points"] == []  # their own organization's
    assert outsider.get(f"{API}?organization={world.org.pk}").status_code == 400
    assert outsider.get(f"{API}?site={world.sites[0].pk}").status_code == 404
    assert APIClient().get(API).status_code in (401, 403)


def test_the_api_draws_one_sites_journey(world):
    make_point(world, "HERE", sites=[world.sites[0]])
    make_point(world, "THERE", sites=[world.sites[1]])
    data = api(world, "quality").get(f"{API}?site={world.sites[0].pk}").json()
    assert [p["code"] for p in data["contact_points"]] == ["HERE"]
    assert data["site"] == world.sites[0].name


def test_the_schema_documents_json_and_svg():
    response = Client().get("/api/schema/?format=json")
    schema = json.loads(response.content)
    content = schema["paths"]["/api/v1/blueprint/"]["get"]["responses"]["200"]["content"]
    assert set(content) == {"application/json", "image/svg+xml"}
    properties = schema["components"]["schemas"]["BlueprintContactPoint"]["properties"]
    assert {"physical_evidence", "onstage", "backstage", "manned"} <= set(properties)


def test_schema_generation_has_no_warnings_for_the_blueprint():
    from drf_spectacular.drainage import GENERATOR_STATS
    from drf_spectacular.generators import SchemaGenerator

    GENERATOR_STATS.reset()
    with GENERATOR_STATS.silence():
        SchemaGenerator().get_schema(request=None, public=True)
    messages = [*GENERATOR_STATS._warn_cache, *GENERATOR_STATS._error_cache]
    assert [m for m in messages if "blueprint" in m.lower()] == []
