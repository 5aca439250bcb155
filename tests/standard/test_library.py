"""The clause libraries as data: completeness of the packaged SB/T 10382-2004 and ISO 9001:2015
libraries, and the validator's error reporting. Pure Python, no database."""

from __future__ import annotations

import re

import pytest

from fuwu.standard.library import (
    CHARACTERISTICS,
    PROCESSES,
    Library,
    LibraryInvalid,
    library_path,
    load_library,
    urn_slug,
    validate_mappings,
)

CJK = re.compile(r"[\u4e00-\u9fff]")

# Every clause and sub-clause of sections 1, 3 and 4 (our reading of the standard, CLAUSES.md).
CLAUSES = [
    "1", "3", "4",
    "4.1", "4.1.1", "4.1.1.1", "4.1.1.2", "4.1.2",
    "4.2", "4.2.1", "4.2.2", "4.2.3", "4.2.3.1", "4.2.3.2",
    "4.2.4", "4.2.4.1", "4.2.4.2", "4.2.4.3", "4.2.5", "4.2.6",
    "4.3", "4.3.1", "4.3.2", "4.3.3",
    "4.4", "4.4.1", "4.4.2", "4.4.2.1", "4.4.2.2",
    "4.4.3", "4.4.3.1", "4.4.3.2", "4.4.3.3", "4.4.3.4",
    "4.4.4", "4.4.5", "4.4.6", "4.4.7", "4.4.8",
    "4.5", "4.5.1", "4.5.2", "4.5.3", "4.5.4",
    "4.6", "4.6.1", "4.6.2", "4.6.3", "4.6.4", "4.6.5",
]  # fmt: skip
HEADINGS = {"3", "4", "4.1", "4.1.1", "4.2", "4.2.3", "4.2.4", "4.3", "4.4", "4.4.2", "4.4.3",
            "4.5", "4.6"}  # fmt: skip
ITEMS = {
    "4.2.1": "abcdef",
    "4.2.3.1": "abcd",
    "4.4.1": "abc",
    "4.4.7": "abcd",
    "4.6.2": "abcd",
    "4.6.3": "abcd",
}
ANNEX = ["A", "A.1", "A.2.2", "A.3", "A.4.1", "A.4.2.1", "A.4.2.2", "A.4.3", "A.4.4", "A.4.5",
         "A.4.6", "A.5"]  # fmt: skip
GLOSSARY = {
    "3.1": "接触", "3.2": "接触点", "3.3": "接触过程", "3.4": "服务", "3.5": "服务资源",
    "3.6": "服务提供", "3.7": "服务特性", "3.8": "服务质量", "3.9": "超值服务",
    "3.10": "顾客要求", "3.11": "顾客满意", "3.12": "服务管理", "3.13": "服务管理体系",
}  # fmt: skip
# The mapping of CLAUSES.md's table, GB/T 19001-2000 -> ISO 9001:2015.
MAPPING = {
    "4.1.2": (["4.1"], ["4.4"]),
    "4.2.1": (["5.1"], ["5.1"]),
    "4.2.2": (["5.2"], ["5.1.2"]),
    "4.2.3.1": (["5.3"], ["5.2"]),
    "4.2.3.2": (["5.4.1"], ["6.2"]),
    "4.2.4.1": (["5.5.1"], ["5.3"]),
    "4.2.4.2": (["5.5.3"], ["7.4"]),
    "4.2.4.3": (["5.5.2"], ["5.3"]),
    "4.2.5": (["5.6"], ["9.3"]),
    "4.2.6": (["5.4.2"], ["6.1", "6.3"]),
    "4.3.2": (["6.2"], ["7.1.2", "7.2", "7.3"]),
    "4.3.3": (["6.3", "6.4"], ["7.1.3", "7.1.4"]),
    "4.4.1": (["7.1"], ["8.1"]),
    "4.4.2.1": (["7.2.1"], ["8.2.2"]),
    "4.4.2.2": (["7.2.2"], ["8.2.3"]),
    "4.4.3.1": (["7.3"], ["8.3"]),
    "4.4.4": (["7.2.3"], ["8.2.1"]),
    "4.4.5": (["7.2"], ["8.2"]),
    "4.4.6": (["7.4", "7.5", "7.6"], ["8.4", "8.5", "7.1.5"]),
    "4.4.7": (["7.5.3", "7.5.4"], ["8.5.2", "8.5.3"]),
    "4.4.8": (["7.5.1"], ["8.5.1", "8.5.5"]),
    "4.5.1": (["8.2.1", "8.2.2", "8.2.3", "8.2.4"], ["9.1.1", "9.1.2", "8.6", "9.2"]),
    "4.5.2": (["8.3"], ["8.7", "10.2"]),
    "4.5.3": (["8.4"], ["9.1.3"]),
    "4.5.4": (["8.5.1", "8.5.2", "8.5.3"], ["10.1", "10.2", "10.3", "6.1"]),
    "4.6.1": (["4.2.1"], ["7.5.1"]),
    "4.6.3": (["4.2.2"], ["7.5.1"]),
    "4.6.4": (["4.2.3"], ["7.5.2", "7.5.3"]),
    "4.6.5": (["4.2.4"], ["7.5.2", "7.5.3"]),
}
SECTION_PROCESS = {
    "4.2": "responsibility",
    "4.3": "resources",
    "4.4": "realization",
    "4.5": "measurement",
    "4.6": "documentation",
}


