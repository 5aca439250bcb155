"""The service blueprint: drawn from the approved specifications as well-formed
SVG for an empty, a small and a 50-point journey, in both languages, within the
reader's scope, in a fixed number of queries. (Pages and API: test_blueprint_pages.)"""

from __future__ import annotations

from typing import Any
from xml.etree import ElementTree

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from fuwu.design import services
from fuwu.design.blueprint import (
    CAPACITY,
    Item,
    blueprint_json,
    build,
    clip,
    fit,
    render_svg,
    text_width,
    wrap,
)
from fuwu.design.models import ContactPoint
from fuwu.documents import services as documents

from .conftest import approve, fill, make_point, specified

pytestmark = pytest.mark.django_db

SVG = "{http://www.w3.org/2000/svg}"


def svg_of(world: Any, **kwargs: Any) -> ElementTree.Element:
    return ElementTree.fromstring(render_svg(build(world.org, **kwargs)))


def texts(root: ElementTree.Element) -> str:
    return " ".join(root.itertext())


def codes(world: Any, **kwargs: Any) -> list[str]:
    return [column.code for column in build(world.org, **kwargs).columns]


def draft_of(world: Any, spec: Any) -> Any:
    return documents.version_draft_create(actor=world.users["quality"], document=spec.document)


# -- the drawing -------------------------------------------------------------------------


def test_an_empty_journey_is_a_valid_svg_that_says_what_to_do(world):
    root = svg_of(world)
    assert root.tag == f"{SVG}svg"
    assert root.get("viewBox") and root.get("width") and root.get("height")
    assert "Noto Sans CJK SC" in root.get("font-family")
    assert "No contact points yet: add them in Contact points." in texts(root)


def test_a_small_journey_draws_every_lane(world):
    point = make_point(world, "FD", name_en="Front desk", owner_role="site_manager")
    specified(world, point)
    make_point(world, "WEB", stage="before", channel="web", manned=False)
    make_point(world, "FOLLOW", stage="after", channel="phone")
    drawn = texts(svg_of(world))
    for expected in (
        "Service blueprint · Lakeside Hotels",
        "Before service provision",
        "During service provision",
        "After service provision",
        "Physical evidence",
        "Customer actions (contact points)",
        "Line of interaction",
        "Onstage: contact activities and staff",
        "Line of visibility",
        "Backstage and support: control",
        "FD Front desk",
        "In person",
        "Owner: Site manager",
        "Requirement for facilities",  # provision: physical evidence
        "Requirement for environment",
        "Requirement for procedure",  # service: onstage
        "Requirement for personnel",  # provision's personnel: onstage too
        "Requirement for inspection",  # control: backstage
        "Requirement for improvement",
    ):
        assert expected in drawn, expected
    # The customer's order: before, during, after.
    assert drawn.index("WEB") < drawn.index("FD Front desk") < drawn.index("FOLLOW")


def test_items_go_to_their_lanes_in_the_standards_order(world):
    specified(world, make_point(world, "FD"))
    [column] = build(world.org).columns
    assert [i.category for i in column.evidence] == ["facilities", "supplies", "environment"]
    assert [i.category for i in column.onstage] == [
        "scope",
        "procedure",
        "skills",
        "etiquette",
        "personnel",
    ]
    assert [i.category for i in column.backstage] == [
        "inspection",
        "nonconformity",
        "analysis",
        "improvement",
    ]


def test_unmanned_points_are_dashed_and_named_in_both_languages(world):
    make_point(world, "KIOSK", channel="self_service", manned=False)
    make_point(world, "FD")
    root = svg_of(world)
    dashed = [r for r in root.iter(f"{SVG}rect") if r.get("stroke-dasharray")]
    assert len(dashed) == 1  # the kiosk's box, not the front desk's
    assert texts(root).count("Unmanned") == 1
    with translation.override("zh-hans"):
        assert "无人接触点" in texts(svg_of(world))


def test_lines_of_interaction_and_visibility_are_dashed(world):
    make_point(world, "FD")
    lines = [
        line
        for line in svg_of(world).iter(f"{SVG}line")
        if line.get("stroke-dasharray") and line.get("x1") == "0"
    ]
    assert len(lines) == 2


def test_it_reads_in_chinese(world):
    point = make_point(world, "FD", owner_role="staff")
    specified(world, point, ["service"])
    with translation.override("zh-hans"):
        drawn = texts(svg_of(world))
    for expected in (
        "服务蓝图",
        "湖畔酒店集团",
        "服务提供中",
        "有形展示",
        "互动分界线",
        "可视分界线",
    ):
        assert expected in drawn, expected
    assert "前台 FD" in drawn  # the point's Chinese name
    assert "Line of interaction" not in drawn


