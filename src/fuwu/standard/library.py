"""Clause libraries: parse and validate the YAML files in `libraries/` (pure Python, no Django).

A library is URN-keyed, in the spirit of CISO Assistant's framework libraries::

    urn: urn:fuwu:library:sbt-10382-2004
    ref_id: "SB/T 10382-2004"
    kind: requirements            # or "reference": nodes carry only numbers and titles
    name_en: ... / name_zh: ...
    version: 1
    glossary: [{ref_id, term_en, term_zh, definition_en, definition_zh}, ...]
    nodes: [{urn, ref_id, parent, order, title_en, title_zh, assessable, process, ...}, ...]

A node's `guidance_en`/`guidance_zh` say what auditors look for, which does not change as Fuwu
grows; what Fuwu itself does for the clause goes in `fuwu`, a list of claims, each naming the
app (or apps) that provide it::

    fuwu:
      - app: design                       # or a list: [operations, improvement]
        en: Fuwu models the contact process as stages ...
        zh: Fuwu将接触过程建模为 ...

The catalog shows a claim only while its apps are installed, so a claim about an app still to
come turns on by itself when that app lands. Guidance that names Fuwu is refused.

`load_library()` checks everything it can and reports every problem at once, each with the line it
was found on; it returns a `Library` only when there is none, so callers never see partial data.
`validate_mappings()` checks references from one library into another.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NamedTuple

import yaml

LIBRARIES_DIR = Path(__file__).resolve().parent / "libraries"

KINDS = ("requirements", "reference")
# The four processes of SB/T 10382-2004 4.1.2, plus documentation (4.6) and the system as a whole.
PROCESSES = ("responsibility", "resources", "realization", "measurement", "documentation", "system")
# The eight service characteristics (3.7): four tangible, of the resources; four intangible.
CHARACTERISTICS = {
    "personnel": "tangible",
    "facilities": "tangible",
    "supplies": "tangible",
    "environment": "tangible",
    "scope": "intangible",
    "procedure": "intangible",
    "skills": "intangible",
    "etiquette": "intangible",
}

# The apps a claim may name: those Fuwu has and those planned (docs/explanation/architecture.md).
# A misspelt label would silently never turn on, so it is refused instead.
FUWU_APPS = (
    "core",
    "standard",
    "documents",
    "design",
    "leadership",
    "resources",
    "operations",
    "measurement",
    "improvement",
)

_LIBRARY_URN = re.compile(r"^urn:fuwu:library:([a-z0-9]+(?:-[a-z0-9]+)*)$")
_CLAUSE_REF = re.compile(r"^\d+(?:\.\d+)*$")
_CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")

# Field kinds: "text" is a non-empty string, "texts" a list of them, "refs" a list of clause
# numbers ("7.5.1"), "list" any list, "claims" a list of what Fuwu does ({app, en, zh}).
_TOP_FIELDS = {
    "urn": "text",
    "ref_id": "text",
    "kind": "text",
    "name_en": "text",
    "name_zh": "text",
    "version": "int",
    "description_en": "text",
    "description_zh": "text",
    "glossary": "list",
    "nodes": "list",
}
_TERM_FIELDS = dict.fromkeys(
    ("ref_id", "term_en", "term_zh", "definition_en", "definition_zh"), "text"
)
_REFERENCE_NODE_FIELDS = {
    "urn": "text",
    "ref_id": "text",
    "parent": "text",
    "order": "int",
    "title_en": "text",
    "title_zh": "text",
}
_NODE_FIELDS = {
    **_REFERENCE_NODE_FIELDS,
    "assessable": "bool",
    "process": "text",
    "requirement_en": "text",
    "requirement_zh": "text",
    "excludable": "bool",
    "exclusion_condition_en": "text",
    "exclusion_condition_zh": "text",
    "gbt19001_2000": "refs",
    "iso9001_2015": "refs",
    "evidence_en": "texts",
    "evidence_zh": "texts",
    "guidance_en": "text",
    "guidance_zh": "text",
    "characteristic": "text",
    "indicators_en": "texts",
    "indicators_zh": "texts",
    "fuwu": "claims",
}
_CLAIM_FIELDS = {"app": "apps", "en": "text", "zh": "text"}
# Fields that come in an English/Chinese pair: one without the other is an error.
_PAIRED = ("requirement", "exclusion_condition", "evidence", "guidance", "indicators")
_PAIRED_TOP = ("description",)


# ---------------------------------------------------------------------------- public data types


@dataclass(frozen=True)
class LibraryError:
    """One problem found in a library file."""

    line: int | None
    message: str

    def __str__(self) -> str:
        return f"line {self.line}: {self.message}" if self.line else self.message


class LibraryInvalid(ValueError):
    """A library failed validation; `errors` lists every problem found, in line order."""

    def __init__(self, errors: list[LibraryError]) -> None:
        self.errors = tuple(sorted(errors, key=lambda e: (e.line or 0, e.message)))
        count = len(self.errors)
        lines = "\n".join(f"  {error}" for error in self.errors)
        super().__init__(f"{count} error{'s' if count != 1 else ''} in clause library:\n{lines}")


@dataclass(frozen=True)
class Term:
    """A defined term of the glossary (e.g. 3.2 contact point / 接触点)."""

    ref_id: str
    term_en: str
    term_zh: str
    definition_en: str
    definition_zh: str
    line: int = field(default=0, compare=False)


@dataclass(frozen=True)
class Claim:
    """What Fuwu does for a clause, true while all of `apps` are installed."""

    apps: tuple[str, ...]
    en: str
    zh: str

    def as_dict(self) -> dict[str, Any]:
        return {"apps": list(self.apps), "en": self.en, "zh": self.zh}


@dataclass(frozen=True)
class Node:
    """A clause, sub-clause, list item or guidance point of a library."""

    urn: str
    ref_id: str
    order: int
    title_en: str
    title_zh: str
    parent: str | None = None
    assessable: bool = False
    process: str | None = None
    requirement_en: str = ""
    requirement_zh: str = ""
    excludable: bool = False
    exclusion_condition_en: str = ""
    exclusion_condition_zh: str = ""
    gbt19001_2000: tuple[str, ...] = ()
    iso9001_2015: tuple[str, ...] = ()
    evidence_en: tuple[str, ...] = ()
    evidence_zh: tuple[str, ...] = ()
    guidance_en: str = ""
    guidance_zh: str = ""
    characteristic: str | None = None
    indicators_en: tuple[str, ...] = ()
    indicators_zh: tuple[str, ...] = ()
    fuwu: tuple[Claim, ...] = ()
    line: int = field(default=0, compare=False)

    @property
    def characteristic_kind(self) -> str | None:
        """The kind ("tangible" or "intangible") of the characteristic this node is about."""
        return CHARACTERISTICS.get(self.characteristic or "")


@dataclass(frozen=True)
class Library:
    """A validated library; `nodes` are in document order (by `order`)."""

    urn: str
    ref_id: str
    kind: str
    name_en: str
    name_zh: str
    version: int
    description_en: str = ""
    description_zh: str = ""
    glossary: tuple[Term, ...] = ()
    nodes: tuple[Node, ...] = ()
    _by_ref: dict[str, Node] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_by_ref", {node.ref_id: node for node in self.nodes})

    def __contains__(self, ref_id: object) -> bool:
        return ref_id in self._by_ref

    def node(self, ref_id: str) -> Node:
        """The node with this ref_id; KeyError if there is none."""
        return self._by_ref[ref_id]

    def children(self, ref_id: str | None) -> tuple[Node, ...]:
        """The direct children of `ref_id` (the top nodes for None), in document order."""
        return tuple(node for node in self.nodes if node.parent == ref_id)

    def term(self, ref_id: str) -> Term:
        """The glossary term with this ref_id; KeyError if there is none."""
        for term in self.glossary:
            if term.ref_id == ref_id:
                return term
        raise KeyError(ref_id)


# ---------------------------------------------------------------------------- loading


def library_path(name: str) -> Path:
    """The packaged library file `name` ("sbt-10382-2004" or "sbt-10382-2004.yaml")."""
    path = LIBRARIES_DIR / (name if name.endswith(".yaml") else f"{name}.yaml")
    if path.parent != LIBRARIES_DIR or not path.is_file():
        available = ", ".join(sorted(p.stem for p in LIBRARIES_DIR.glob("*.yaml")))
        raise FileNotFoundError(f"no clause library {name!r} (available: {available})")
    return path


def load_library(source: str | Path) -> Library:
    """Parse and validate a library from a `Path`, a file name, or YAML text (any str with a line
    break). Raises `LibraryInvalid` listing every problem found."""
    if isinstance(source, Path) or "\n" not in source:
        text = Path(source).read_text(encoding="utf-8")
    else:
        text = source
    try:
        data = yaml.load(text, Loader=_LineLoader)  # a SafeLoader subclass: no arbitrary objects
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        raise LibraryInvalid([LibraryError(line, f"YAML syntax error: {exc.problem}")]) from exc
    except yaml.YAMLError as exc:
        raise LibraryInvalid([LibraryError(None, f"YAML error: {exc}")]) from exc
    checker = _Checker()
    library = checker.library(data)
    if checker.errors or library is None:
        raise LibraryInvalid(checker.errors)
    return library


def validate_mappings(sbt: Library, iso: Library) -> None:
    """Check that every `iso9001_2015` reference in `sbt` names a node of `iso`."""
    errors = [
        LibraryError(
            node.line,
            f"node {node.ref_id!r}: iso9001_2015 refers to {ref!r}, not a clause of {iso.ref_id}",
        )
        for node in sbt.nodes
        for ref in node.iso9001_2015
        if ref not in iso
    ]
    if errors:
        raise LibraryInvalid(errors)


# ---------------------------------------------------------------------------- YAML with lines


class _Mapping(dict):
    """A YAML mapping that remembers its line, each key's line, and repeated keys."""

    line: int = 0
    key_lines: dict[Any, int]
    repeated: list[tuple[Any, int]]