@pytest.fixture(scope="module")
def sbt() -> Library:
    return load_library(library_path("sbt-10382-2004"))


@pytest.fixture(scope="module")
def iso() -> Library:
    return load_library(library_path("iso-9001-2015"))


# ---------------------------------------------------------------------------- SB/T 10382-2004


def test_library_header(sbt: Library) -> None:
    assert sbt.urn == "urn:fuwu:library:sbt-10382-2004"
    assert sbt.ref_id == "SB/T 10382-2004"
    assert sbt.name_zh == "服务管理体系规范及实施指南"
    assert sbt.version == 1
    assert sbt.kind == "requirements"
    assert sbt.description_en and CJK.search(sbt.description_zh)


def test_every_clause_of_sections_1_3_and_4_is_present(sbt: Library) -> None:
    missing = [ref for ref in CLAUSES if ref not in sbt]
    assert not missing


def test_headings_are_grouping_and_clauses_are_assessable(sbt: Library) -> None:
    for ref in CLAUSES:
        assert sbt.node(ref).assessable is (ref not in HEADINGS), ref


def test_lettered_items_are_children_of_their_clause(sbt: Library) -> None:
    for clause, letters in ITEMS.items():
        items = [node for node in sbt.children(clause) if node.ref_id.startswith(f"{clause} ")]
        assert [node.ref_id for node in items] == [f"{clause} {letter}" for letter in letters]
        assert all(item.assessable and item.process == sbt.node(clause).process for item in items)


def test_annex_a_points_are_guidance_only(sbt: Library) -> None:
    for ref in ANNEX:
        assert not sbt.node(ref).assessable, ref
    assert all(not node.assessable for node in sbt.nodes if node.ref_id.startswith("A"))


def test_titles_in_both_languages(sbt: Library, iso: Library) -> None:
    for node in (*sbt.nodes, *iso.nodes):
        assert node.title_en.strip() and not CJK.search(node.title_en), node.ref_id
        assert CJK.search(node.title_zh), node.ref_id


def test_assessable_nodes_have_requirement_text_in_both_languages(sbt: Library) -> None:
    assessable = [node for node in sbt.nodes if node.assessable]
    assert len(assessable) > len(CLAUSES) - len(HEADINGS)
    for node in assessable:
        assert len(node.requirement_en) > 20, node.ref_id
        assert CJK.search(node.requirement_zh), node.ref_id


def test_urns_follow_the_ref_ids(sbt: Library) -> None:
    for node in sbt.nodes:
        assert node.urn == f"urn:fuwu:req:sbt-10382-2004:{urn_slug(node.ref_id)}"
    assert sbt.node("4.4.7 b").urn == "urn:fuwu:req:sbt-10382-2004:4.4.7-b"
    assert sbt.node("A.4.2.2").urn == "urn:fuwu:req:sbt-10382-2004:a.4.2.2"