def test_long_items_are_cut_with_an_ellipsis_and_the_rest_counted(world):
    point = make_point(world, "FD")
    spec = services.specification_start(actor=world.users["quality"], point=point, kind="service")
    long = "Greet every guest within ten seconds of arrival, " * 6
    for n in range(12):
        services.item_create(
            actor=world.users["quality"],
            specification=spec,
            data={"category": "procedure", "text_en": f"Step {n}: {long}"},
        )
    approve(world, spec)
    root = svg_of(world)
    drawn = texts(root)
    assert "…" in drawn
    assert "+" in drawn and "more" in drawn
    # The whole text of a cut item is its tooltip.
    assert any((t.text or "").startswith("Step 0: Greet") for t in root.iter(f"{SVG}title"))


def test_text_that_xml_fears_is_escaped(world):
    point = make_point(world, "X&Y", name_en='<script>"x"')
    # A control character stored before input was checked (it is refused now).
    ContactPoint.objects.filter(pk=point.pk).update(name_en='<script>"x"\x01')
    svg = render_svg(build(world.org), links=True)
    root = ElementTree.fromstring(svg)  # well-formed: the control character is gone
    assert "<script" not in svg
    assert 'X&Y <script>"x"' in texts(root)
    assert not list(root.iter(f"{SVG}script"))


def test_the_page_version_links_the_points(world):
    point = make_point(world, "FD")
    links = list(ElementTree.fromstring(render_svg(build(world.org), links=True)).iter(f"{SVG}a"))
    assert [a.get("href") for a in links] == [f"/design/contact-points/{point.pk}/"]
    assert not list(svg_of(world).iter(f"{SVG}a"))  # a downloaded file has nowhere to go


# -- what is drawn: approved, in scope ---------------------------------------------------


def test_only_what_is_approved_is_drawn(world):
    point = make_point(world, "FD")
    [spec] = specified(world, point, ["service"])
    item = draft_of(world, spec).specification_items.first()
    services.item_update(actor=world.users["quality"], item=item, data={"text_en": "Draft only"})
    never = services.specification_start(actor=world.users["quality"], point=point, kind="control")
    fill(world, never)  # started, never approved
    for user in (None, world.users["quality"], world.users["staff"]):
        drawn = texts(svg_of(world, user=user))
        assert "Requirement for scope" in drawn
        assert "Draft only" not in drawn and "Requirement for inspection" not in drawn


def test_an_obsolete_specification_is_not_drawn(world):
    [spec] = specified(world, make_point(world, "FD"), ["service"])
    documents.document_obsolete(actor=world.users["admin"], document=spec.document, reason="Gone")
    assert "Requirement for scope" not in texts(svg_of(world))


def test_not_applicable_categories_are_not_drawn(world):
    point = make_point(world, "WEB", channel="web")
    spec = services.specification_start(actor=world.users["quality"], point=point, kind="provision")
    services.category_not_applicable(
        actor=world.users["quality"],
        specification=spec,
        category="facilities",
        reason="A web page has no premises",
    )
    services.item_create(
        actor=world.users["quality"],
        specification=spec,
        data={"category": "supplies", "text_en": "Booking confirmation e-mail"},
    )
    approve(world, spec)
    [column] = build(world.org).columns
    assert [item.text for item in column.evidence] == ["Booking confirmation e-mail"]


def test_staff_see_their_sites_journey_and_approved_items_only(world):
    specified(world, make_point(world, "CHAIN"), ["service"])
    make_point(world, "H2-OWN", site=world.sites[1], sites=[])
    assert codes(world, user=world.users["quality"]) == ["CHAIN", "H2-OWN"]
    assert codes(world, user=world.users["staff"]) == ["CHAIN"]  # scoped to H1
    assert build(world.org, user=world.users["staff"]).columns[0].onstage


def test_another_organization_sees_nothing(world):
    specified(world, make_point(world, "FD"))
    assert codes(world, user=world.users["outsider"]) == []
    assert codes(world) == ["FD"]
    assert build(world.other_org).columns == []


def test_a_site_shows_its_points_and_its_approved_addenda(world):
    here, there = world.sites[0], world.sites[1]
    shared = make_point(world, "BOTH", sites=[here, there])
    specified(world, shared, ["service"])
    make_point(world, "THERE", sites=[there])
    make_point(world, "OWN", site=here, sites=[])
    addendum = services.specification_start(
        actor=world.users["quality"], point=shared, kind="service", site=here
    )
    services.item_create(
        actor=world.users["quality"],
        specification=addendum,
        data={"category": "etiquette", "text_en": "Greet in Hangzhou dialect too"},
    )
    assert "Greet in Hangzhou dialect too" not in texts(svg_of(world, site=here))  # a draft
    approve(world, addendum)
    assert codes(world, site=here) == ["BOTH", "OWN"]
    drawn = texts(svg_of(world, site=here))
    assert "Greet in Hangzhou dialect too" in drawn and "Local addendum" in drawn
    column = build(world.org, site=here).columns[0]
    # The site's own requirement after the organization's, in the same category.
    assert [(i.category, i.local) for i in column.onstage][-2:] == [
        ("etiquette", False),
        ("etiquette", True),
    ]
    assert "Greet in Hangzhou dialect too" not in texts(svg_of(world, site=there))
    assert "Greet in Hangzhou dialect too" not in texts(svg_of(world))


