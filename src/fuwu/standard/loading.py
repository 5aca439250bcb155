"""Loading the packaged clause libraries into the database.

Runs after every `migrate` and from `fuwu manage load_libraries`. It is idempotent
(rows are matched by URN) and all-or-nothing: a library that fails validation
raises before anything is written.
"""

from __future__ import annotations

import logging
from typing import Any

from django.db import transaction

from .library import Library, library_path, load_library, validate_mappings
from .models import Clause, Term
from .models import Library as LibraryRow

log = logging.getLogger(__name__)

PACKAGED = ("iso-9001-2015", "sbt-10382-2004")
SBT_URN = "urn:fuwu:library:sbt-10382-2004"
NODE_FIELDS = (
    "order",
    "title_en",
    "title_zh",
    "requirement_en",
    "requirement_zh",
    "assessable",
    "process",
    "excludable",
    "exclusion_condition_en",
    "exclusion_condition_zh",
    "gbt19001_2000",
    "iso9001_2015",
    "evidence_en",
    "evidence_zh",
    "guidance_en",
    "guidance_zh",
    "characteristic",
    "indicators_en",
    "indicators_zh",
)
# Stored too, as `Clause.fuwu`, but not in NODE_FIELDS: the API and the pages show a claim only
# while its apps are installed (claims.py), never the raw list.


def read_packaged() -> list[Library]:
    """Parse and cross-check the packaged libraries (raises LibraryInvalid)."""
    libraries = {name: load_library(library_path(name)) for name in PACKAGED}
    validate_mappings(libraries["sbt-10382-2004"], libraries["iso-9001-2015"])
    return list(libraries.values())


def load_packaged_libraries() -> dict[str, int]:
    """Load every packaged library; returns the number of clauses per library."""
    libraries = read_packaged()
    counts = {}
    with transaction.atomic():
        for library in libraries:
            counts[library.ref_id] = _store(library)
    return counts


def _store(library: Library) -> int:
    row, _ = LibraryRow.objects.update_or_create(
        urn=library.urn,
        defaults={
            "ref_id": library.ref_id,
            "kind": library.kind,
            "name_en": library.name_en,
            "name_zh": library.name_zh,
            "version": library.version,
            "description_en": library.description_en,
            "description_zh": library.description_zh,
        },
    )
    existing = {c.ref_id: c for c in Clause.objects.filter(library=row)}
    stored: dict[str, Clause] = {}
    for node in library.nodes:  # document order: parents come before their children
        clause = existing.get(node.ref_id) or Clause(library=row, ref_id=node.ref_id)
        clause.urn = node.urn
        clause.parent = stored.get(node.parent) if node.parent else None
        clause.depth = clause.parent.depth + 1 if clause.parent else 0
        clause.retired = False
        for name in NODE_FIELDS:
            setattr(clause, name, _plain(getattr(node, name)))
        clause.fuwu = [claim.as_dict() for claim in node.fuwu]
        clause.save()
        stored[node.ref_id] = clause
    gone = set(existing) - set(stored)
    # Decisions and assessments may refer to a clause a newer library dropped: keep it, retired.
    Clause.objects.filter(library=row, ref_id__in=gone).update(retired=True)
    Term.objects.filter(library=row).delete()
    Term.objects.bulk_create(
        Term(
            library=row,
            ref_id=t.ref_id,
            term_en=t.term_en,
            term_zh=t.term_zh,
            definition_en=t.definition_en,
            definition_zh=t.definition_zh,
        )
        for t in library.glossary
    )
    return len(stored)


def _plain(value: Any) -> Any:
    if isinstance(value, tuple):
        return list(value)
    return "" if value is None else value


def load_after_migrate(sender: Any, **kwargs: Any) -> None:
    """post_migrate hook: keep the catalog in step with the installed package."""
    using = kwargs.get("using", "default")
    if using != "default":
        return
    if not kwargs.get("apps"):
        # `flush` (and the test runner's flush after a live-server test) sends the signal
        # without migration state: the tables are empty, the catalog must come back.
        from .models import Library

        if Library.objects.exists():
            return
    plan = kwargs.get("plan") or []
    if plan and all(backwards for _migration, backwards in plan):
        return
    counts = load_packaged_libraries()
    if kwargs.get("verbosity", 1) >= 2:
        log.info("clause libraries loaded: %s", counts)
