"""The service blueprint: drawn from the approved specifications, well-formed SVG
for an empty, a small and a 50-point journey, in both languages, within scope."""

from __future__ import annotations

from xml.etree import ElementTree

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation
from rest_framework.test import APIClient

from fuwu.design import services
from fuwu.design.blueprint import build, render_svg, wrap
from fuwu.documents import services as documents

from .conftest import make_point, specified

pytestmark = pytest.mark.django_db


def svg_of(world, **kwargs) -> ElementTree.Element:
    return ElementTree.fromstring(render_svg(build(world.org, **kwargs)))


def texts(root: ElementTree.Element) -> str:
    return " ".join(t for t in root.itertext())


def test_an_empty_journey_says_what_to_do(world):
    root = svg_of(world)
    assert root.tag.endswith("svg")
    assert "No contact points yet" in texts(root)


def test_a_small_journey_draws_lanes_and_items(world):
    point = make_point(world, "FD", name_en="Front desk")
    specified(world, point)
    make_point(world, "WEB", stage="before", channel="web", manned=False, order=1)
    drawn = texts(svg_of(world))
    for expected in (
        "Before service provision",
        "During service provision",
        "Line of interaction",
        "Line of visibility",
        "Physical evidence",
        "FD Front desk",
        "Requirement for facilities",  # provision: physical evidence
        "Requirement for procedure",  # service: onstage
        "Requirement for inspection",  # control: backstage
        "Unmanned",
    ):
        assert expected in drawn, expected
    # The journey's order: before comes first.
    assert drawn.index("WEB") < drawn.index("FD Front desk")


def test_only_what_is_approved_is_drawn(world):
    point = make_point(world, "FD")
    [spec] = specified(world, point, ["service"])
    draft = documents.version_draft_create(actor=world.users["quality"], document=spec.document)
    item = draft.specification_items.first()
    services.item_update(actor=world.users["quality"], item=item, data={"text_en": "Draft only"})
    assert "Draft only" not in texts(svg_of(world))


def test_it_reads_in_chinese(world):
    point = make_point(world, "FD")
    specified(world, point, ["service"])
    with translation.override("zh-hans"):
        drawn = texts(svg_of(world))
    assert "接触线" in drawn or "服务提供中" in drawn
    assert "前台 FD" in drawn


def test_a_site_shows_the_points_customers_meet_there(world):
    make_point(world, "HERE", sites=[world.sites[0]])
    make_point(world, "THERE", sites=[world.sites[1]])
    drawn = texts(svg_of(world, site=world.sites[0]))
    assert "HERE" in drawn and "THERE" not in drawn


def test_fifty_points_in_a_fixed_number_of_queries(world):
    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            render_svg(build(world.org))
        return len(captured)

    for n in range(5):
        specified(world, make_point(world, f"A{n}"))
    few = queries()
    for n in range(45):
        make_point(world, f"B{n:02d}", order=n)
    specified(world, make_point(world, "LAST"))
    assert queries() == few
    root = svg_of(world)
    assert len([t for t in root.iter() if t.tag.endswith("rect")]) > 50


def test_long_texts_wrap_and_cjk_counts_wide():
    assert all(len(line) <= 40 for line in wrap("word " * 60, 180))
    assert len(wrap("服务" * 40, 180)) > len(wrap("ab" * 40, 180))


def test_the_page_and_the_download(world):
    specified(world, make_point(world, "FD"))
    client = world.client("staff")
    page = client.get("/design/blueprint/")
    assert page.status_code == 200 and b"<svg" in page.content
    download = client.get(f"/design/blueprint.svg?site={world.sites[0].pk}")
    assert download["Content-Type"].startswith("image/svg+xml")
    assert "attachment" in download["Content-Disposition"]
    ElementTree.fromstring(download.content)
    assert client.get("/design/blueprint/?site=abc").status_code == 404
    other = world.client("staff").get(f"/design/blueprint/?site={world.sites[1].pk}")
    assert other.status_code == 404  # outside the staff member's scope
    assert (
        world.client("outsider").get(f"/design/blueprint/?site={world.sites[0].pk}").status_code
        == 404
    )


def test_the_api_answers_json_and_svg(world):
    specified(world, make_point(world, "FD"))
    api = APIClient()
    api.force_authenticate(world.users["viewer"])
    data = api.get("/api/v1/blueprint/").json()
    assert data["contact_points"][0]["code"] == "FD"
    assert data["contact_points"][0]["physical_evidence"]
    svg = api.get("/api/v1/blueprint/?output=svg")
    assert svg.status_code == 200 and svg.content.startswith(b"<svg")
    assert api.get("/api/v1/blueprint/?output=pdf").status_code == 400
    outsider = APIClient()
    outsider.force_authenticate(world.users["outsider"])
    assert outsider.get("/api/v1/blueprint/").json()["contact_points"] == []
