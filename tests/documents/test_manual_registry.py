# ruff: noqa: RUF001 - the Chinese texts use full-width punctuation, as Chinese does
"""The registry of manual sections: discovery at start-up, placeholders that an app
replaces without touching documents/, numbering, failures, and Markdown to blocks."""

from __future__ import annotations

import logging

import pytest

from fuwu.core.manual import (
    BulletList,
    Heading,
    ManualContext,
    Paragraph,
    Span,
    Table,
    manual_section,
    registry,
)
from fuwu.core.render.blocks import ListItem, blocks_text
from fuwu.documents.manual.build import build_manual
from fuwu.documents.manual.markdown import markdown_blocks

pytestmark = pytest.mark.django_db

EXPECTED = [
    "about",
    "scope",
    "exclusions",
    "policy",
    "objectives",
    "processes",
    "contact_process",
    "requests",
    "operations-requirements",
    "operations-commitments",
    "measurement",
    "operations-communication",
    "operations-property",
    "operations-handovers",
    "operations-return-visits",
    "procedures",
    "improvement",
    "document_control",
    "crossref",
]


@pytest.fixture
def sections(monkeypatch):
    """A copy of the registry a test may change."""
    monkeypatch.setattr(registry, "REGISTRY", dict(registry.REGISTRY))
    return registry.REGISTRY


@pytest.fixture
def placeholder(sections):
    """The contact process as it was before service design contributed it: the
    documents app's placeholder."""
    from fuwu.documents.manual import sections as documents_sections

    sections["contact_process"] = registry.ManualSection(
        "contact_process",
        60,
        "The contact process",
        documents_sections.contact_process,
        ("4.6.3 d", "4.4.1"),
        placeholder=True,
    )
    return sections


def section_of(data, key):
    return next(s for s in data.sections if s.key == key)


# -- discovery -----------------------------------------------------------------------------


def test_sections_are_discovered_from_every_apps_manual_module():
    found = registry.sections()
    assert [s.key for s in found] == EXPECTED
    origins = {s.key: s.function.__module__ for s in found}
    assert origins["scope"] == "fuwu.standard.manual"
    assert origins["crossref"] == "fuwu.standard.manual"
    assert origins["policy"] == "fuwu.documents.manual.sections"
    # Neither documents/ nor standard/ names a domain app: the objectives hold their
    # place until the app that models them contributes; service design has replaced the
    # contact process's placeholder from its own manual.py.
    assert origins["contact_process"] == "fuwu.design.manual"
    assert not registry.REGISTRY["contact_process"].placeholder
    assert registry.REGISTRY["objectives"].placeholder


def test_sections_are_numbered_in_their_order(world):
    data = build_manual(world.org, language="en")
    assert [s.number for s in data.sections] == [str(n) for n in range(1, len(EXPECTED) + 1)]
    about = section_of(data, "about")
    assert about.title == "About this manual"
    numbered = [b for b in about.blocks if isinstance(b, Heading) and b.level == 2]
    assert [h.number for h in numbered] == ["1.1"]
    headings = data.headings()
    assert (1, "1", "About this manual") in headings
    assert (2, "1.1", "Revision history") in headings


# -- placeholders and contributions -----------------------------------------------------------


def test_a_contributing_app_replaces_the_placeholder(world, placeholder):
    def design_contact_process(context: ManualContext) -> list:
        return [Paragraph.of(f"Front desk of {context.organization.name_en}")]

    manual_section(
        order=60, key="contact_process", title="The contact process", clauses=("4.6.3 d",)
    )(design_contact_process)
    data = build_manual(world.org, language="en")
    section = section_of(data, "contact_process")
    assert blocks_text(section.blocks) == "Front desk of Lakeside Hotels"
    assert "not modelled" not in data.text()


def test_a_placeholder_never_replaces_real_content(sections):
    def real(context):
        return []

    def placeholder(context):
        return []

    manual_section(order=5, key="t.thing", title="Thing")(real)
    manual_section(order=6, key="t.thing", title="Thing", placeholder=True)(placeholder)
    assert sections["t.thing"].function is real


