# ruff: noqa: RUF001 - the Chinese texts use full-width punctuation, as Chinese does
"""The standard's sections of the service manual (4.6.3 a, c): model and scope,
exclusions with their justifications, the four processes and their figure, and the
clause cross-reference (SB/T 10382 ↔ manual section ↔ ISO 9001:2015)."""

from __future__ import annotations

from datetime import date

import pytest
from django.utils import timezone

from fuwu.core.manual import BulletList, Diagram, Heading, Paragraph, Table, registry
from fuwu.core.render.blocks import blocks_text
from fuwu.documents.manual.build import build_manual
from fuwu.standard import services
from fuwu.standard.models import Clause
from fuwu.standard.selectors import sbt_clauses

pytestmark = pytest.mark.django_db

JUSTIFICATION = "宾客不寄存任何物品：删减理由见合同第3条"


def clause(ref: str) -> Clause:
    return Clause.objects.get(library__ref_id="SB/T 10382-2004", ref_id=ref)


@pytest.fixture
def scene(world):
    services.scope_update(
        actor=world.users["quality"],
        organization=world.org,
        data={
            "statement_en": "Rooms and restaurants of three hotels.",
            "statement_zh": "三家酒店的客房和餐饮服务。",
            "iso9001_certificate": "CN-QMS-7",
            "iso9001_certifier_en": "CQC",
            "iso9001_valid_until": date(2027, 1, 31),
        },
    )
    services.applicability_set(
        actor=world.users["quality"],
        organization=world.org,
        clause=clause("4.4.7 b"),
        applicable=False,
        justification_en=JUSTIFICATION,
    )
    return world


def section(world, key, language="en"):
    data = build_manual(world.org, language=language)
    return next(s for s in data.sections if s.key == key)


def test_the_standard_contributes_from_its_manual_module():
    keys = {s.key: s for s in registry.sections()}
    for key in ("scope", "exclusions", "processes", "crossref"):
        assert keys[key].function.__module__ == "fuwu.standard.manual"
    assert "4.6.3 a" in keys["scope"].clauses
    assert "4.6.3 c" in keys["processes"].clauses


def test_model_and_scope(scene):
    found = section(scene, "scope")
    text = blocks_text(found.blocks)
    assert "Rooms and restaurants of three hotels." in text
    assert "Sites in scope: all sites of the organization." in text
    for site in scene.sites:
        assert f"{site.code} · {site.name_en}" in text
    assert scene.other_site.code not in text
    facts = next(b for b in found.blocks if isinstance(b, Table))
    assert ("ISO 9001 certificate", "CN-QMS-7") in facts.rows
    assert ("Valid until", "2027-01-31") in facts.rows
    zh = blocks_text(section(scene, "scope", "zh-hans").blocks)
    assert "三家酒店的客房和餐饮服务。" in zh


def test_scope_with_chosen_sites(scene):
    services.scope_update(
        actor=scene.users["quality"],
        organization=scene.org,
        data={"all_sites": False, "sites": [scene.sites[1]]},
    )
    text = blocks_text(section(scene, "scope").blocks)
    assert scene.sites[1].code in text and scene.sites[0].code not in text


def test_without_a_scope_the_manual_says_so(world):
    found = section(world, "scope")
    notice = next(b for b in found.blocks if isinstance(b, Paragraph) and b.style == "notice")
    assert "No scope statement is recorded yet" in notice.text()
    assert "No ISO 9001 certificate is recorded" in blocks_text(found.blocks)


def test_exclusions_with_their_justification(scene):
    found = section(scene, "exclusions")
    table = next(b for b in found.blocks if isinstance(b, Table))
    ref, title, justification, decided_by, decided_on = table.rows[0]
    assert (ref, title, justification) == (
        "4.4.7 b",
        "Protection of customer property",
        JUSTIFICATION,
    )
    assert decided_by == scene.users["quality"].display_name
    assert decided_on == timezone.localdate().isoformat()
    zh = next(b for b in section(scene, "exclusions", "zh-hans").blocks if isinstance(b, Table))
    assert zh.rows[0][1] == "顾客财产的保护"


def test_no_exclusion(world):
    assert "No clause is excluded" in blocks_text(section(world, "exclusions").blocks)


def test_the_four_processes_and_their_figure(scene):
    found = section(scene, "processes", "zh-hans")
    figure = next(b for b in found.blocks if isinstance(b, Diagram))
    assert figure.kind == "sms_processes"
    assert figure.data["responsibility"] == {
        "main": "服务管理职责",
        "other": "Service management responsibility",
    }
    assert figure.data["resources"]["main"] == "服务资源管理"
    assert figure.data["realization"]["main"] == "服务实现"
    assert figure.data["measurement"]["main"] == "服务的测量、分析和改进"
    for key, term in (
        ("contact", "接触过程"),
        ("requirements", "顾客要求"),
        ("satisfaction", "顾客满意"),
    ):
        assert figure.data[key]["main"] == term
    headings = [b.title for b in found.blocks if isinstance(b, Heading)]
    assert "服务管理职责（4.2）" in headings and "服务的测量、分析和改进（4.5）" in headings
    english = section(scene, "processes")
    lines = [b for b in english.blocks if isinstance(b, BulletList)]
    text = "\n".join(block.text() for block in lines)
    assert "4.4.7 Customer contact control — excluded: 4.4.7 b" in text
    assert "Service realization → Service measurement, analysis and improvement" in text


def test_the_clause_cross_reference(scene):
    data = build_manual(scene.org, language="en")
    numbers = {s.key: s.number for s in data.sections}
    crossref = next(s for s in data.sections if s.key == "crossref")
    table = next(b for b in crossref.blocks if isinstance(b, Table))
    assert table.columns == ("SB/T 10382 clause", "Title", "Manual section", "ISO 9001:2015")
    rows = {row[0]: row for row in table.rows}
    # every clause of sections 1 and 4, none of the terms or Annex A
    expected = {c.ref_id for c in sbt_clauses() if c.ref_id == "1" or c.ref_id[0] == "4"}
    assert set(rows) == expected
    assert rows["4.1.2"] == ("4.1.2", "Structure of the SMS", numbers["processes"], "4.4")
    assert rows["4.6.3 d"][2] == numbers["contact_process"]
    assert rows["4.2.3.1"][2:] == (numbers["policy"], "5.2")
    assert rows["4.4.7 b"][2] == f"excluded, see {numbers['exclusions']}"
    assert rows["4.4.7 b"][3] == "8.5.3"
    assert rows["4.5.1"][3] == "9.1.1, 9.1.2, 8.6, 9.2"
    assert rows["4.4.2"][2] == numbers["processes"]  # covered through 4.4
    assert rows["1"][2] == numbers["scope"]
    zh = next(
        s for s in build_manual(scene.org, language="zh-hans").sections if s.key == "crossref"
    )
    zh_rows = {row[0]: row for row in next(b for b in zh.blocks if isinstance(b, Table)).rows}
    assert zh_rows["4.6.3"][1] == "服务手册"