# libyaml's parser where PyYAML was built with it: the packaged library is read on every
# new installation and is ten times quicker to parse in C.
_SafeLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _LineLoader(_SafeLoader):  # type: ignore[misc,valid-type]
    """SafeLoader whose mappings are `_Mapping`s."""


def _construct_mapping(loader: _LineLoader, node: yaml.MappingNode) -> Iterator[_Mapping]:
    mapping = _Mapping()
    mapping.line = node.start_mark.line + 1
    mapping.key_lines, mapping.repeated = {}, []
    yield mapping
    loader.flatten_mapping(node)
    for key_node, _ in node.value:
        if isinstance(key_node, yaml.ScalarNode):
            key = loader.construct_object(key_node)
            if key in mapping.key_lines:
                mapping.repeated.append((key, key_node.start_mark.line + 1))
            else:
                mapping.key_lines[key] = key_node.start_mark.line + 1
    mapping.update(loader.construct_mapping(node))


_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)


# ---------------------------------------------------------------------------- validation


def urn_slug(ref_id: str) -> str:
    """The URN form of a ref_id: lower case, spaces as "-" ("4.4.7 b" -> "4.4.7-b")."""
    return "-".join(ref_id.lower().split())


class _Checker:
    """Collects every error while turning parsed YAML into a `Library`."""

    def __init__(self) -> None:
        self.errors: list[LibraryError] = []

    def error(self, line: int | None, message: str) -> None:
        self.errors.append(LibraryError(line, message))

    def fields(
        self, raw: Any, spec: dict[str, str], what: str, line: int, required: tuple[str, ...]
    ) -> dict[str, Any] | None:
        """Type-check a mapping against `spec`; returns the present, well-typed values."""
        if not isinstance(raw, _Mapping):
            self.error(line, f"{what} must be a mapping, not {_type_name(raw)}")
            return None
        for key, key_line in raw.repeated:
            self.error(key_line, f"{what}: key {key!r} appears more than once")
        values: dict[str, Any] = {}
        for key, value in raw.items():
            key_line = raw.key_lines.get(key, raw.line)
            kind = spec.get(key) if isinstance(key, str) else None
            if kind is None:
                allowed = ", ".join(spec)
                self.error(key_line, f"{what}: unknown key {key!r} (allowed: {allowed})")
            elif kind == "claims":
                values[key] = self.claims(value, what, key_line)
            elif (checked := _CHECKS[kind](value)) is not None:
                self.error(key_line, f"{what}: {key!r} {checked}")
            elif (key.endswith("_zh") or key == "zh") and not _all_cjk(value):
                self.error(key_line, f"{what}: {key!r} must be written in Chinese")
            else:
                values[key] = tuple(value) if isinstance(value, list) else value
        for key in required:
            if key not in raw:
                self.error(raw.line, f"{what}: missing required field {key!r}")
        for stem in _PAIRED_TOP if spec is _TOP_FIELDS else _PAIRED:
            en, zh = f"{stem}_en", f"{stem}_zh"
            if (en in raw) != (zh in raw):
                have, lack = (en, zh) if en in raw else (zh, en)
                self.error(raw.key_lines.get(have, raw.line), f"{what}: {have!r} without {lack!r}")
            elif (
                isinstance(values.get(en), tuple)
                and isinstance(values.get(zh), tuple)
                and len(values[en]) != len(values[zh])
            ):
                self.error(
                    raw.key_lines.get(zh, raw.line),
                    f"{what}: {en!r} has {len(values[en])} items but {zh!r} has {len(values[zh])}",
                )
        return values

    def claims(self, raw: Any, what: str, line: int) -> tuple[Claim, ...]:
        """`fuwu`: a list of {app, en, zh}; `app` a known app label or a list of them."""
        if not isinstance(raw, list) or not raw:
            self.error(line, f"{what}: 'fuwu' must be a non-empty list of claims (app, en, zh)")
            return ()
        claims = []
        for item in raw:
            where = getattr(item, "line", line)
            values = self.fields(item, _CLAIM_FIELDS, f"{what}, claim", where, tuple(_CLAIM_FIELDS))
            if values is None or len(values) < len(_CLAIM_FIELDS):
                continue
            apps = (values["app"],) if isinstance(values["app"], str) else values["app"]
            unknown = [app for app in apps if app not in FUWU_APPS]
            if unknown:
                self.error(
                    item.key_lines.get("app", where),
                    f"{what}, claim: app {unknown[0]!r} is not a Fuwu app "
                    f"(one of {', '.join(FUWU_APPS)})",
                )
                continue
            claims.append(Claim(apps=tuple(dict.fromkeys(apps)), en=values["en"], zh=values["zh"]))
        return tuple(claims)

    def library(self, data: Any) -> Library | None:
        top = self.fields(
            data,
            _TOP_FIELDS,
            "library",
            1,
            ("urn", "ref_id", "kind", "name_en", "name_zh", "version", "nodes"),
        )
        if top is None:
            return None
        kind = top.get("kind")
        if kind is not None and kind not in KINDS:
            self.error(data.key_lines["kind"], f"library: kind must be one of {', '.join(KINDS)}")
            kind = None
        match = _LIBRARY_URN.match(top.get("urn", ""))
        if "urn" in top and not match:
            self.error(data.key_lines["urn"], "library: urn must look like urn:fuwu:library:<name>")
        if "version" in top and top["version"] < 1:
            self.error(data.key_lines["version"], "library: version must be 1 or more")
        glossary = self.glossary(data.get("glossary", []), data.line)
        nodes = self.nodes(
            top.get("nodes", ()),
            kind,
            match.group(1) if match else None,
            data.key_lines.get("nodes", data.line),
        )
        if "nodes" in top and not top["nodes"]:
            self.error(data.key_lines["nodes"], "library: nodes is empty")
        if self.errors:
            return None
        return Library(
            urn=top["urn"],
            ref_id=top["ref_id"],
            kind=top["kind"],
            name_en=top["name_en"],
            name_zh=top["name_zh"],
            version=top["version"],
            description_en=top.get("description_en", ""),
            description_zh=top.get("description_zh", ""),
            glossary=glossary,
            nodes=nodes,
        )

    def glossary(self, raw: Any, line: int) -> tuple[Term, ...]:
        terms: list[Term] = []
        seen: dict[str, int] = {}
        for item in raw if isinstance(raw, list) else ():
            where = getattr(item, "line", line)
            ref = item.get("ref_id") if isinstance(item, dict) else None
            what = f"term {ref!r}" if isinstance(ref, str) else "term"
            values = self.fields(item, _TERM_FIELDS, what, where, tuple(_TERM_FIELDS))
            if values is None or len(values) < len(_TERM_FIELDS):
                continue
            if values["ref_id"] in seen:
                first = seen[values["ref_id"]]
                self.error(where, f"{what}: duplicate ref_id (first at line {first})")
                continue
            seen[values["ref_id"]] = where
            terms.append(Term(**values, line=where))
        return tuple(terms)

    def nodes(
        self, raw: Any, kind: str | None, library_slug: str | None, line: int
    ) -> tuple[Node, ...]:
        """Nodes of a `kind` library (None if the kind itself is wrong: check what we can)."""
        spec = _REFERENCE_NODE_FIELDS if kind == "reference" else _NODE_FIELDS
        required = ("urn", "ref_id", "order", "title_en", "title_zh")
        if kind == "requirements":
            required += ("assessable", "process")
        nodes: list[Node] = []
        places: dict[str, _Place] = {}
        first_line: dict[tuple[str, Any], int] = {}
        for item in raw:
            where = getattr(item, "line", line)
            ref = item.get("ref_id") if isinstance(item, dict) else None
            what = "node" if ref is None or isinstance(ref, dict | list) else f"node {str(ref)!r}"
            values = self.fields(item, spec, what, where, required)
            if values is None:
                continue
            before = len(self.errors)
            self.node_rules(values, item, what, library_slug)
            for key in ("ref_id", "urn", "order"):
                if key not in values:
                    continue
                seen = first_line.setdefault((key, values[key]), item.key_lines[key])
                if seen != item.key_lines[key]:
                    self.error(
                        item.key_lines[key],
                        f"{what}: duplicate {key} {values[key]!r} (first at line {seen})",
                    )
            if "ref_id" in values:
                place = _Place(values["ref_id"], values.get("parent"), values.get("order"), where)
                places.setdefault(place.ref_id, place)
            if len(self.errors) == before and all(key in values for key in required):
                nodes.append(Node(**values, line=where))
        self.tree_rules(places)
        return tuple(sorted(nodes, key=lambda node: node.order))

    def node_rules(
        self, values: dict[str, Any], raw: _Mapping, what: str, slug: str | None
    ) -> None:
        """Rules on one node that need more than one field."""

        def line(key: str) -> int:
            return raw.key_lines.get(key, raw.line)

        ref = values.get("ref_id")
        if slug and ref and "urn" in values:
            expected = f"urn:fuwu:req:{slug}:{urn_slug(ref)}"
            if values["urn"] != expected:
                self.error(line("urn"), f"{what}: urn should be {expected!r}")
        if "order" in values and values["order"] < 0:
            self.error(line("order"), f"{what}: order must not be negative")
        if "process" in values and values["process"] not in PROCESSES:
            self.error(
                line("process"),
                f"{what}: process {values['process']!r} is not one of {', '.join(PROCESSES)}",
            )
        if "characteristic" in values and values["characteristic"] not in CHARACTERISTICS:
            self.error(
                line("characteristic"),
                f"{what}: characteristic {values['characteristic']!r} is not one of "
                f"{', '.join(CHARACTERISTICS)}",
            )
        for key in ("guidance_en", "guidance_zh"):
            if "Fuwu" in values.get(key, ""):
                self.error(
                    line(key),
                    f"{what}: {key!r} says what Fuwu does: put that in 'fuwu', with the app "
                    "that provides it, so it shows only while it is true",
                )
        if values.get("assessable"):
            for key in ("requirement_en", "requirement_zh"):
                if key not in raw:
                    self.error(raw.line, f"{what}: an assessable node needs {key!r}")
        if values.get("excludable"):
            if "assessable" in values and not values["assessable"]:
                self.error(line("excludable"), f"{what}: only an assessable node can be excludable")
            for key in ("exclusion_condition_en", "exclusion_condition_zh"):
                if key not in raw:
                    self.error(line("excludable"), f"{what}: excludable without {key!r}")
        else:
            for key in ("exclusion_condition_en", "exclusion_condition_zh"):
                if key in raw:
                    self.error(line(key), f"{what}: {key!r} given but excludable is not true")
                    break

    def tree_rules(self, places: dict[str, _Place]) -> None:
        """Parents exist, precede their children, and never loop. Checked on every node with a
        usable ref_id, even one dropped for other errors, so no problem goes unreported."""
        in_cycle: set[str] = set()
        for place in places.values():
            if place.parent is None:
                continue
            parent = places.get(place.parent)
            if parent is None:
                self.error(place.line, f"node {place.ref_id!r}: unknown parent {place.parent!r}")
                continue
            chain = [place.ref_id]
            current: _Place | None = parent
            while current is not None and current.ref_id not in chain:
                chain.append(current.ref_id)
                current = places.get(current.parent) if current.parent else None
            if current is not None and current.ref_id not in in_cycle:
                loop = chain[chain.index(current.ref_id) :]
                in_cycle.update(loop)
                path = " -> ".join([*loop, current.ref_id])
                self.error(places[loop[0]].line, f"parent chain forms a cycle: {path}")
            if (
                place.order is not None
                and parent.order is not None
                and parent.order >= place.order
                and place.ref_id not in in_cycle
            ):
                self.error(
                    place.line,
                    f"node {place.ref_id!r}: order {place.order} must be greater than its "
                    f"parent's ({parent.order})",
                )