def test_two_real_sections_with_one_key_are_an_error(sections):
    def first(context):
        return []

    def second(context):
        return []

    manual_section(order=5, key="t.twice", title="Twice")(first)
    manual_section(order=5, key="t.twice", title="Twice")(first)  # importing again is fine
    with pytest.raises(ValueError, match="registered twice"):
        manual_section(order=5, key="t.twice", title="Twice")(second)


def test_the_placeholder_says_what_is_missing_and_which_clause_needs_it(world, placeholder):
    data = build_manual(world.org, language="en")
    text = blocks_text(section_of(data, "contact_process").blocks)
    assert "not modelled in Fuwu yet" in text
    assert "4.6.3 d" in text
    assert "4.4.1 a Contact process before service provision" in text
    zh = build_manual(world.org, language="zh-hans")
    assert "4.4.1 a 服务提供前的接触过程" in blocks_text(section_of(zh, "contact_process").blocks)


def test_a_section_that_fails_does_not_take_the_manual_down(world, sections, caplog):
    def broken(context):
        raise RuntimeError("boom")

    manual_section(order=15, key="t.broken", title="Broken")(broken)
    with caplog.at_level(logging.ERROR, logger="fuwu.documents.manual.build"):
        data = build_manual(world.org, language="en")
    assert "could not be generated (error logged as t.broken)" in data.text()
    assert "About this manual" in data.text()
    assert "t.broken" in caplog.text


def test_sections_share_data_through_the_context(world, sections):
    calls = []

    def one(context):
        context.shared("t.value", lambda: calls.append(1) or 42)
        return []

    def two(context):
        return [Paragraph.of(str(context.shared("t.value", lambda: calls.append(2) or 0)))]

    manual_section(order=1, key="t.one", title="One")(one)
    manual_section(order=2, key="t.two", title="Two")(two)
    data = build_manual(world.org, language="en")
    assert calls == [1]
    assert blocks_text(section_of(data, "t.two").blocks) == "42"


def test_unknown_language_is_refused(world):
    with pytest.raises(ValueError):
        build_manual(world.org, language="fr")


# -- blocks --------------------------------------------------------------------------------


def test_tables_are_made_regular():
    table = Table(rows=(("a",), ("b", "c", "d"), (None, 2)), columns=("x", "y"))
    # Padded and cut to the columns; a number stays a number (Excel sums it).
    assert table.rows == (("a", ""), ("b", "c"), ("", 2))
    assert table.widths == (1.0, 1.0)
    assert table.as_dict()["type"] == "table"


def test_markdown_becomes_blocks_without_markup():
    text = (
        "# Title\n\nSome **bold** and *italic* text\non two lines.\n\n"
        "- one\n    - nested\n- two\n\n1. first\n2. second\n\n"
        "| a | b |\n|---|---|\n| 1 | 2 |\n\n> quoted\n\n"
        "<script>alert(1)</script>\n\nline<br>break\n"
    )
    blocks = markdown_blocks(text)
    kinds = [b.type for b in blocks]
    assert kinds == ["heading", "paragraph", "list", "list", "table", "paragraph", "paragraph"]
    assert blocks[0] == Heading("Title", level=3)
    assert blocks[1].spans == (
        Span("Some "),
        Span("bold", bold=True),
        Span(" and "),
        Span("italic", italic=True),
        Span(" text on two lines."),
    )
    assert blocks[2].items == (
        ListItem((Span("one"),), 0),
        ListItem((Span("nested"),), 1),
        ListItem((Span("two"),), 0),
    )
    assert isinstance(blocks[3], BulletList) and blocks[3].ordered
    assert blocks[4].columns == ("a", "b") and blocks[4].rows == (("1", "2"),)
    assert blocks[5].style == "quote"
    assert "alert" not in blocks_text(blocks)  # sanitized like on the pages
    assert [s.text for s in blocks[6].spans] == ["line", "\n", "break"]


def test_chinese_lines_join_without_a_space():
    blocks = markdown_blocks("我们在每个接触点倾听每一位宾客，\n依据所听到的改进工作——\n持续测量。")
    assert blocks_text(blocks) == "我们在每个接触点倾听每一位宾客，依据所听到的改进工作——持续测量。"
