"""Pages of the standard app (see urls.py)."""

from .catalog import clause_applicability, clause_assess, clause_detail, glossary, iso_mapping, tree
from .dashboard import dashboard, report, snapshot
from .scope import scope, scope_edit

__all__ = [
    "clause_applicability",
    "clause_assess",
    "clause_detail",
    "dashboard",
    "glossary",
    "iso_mapping",
    "report",
    "scope",
    "scope_edit",
    "snapshot",
    "tree",
]
