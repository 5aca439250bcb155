"""Models of controlled documents and record control, one module per sub-domain."""

from .documents import (
    OPEN_STATUSES,
    Category,
    Document,
    DocumentVersion,
    ReviewReminder,
    Status,
)
from .records import DisposalMethod, RecordDisposal, RecordType

__all__ = [
    "OPEN_STATUSES",
    "Category",
    "DisposalMethod",
    "Document",
    "DocumentVersion",
    "RecordDisposal",
    "RecordType",
    "ReviewReminder",
    "Status",
]
