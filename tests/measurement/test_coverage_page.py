"""The coverage matrix of 4.4.6: what a quality manager reads when the check fails —
which characteristic of which contact point is asked, inspected or not covered —
in both languages, only for the reader's sites."""

from __future__ import annotations

import pytest
from django.test import Client
from django.utils import translation

from fuwu.design import services as design
from fuwu.measurement import services

from .conftest import approve
from .voice import collection

pytestmark = pytest.mark.django_db


def _page(user, language="en"):
    client = Client()
    client.force_login(user)
    return client.get("/measurement/coverage/", HTTP_ACCEPT_LANGUAGE=language)


def test_empty_state_says_to_add_a_collection_point(world):
    page = _page(world.users["quality"])
    assert page.status_code == 200
    assert "Add a collection point" in page.text and "/measurement/collection-points/" in page.text


def test_a_named_characteristic_nothing_covers_is_flagged(world, point):
    cp = collection(world, point)
    spec = design.specification_start(actor=world.users["quality"], point=point, kind="service")
    design.item_create(
        actor=world.users["quality"],
        specification=spec,
        data={"category": "etiquette", "text_en": "Greet every guest", "text_zh": "问候每位客人"},
    )
    approve(world, spec)
    # The instrument was generated before the specification named etiquette.
    page = _page(world.users["quality"])
    body = page.text.split("<tbody>")[1].split("</tbody>")[0]
    assert point.label in body and body.count("not covered") == 1
    assert "1 characteristic named but not covered" in page.text
    with translation.override("zh-hans"):
        chinese = _page(world.users["quality"], "zh-hans")
    assert "服务特性覆盖" in chinese.text and "未覆盖" in chinese.text
    services.instrument_regenerate(actor=world.users["quality"], instrument=cp.instrument)
    page = _page(world.users["quality"])
    body = page.text.split("<tbody>")[1].split("</tbody>")[0]
    assert "not covered" not in body and "asked" in body
    assert "Every named characteristic is covered." in page.text


def test_points_collecting_only_at_other_sites_are_not_shown(world, point):
    collection(world, point, site=world.sites[1])
    assert point.label in _page(world.users["quality"]).text
    page = _page(world.users["manager"])  # the site manager of the first site only
    assert page.status_code == 200
    assert point.label not in page.text and "Add a collection point" in page.text