def test_nodes_are_in_document_order(sbt: Library) -> None:
    orders = [node.order for node in sbt.nodes]
    assert orders == sorted(orders) and len(set(orders)) == len(orders)
    refs = [node.ref_id for node in sbt.nodes]
    assert refs.index("1") < refs.index("4.1.1.1") < refs.index("4.6.5") < refs.index("A")
    for node in sbt.nodes:
        if node.parent:
            assert sbt.node(node.parent).order < node.order


def test_processes(sbt: Library) -> None:
    assert {node.process for node in sbt.nodes} <= set(PROCESSES)
    for ref in ("1", "4", "4.1", "4.1.1.1", "4.1.2"):
        assert sbt.node(ref).process == "system"
    for node in sbt.nodes:
        for section, process in SECTION_PROCESS.items():
            if node.ref_id == section or node.ref_id.startswith(f"{section}."):
                assert node.process == process, node.ref_id


def test_only_conditional_requirements_are_excludable(sbt: Library) -> None:
    excludable = {node.ref_id for node in sbt.nodes if node.excludable}
    assert excludable == {"4.1.1.2", "4.4.7 b", "4.4.8 a"}
    for ref in excludable:
        node = sbt.node(ref)
        assert node.assessable
        assert node.exclusion_condition_en and CJK.search(node.exclusion_condition_zh)
    assert all(
        not node.exclusion_condition_en for node in sbt.nodes if node.ref_id not in excludable
    )


def test_mapping_follows_the_clause_table(sbt: Library) -> None:
    for ref, (gbt, iso_refs) in MAPPING.items():
        node = sbt.node(ref)
        assert list(node.gbt19001_2000) == gbt, ref
        assert list(node.iso9001_2015) == iso_refs, ref
    assert sbt.node("4.1.1.2").iso9001_2015 == ("8",)
    assert sbt.node("4.4.7 b").iso9001_2015 == ("8.5.3",)


def test_evidence_and_guidance_are_bilingual(sbt: Library) -> None:
    for node in sbt.nodes:
        assert len(node.evidence_en) == len(node.evidence_zh), node.ref_id
        assert bool(node.guidance_en) == bool(node.guidance_zh), node.ref_id
    clauses_with_mapping = [sbt.node(ref) for ref in MAPPING]
    assert all(node.evidence_en and node.guidance_en for node in clauses_with_mapping)


def test_glossary_has_the_thirteen_terms(sbt: Library) -> None:
    assert [term.ref_id for term in sbt.glossary] == list(GLOSSARY)
    for ref, chinese in GLOSSARY.items():
        term = sbt.term(ref)
        assert term.term_zh == chinese
        assert term.term_en and term.definition_en
        assert CJK.search(term.definition_zh)
    assert sbt.term("3.2").term_en == "contact point"


def test_annex_a_4_2_2_has_the_eight_characteristics(sbt: Library) -> None:
    children = sbt.children("A.4.2.2")
    assert len(children) == 8
    assert {node.characteristic for node in children} == set(CHARACTERISTICS)
    kinds = [node.characteristic_kind for node in children]
    assert kinds.count("tangible") == kinds.count("intangible") == 4
    for node in children:
        assert len(node.indicators_en) == len(node.indicators_zh) >= 3, node.ref_id
        assert all(CJK.search(indicator) for indicator in node.indicators_zh)
    etiquette = next(node for node in children if node.characteristic == "etiquette")
    assert etiquette.title_zh == "服务礼仪" and "以人为本" in etiquette.indicators_zh


def test_specification_items_name_their_characteristic(sbt: Library) -> None:
    service_spec = {node.characteristic for node in sbt.children("4.4.3.2")}
    provision_spec = {node.characteristic for node in sbt.children("4.4.3.3")}
    assert service_spec == {"scope", "procedure", "skills", "etiquette"}
    assert provision_spec == {"personnel", "facilities", "supplies", "environment"}


# ---------------------------------------------------------------------------- ISO 9001:2015


def test_iso_library_covers_every_mapped_clause(sbt: Library, iso: Library) -> None:
    validate_mappings(sbt, iso)
    mapped = {ref for node in sbt.nodes for ref in node.iso9001_2015}
    assert mapped and all(ref in iso for ref in mapped)