class _Place(NamedTuple):
    """Where a node sits in the tree: enough to check parents, cycles and order."""

    ref_id: str
    parent: str | None
    order: int | None
    line: int


def _type_name(value: Any) -> str:
    return {dict: "a mapping", _Mapping: "a mapping", list: "a list", str: "text"}.get(
        type(value), type(value).__name__
    )


def _check_text(value: Any) -> str | None:
    if not isinstance(value, str):
        hint = " (quote it)" if isinstance(value, int | float) else ""
        return f"must be text, not {_type_name(value)}{hint}"
    return None if value.strip() else "is empty"


def _check_texts(value: Any) -> str | None:
    if not isinstance(value, list):
        return f"must be a list of texts, not {_type_name(value)}"
    bad = [item for item in value if not isinstance(item, str) or not item.strip()]
    return f"must hold only non-empty texts (found {bad[0]!r})" if bad else None


def _check_apps(value: Any) -> str | None:
    """An app label, or a non-empty list of them (a claim true only with all of them)."""
    if isinstance(value, str):
        return _check_text(value)
    if isinstance(value, list) and value:
        return _check_texts(value)
    return f"must be an app label or a list of them, not {_type_name(value)}"


def _check_refs(value: Any) -> str | None:
    if not isinstance(value, list):
        return f"must be a list of clause numbers, not {_type_name(value)}"
    bad = [item for item in value if not isinstance(item, str) or not _CLAUSE_REF.match(item)]
    if bad:
        return f'must hold quoted clause numbers like "7.5.1" (found {bad[0]!r})'
    return None


_CHECKS: dict[str, Callable[[Any], str | None]] = {
    "text": _check_text,
    "texts": _check_texts,
    "refs": _check_refs,
    "apps": _check_apps,
    "bool": lambda v: None if isinstance(v, bool) else f"must be true or false, not {v!r}",
    "int": lambda v: (
        None if isinstance(v, int) and not isinstance(v, bool) else f"must be an integer, not {v!r}"
    ),
    "list": lambda v: None if isinstance(v, list) else f"must be a list, not {_type_name(v)}",
}


def _all_cjk(value: Any) -> bool:
    """Chinese text fields (and every item of Chinese lists) contain CJK characters."""
    items = value if isinstance(value, list) else [value]
    return all(isinstance(item, str) and _CJK.search(item) for item in items)
