"""Improvement's section of the service manual: the deadlines set, the sources, the
figures of the year, in both languages and cut to the reader's sites."""

from __future__ import annotations

import pytest

from fuwu.core.render.blocks import blocks_text
from fuwu.documents.manual.build import build_manual
from fuwu.improvement.services import settings as settings_services

from .conftest import raise_nc

pytestmark = pytest.mark.django_db


def section(world, language="en", reader=None):
    data = build_manual(world.org, language=language, reader=reader)
    return blocks_text(next(s for s in data.sections if s.key == "improvement").blocks)


def test_the_section_tells_the_deadlines_and_the_year(world):
    settings_services.settings_update(
        actor=world.users["quality"], organization=world.org, data={"disposition_days": 5}
    )
    raise_nc(world)
    raise_nc(world, site=1, actor="quality")
    text = section(world)
    assert "within 5 days of detection" in text
    assert "Manual entry" in text
    assert "Nonconformities recorded | 2" in text
    scoped = section(world, reader=world.users["manager"])
    assert "Nonconformities recorded | 1" in scoped