def test_iso_library_shape(iso: Library) -> None:
    assert iso.urn == "urn:fuwu:library:iso-9001-2015"
    assert iso.kind == "reference"
    assert [node.ref_id for node in iso.children(None)] == ["4", "5", "6", "7", "8", "9", "10"]
    assert iso.node("10.3").parent == "10"
    assert iso.node("7.1.5").title_zh == "监视和测量资源"
    assert iso.node("8.5.3").title_en == "Property belonging to customers or external providers"
    assert all(not node.assessable and node.process is None for node in iso.nodes)


# ---------------------------------------------------------------------------- loading


def test_library_path() -> None:
    assert library_path("iso-9001-2015") == library_path("iso-9001-2015.yaml")
    with pytest.raises(FileNotFoundError, match="sbt-10382-2004"):
        library_path("no-such-library")
    with pytest.raises(FileNotFoundError):
        library_path("../libraries/iso-9001-2015")


def test_text_and_path_load_the_same(sbt: Library) -> None:
    path = library_path("sbt-10382-2004")
    assert load_library(path.read_text(encoding="utf-8")) == sbt
    assert load_library(str(path)) == sbt


# ---------------------------------------------------------------------------- validator

VALID = """\
urn: urn:fuwu:library:demo
ref_id: DEMO 1
kind: requirements
name_en: Demo standard
name_zh: 演示标准
version: 1
glossary:
  - ref_id: "3.1"
    term_en: contact
    term_zh: 接触
    definition_en: Keeping in touch with a customer.
    definition_zh: 与顾客保持联系。
nodes:
  - urn: urn:fuwu:req:demo:4
    ref_id: "4"
    order: 10
    title_en: Requirements
    title_zh: 要求
    assessable: false
    process: system
  - urn: urn:fuwu:req:demo:4.1
    ref_id: "4.1"
    parent: "4"
    order: 20
    title_en: Service
    title_zh: 服务
    assessable: true
    process: realization
    requirement_en: Serve the customer.
    requirement_zh: 为顾客服务。
    excludable: true
    exclusion_condition_en: No customers.
    exclusion_condition_zh: 没有顾客。
    iso9001_2015: ["8.5"]
    evidence_en:
      - service record
    evidence_zh:
      - 服务记录
  - urn: urn:fuwu:req:demo:4.1-a
    ref_id: "4.1 a"
    parent: "4.1"
    order: 30
    title_en: Item
    title_zh: 分项
    assessable: true
    process: realization
    requirement_en: Do the item.
    requirement_zh: 完成分项。
"""

ISO_MINI = """\
urn: urn:fuwu:library:iso-mini
ref_id: ISO mini
kind: reference
name_en: Mini
name_zh: 迷你
version: 1
nodes:
  - urn: urn:fuwu:req:iso-mini:8
    ref_id: "8"
    order: 10
    title_en: Operation
    title_zh: 运行
  - urn: urn:fuwu:req:iso-mini:8.5
    ref_id: "8.5"
    parent: "8"
    order: 20
    title_en: Production and service provision
    title_zh: 生产和服务提供
"""


def mutate(text: str, old: str, new: str) -> str:
    assert text.count(old) == 1, f"{old!r} must occur exactly once"
    return text.replace(old, new)


def line_of(text: str, fragment: str) -> int:
    """1-based line of the first occurrence of `fragment`."""
    return text[: text.index(fragment)].count("\n") + 1


def errors_of(text: str) -> list[str]:
    with pytest.raises(LibraryInvalid) as caught:
        load_library(text)
    assert all(str(error) in str(caught.value) for error in caught.value.errors)
    return [str(error) for error in caught.value.errors]


def test_the_valid_snippet_loads() -> None:
    library = load_library(VALID)
    assert [node.ref_id for node in library.nodes] == ["4", "4.1", "4.1 a"]
    assert library.node("4.1").excludable and library.node("4.1").line == 21
    assert library.children("4.1")[0].requirement_zh == "完成分项。"
    validate_mappings(library, load_library(ISO_MINI))