# -- scale ---------------------------------------------------------------------------------


def queries_to_draw(world: Any, **kwargs: Any) -> int:
    with CaptureQueriesContext(connection) as captured:
        render_svg(build(world.org, **kwargs))
    return len(captured)


def test_fifty_points_in_a_fixed_number_of_queries(world):
    site = world.sites[0]
    for n in range(5):
        point = make_point(world, f"A{n}", stage=("before", "during", "after")[n % 3])
        specified(world, point)
    addendum = services.specification_start(
        actor=world.users["quality"], point=point, kind="control", site=site
    )
    fill(world, addendum)
    approve(world, addendum)
    few = {
        "all": queries_to_draw(world),
        "site": queries_to_draw(world, site=site),
        "staff": queries_to_draw(world, user=world.users["staff"]),
    }
    for n in range(45):
        point = make_point(world, f"B{n:02d}", order=n, manned=bool(n % 4))
        specified(world, point, ["service", "control"])
    many = {
        "all": queries_to_draw(world),
        "site": queries_to_draw(world, site=site),
        "staff": queries_to_draw(world, user=world.users["staff"]),
    }
    assert many == few
    assert max(many.values()) <= 6
    blueprint = build(world.org)
    assert len(blueprint.columns) == 50
    root = ElementTree.fromstring(render_svg(blueprint))
    assert len([r for r in root.iter(f"{SVG}rect") if r.get("rx") == "6"]) == 50  # point boxes
    assert int(root.get("width")) > 50 * 150


# -- the parts -----------------------------------------------------------------------------


def test_long_texts_wrap_and_cjk_counts_wide():
    assert all(text_width(line) <= 180 for line in wrap("word " * 60, 180))
    assert len(wrap("服务" * 40, 180)) > len(wrap("ab" * 40, 180))
    assert text_width("服务") == pytest.approx(text_width("abcd") / 0.56 / 2)
    assert wrap("x" * 100, 60)[0] == "x" * len(wrap("x" * 100, 60)[0])  # a long word is split
    assert all(text_width(line) <= 60 for line in wrap("x" * 100, 60))


def test_chinese_punctuation_does_not_open_a_line():
    for line in wrap("服务人员应当礼貌地问候顾客，并且主动提供帮助。" * 3, 100):  # noqa: RUF001
        assert line[0] not in "，。"  # noqa: RUF001


def test_clip_ends_with_an_ellipsis_within_the_width():
    lines = clip(wrap("word " * 40, 120), 2, 120)
    assert len(lines) == 2 and lines[-1].endswith("…") and text_width(lines[-1]) <= 120


def test_a_cell_keeps_to_its_lines_and_counts_the_rest():
    items = [Item("scope", f"Item {n} " + "with several words " * 5) for n in range(20)]
    entries = fit(items, CAPACITY["onstage"], ["Owner: Staff"])
    assert sum(len(e.lines) for e in entries) <= CAPACITY["onstage"]
    assert entries[0].kind == "note" and entries[-1].kind == "more"
    shown = sum(1 for e in entries if e.kind == "item")
    assert entries[-1].lines == [f"+{20 - shown} more"]
    assert fit([], 5) == []


def test_the_json_for_the_api(world):
    point = make_point(world, "FD", manned=False, owner_role="staff")
    specified(world, point)
    data = blueprint_json(build(world.org))
    assert data["organization"] == "Lakeside Hotels" and data["site"] == ""
    assert data["stages"] == [
        {"stage": "during", "label": "During service provision", "first": 0, "count": 1}
    ]
    [drawn] = data["contact_points"]
    assert drawn["id"] == point.pk and drawn["manned"] is False
    assert drawn["owner_role"] == "Front-line staff" and drawn["owner"] == ""
    assert drawn["physical_evidence"][0] == "Requirement for facilities"
    assert "Requirement for personnel" in drawn["onstage"]
    assert drawn["backstage"][0] == "Requirement for inspection"


def test_the_owner_onstage_is_a_person_with_their_role(world):
    manager = world.users["manager"]
    point = make_point(world, "FD", owner_role="site_manager", owner=manager)
    specified(world, point)
    drawing = texts(svg_of(world))
    assert f"Owner: {manager.display_name} (Site manager)" in drawing
    [drawn] = blueprint_json(build(world.org))["contact_points"]
    assert drawn["owner"] == manager.display_name
    make_point(world, "BAR", owner_role="", owner=manager)
    assert f"Owner: {manager.display_name}" in texts(svg_of(world))
