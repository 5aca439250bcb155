"""The standard as data (shared by every organization) and each organization's
position against it: scope, applicability, manual assessments, snapshots."""

from .catalog import Clause, Library, Term
from .conformity import Applicability, Assessment, AssessmentResult, ConformitySnapshot, Scope

__all__ = [
    "Applicability",
    "Assessment",
    "AssessmentResult",
    "Clause",
    "ConformitySnapshot",
    "Library",
    "Scope",
    "Term",
]