# Each case: (old text, new text, text marking the reported line, words of the message).
BROKEN = {
    "missing field": (
        "    title_zh: 分项\n",
        "",
        "  - urn: urn:fuwu:req:demo:4.1-a",
        "missing required field 'title_zh'",
    ),
    "empty title": ("title_en: Item", 'title_en: ""', 'title_en: ""', "'title_en' is empty"),
    "unquoted ref_id": ('ref_id: "4.1"', "ref_id: 4.1", "ref_id: 4.1", "must be text, not float"),
    "order not an integer": ("order: 30", "order: thirty", "order: thirty", "must be an integer"),
    "assessable not a bool": (
        "assessable: false",
        "assessable: maybe",
        "assessable: maybe",
        "must be true or false",
    ),
    "evidence not a list": (
        "    evidence_en:\n      - service record\n",
        "    evidence_en: service record\n",
        "evidence_en: service record",
        "'evidence_en' must be a list of texts",
    ),
    "unquoted clause number": (
        '["8.5"]',
        "[8.5]",
        "iso9001_2015",
        'quoted clause numbers like "7.5.1"',
    ),
    "duplicate ref_id": (
        'ref_id: "4.1 a"',
        'ref_id: "4.1"',
        'ref_id: "4.1"\n    parent: "4.1"',
        "duplicate ref_id '4.1' (first at line 22)",
    ),
    "duplicate urn": (
        "urn:fuwu:req:demo:4.1-a",
        "urn:fuwu:req:demo:4.1",
        'demo:4.1\n    ref_id: "4.1 a"',
        "duplicate urn",
    ),
    "duplicate order": (
        "order: 30",
        "order: 20",
        "order: 20\n    title_en: Item",
        "duplicate order 20",
    ),
    "unknown parent": (
        'parent: "4.1"',
        'parent: "4.9"',
        "  - urn: urn:fuwu:req:demo:4.1-a",
        "unknown parent '4.9'",
    ),
    "cycle": (
        'ref_id: "4"\n',
        'ref_id: "4"\n    parent: "4.1 a"\n',
        "  - urn: urn:fuwu:req:demo:4\n",
        "parent chain forms a cycle: 4 -> 4.1 a -> 4.1 -> 4",
    ),
    "order before parent": (
        "order: 10",
        "order: 25",
        "  - urn: urn:fuwu:req:demo:4.1\n",
        "order 20 must be greater than its parent's (25)",
    ),
    "bad process": (
        "process: system",
        "process: sistem",
        "process: sistem",
        "process 'sistem' is not one of",
    ),
    "excludable without condition": (
        "    exclusion_condition_en: No customers.\n    exclusion_condition_zh: 没有顾客。\n",
        "",
        "excludable: true",
        "excludable without 'exclusion_condition_en'",
    ),
    "condition without excludable": (
        "excludable: true",
        "excludable: false",
        "exclusion_condition_en",
        "given but excludable is not true",
    ),
    "excludable heading": (
        "assessable: false\n",
        "assessable: false\n    excludable: true\n"
        "    exclusion_condition_en: x\n    exclusion_condition_zh: 无\n",
        "excludable: true\n    exclusion_condition_en: x",
        "only an assessable node can be excludable",
    ),
    "unknown key": ("title_en: Item", "titel_en: Item", "titel_en", "unknown key 'titel_en'"),
    "repeated key": (
        "    title_zh: 分项\n",
        "    title_zh: 分项\n    title_zh: 分项项\n",
        "title_zh: 分项项",
        "key 'title_zh' appears more than once",
    ),
    "assessable without requirement": (
        "    requirement_zh: 完成分项。\n",
        "",
        "  - urn: urn:fuwu:req:demo:4.1-a",
        "an assessable node needs 'requirement_zh'",
    ),
    "urn not from ref_id": (
        "urn:fuwu:req:demo:4.1-a",
        "urn:fuwu:req:demo:4.1a",
        "demo:4.1a",
        "urn should be 'urn:fuwu:req:demo:4.1-a'",
    ),
    "chinese field in english": (
        "title_zh: 分项",
        "title_zh: Item",
        "title_zh: Item",
        "'title_zh' must be written in Chinese",
    ),
    "lists of different length": (
        "      - 服务记录\n",
        "      - 服务记录\n      - 客户签字\n",
        "evidence_zh",
        "'evidence_en' has 1 items but 'evidence_zh' has 2",
    ),
    "unknown characteristic": (
        "title_en: Item",
        "title_en: Item\n    characteristic: smell",
        "characteristic",
        "characteristic 'smell' is not one of",
    ),
    "glossary term incomplete": (
        "    definition_zh: 与顾客保持联系。\n",
        "",
        '  - ref_id: "3.1"',
        "term '3.1': missing required field 'definition_zh'",
    ),
    "bad library kind": ("kind: requirements", "kind: rules", "kind: rules", "kind must be one of"),
    "unknown top key": (
        "version: 1",
        "version: 1\nauthor: me",
        "author: me",
        "unknown key 'author'",
    ),
    "bad library urn": (
        "urn:fuwu:library:demo",
        "urn:demo",
        "urn: urn:demo",
        "urn must look like urn:fuwu:library:<name>",
    ),
    "yaml syntax": ("title_en: Item", "title_en: [Item", "title_zh: 分项", "YAML syntax error"),
}


