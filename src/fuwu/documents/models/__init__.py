"""Models of controlled documents and record control, one module per sub-domain."""

from .documents import (
    Category,
    Document,
    DocumentVersion,
    ReviewReminder,
    Status,
)
from .records import DisposalMethod, RecordDisposal, RecordType

__all__ = [
    "Category",
    "DisposalMethod",
    "Document",
    "DocumentVersion",
    "RecordDisposal",
    "RecordType",
    "ReviewReminder",
    "Status",
]