@pytest.mark.parametrize("case", BROKEN, ids=list(BROKEN))
def test_validator_reports_each_error_with_its_line(case: str) -> None:
    old, new, marker, words = BROKEN[case]
    text = mutate(VALID, old, new)
    errors = errors_of(text)
    expected_line = line_of(text, marker)
    reported = [error for error in errors if error.startswith(f"line {expected_line}: ")]
    assert any(words in error for error in reported), (expected_line, errors)


def test_assessable_node_without_requirement_text_at_all() -> None:
    text = mutate(VALID, "    requirement_en: Do the item.\n    requirement_zh: 完成分项。\n", "")
    errors = errors_of(text)
    line = line_of(text, "  - urn: urn:fuwu:req:demo:4.1-a")
    assert f"line {line}: node '4.1 a': an assessable node needs 'requirement_en'" in errors
    assert f"line {line}: node '4.1 a': an assessable node needs 'requirement_zh'" in errors


def test_all_errors_are_collected_at_once() -> None:
    text = VALID
    for old, new, _, _ in (BROKEN[c] for c in ("bad process", "unknown key", "unknown parent")):
        text = mutate(text, old, new)
    text = mutate(text, "order: 30", "order: thirty")
    errors = errors_of(text)
    assert len(errors) >= 4
    for words in ("process 'sistem'", "unknown key 'titel_en'", "unknown parent '4.9'", "thirty"):
        assert any(words in error for error in errors), words
    assert [int(error.split(":")[0].split()[1]) for error in errors] == sorted(
        int(error.split(":")[0].split()[1]) for error in errors
    )


def test_reference_library_nodes_take_no_requirement_fields() -> None:
    text = mutate(ISO_MINI, "    title_zh: 运行\n", "    title_zh: 运行\n    process: system\n")
    errors = errors_of(text)
    assert any(
        error.startswith(f"line {line_of(text, 'process: system')}: ")
        and "unknown key 'process'" in error
        for error in errors
    )


def test_a_broken_packaged_library_raises_instead_of_returning_partial_data() -> None:
    text = library_path("sbt-10382-2004").read_text(encoding="utf-8")
    anchor = 'ref_id: "4.4.7 b"'
    start = text.index(anchor)
    broken = text[:start] + text[start:].replace("process: realization", "process: delivery", 1)
    with pytest.raises(LibraryInvalid) as caught:
        load_library(broken)
    (error,) = caught.value.errors
    assert error.line == line_of(broken, "process: delivery")
    assert "node '4.4.7 b'" in error.message


def test_validate_mappings_reports_unknown_iso_clauses() -> None:
    sbt = load_library(mutate(VALID, '["8.5"]', '["8.5", "9.9"]'))
    with pytest.raises(LibraryInvalid) as caught:
        validate_mappings(sbt, load_library(ISO_MINI))
    assert [str(error) for error in caught.value.errors] == [
        "line 21: node '4.1': iso9001_2015 refers to '9.9', not a clause of ISO mini"
    ]


def test_empty_or_non_mapping_documents() -> None:
    assert errors_of("- just\n- a list\n") == ["line 1: library must be a mapping, not a list"]
    errors = errors_of("urn: urn:fuwu:library:x\nnodes: []\n")
    assert any("missing required field 'name_zh'" in error for error in errors)
    assert any("nodes is empty" in error for error in errors)
